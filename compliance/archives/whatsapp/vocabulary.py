"""What a WhatsApp message body is: media placeholder, attachment, deleted, location, poll, call.

Matching is by shape where the shape is stable (``<...>`` placeholders, ``name.ext (label)``,
``<label: name>``) and by phrase tables for the rest, in the languages of the issue
(de, en, fr, es, it, nl, pt, tr, pl, ru, plus cs where samples showed it).
"""

from __future__ import annotations

import itertools
import re

from compliance.archives.model import Attachment, MessageKind
from compliance.archives.whatsapp.grammar import INVISIBLE_MARKS, STRIP_TABLE

_INVISIBLE = re.compile(f"[{INVISIBLE_MARKS}]")

_DELETED = {
    "this message was deleted", "you deleted this message",
    "diese nachricht wurde gelöscht", "du hast diese nachricht gelöscht",
    "ce message a été supprimé", "vous avez supprimé ce message",
    "se eliminó este mensaje", "eliminaste este mensaje", "este mensaje fue eliminado",
    "questo messaggio è stato eliminato", "hai eliminato questo messaggio",
    "dit bericht is verwijderd", "u hebt dit bericht verwijderd",
    "je hebt dit bericht verwijderd",
    "esta mensagem foi apagada", "você apagou esta mensagem", "apagou esta mensagem",
    "mensagem apagada", "eliminou esta mensagem", "esta mensagem foi eliminada",
    "bu mesaj silindi", "bu mesajı sildiniz",
    "ta wiadomość została usunięta", "usunąłeś tę wiadomość", "usunęłaś tę wiadomość",
    "wiadomość usunięta",
    "данное сообщение удалено", "вы удалили данное сообщение", "это сообщение удалено",
    "tato zpráva byla smazána", "tuto zprávu jste smazali",
}  # fmt: skip

# iOS "without media" placeholders: the media noun, then the localised "omitted".
_OMITTED_IOS = re.compile(
    r"(?:image|video|audio|sticker|GIF|document|Contact card|video note|"
    r"Bild|Video|Audio|Sticker|Dokument|Kontaktkarte|Videonotiz|"
    r"image|vidéo|audio|sticker|document|Fiche contact|"
    r"imagen|video|audio|sticker|documento|Tarjeta de contacto|"
    r"immagine|video|audio|sticker|documento|Scheda contatto|"
    r"afbeelding|video|audio|sticker|document|Contactkaart|"
    r"imagem|vídeo|ficheiro de áudio|áudio|sticker|documento|Contacto|Contato|"
    r"görüntü|video|ses|çıkartma|belge|Kişi kartı|"
    r"obraz|film|wideo|audio|naklejka|dokument|Karta kontaktu|"
    r"изображение|видео|аудиофайл|стикер|документ|Карточка контакта|"
    r"obrázek|video|zvukový soubor|nálepka|dokument|Vizitka)"
    r" (?:omitted|weggelassen|ausgelassen|absente?|omise?|retiré|manquante?|"
    r"omitid[oa]|omess[oa]|non incluso|esclus[oa]|weggelaten|"
    r"não revelad[oa]|omitid[oa]|dahil edilmedi|atlandı|pominięt[oy]|pominięto|"
    r"отсутствует|не добавлен|vynechán[oa]?|tidak disertakan)$",
    re.IGNORECASE,
)
_OMITTED_ENDINGS = tuple(
    [
        "omitted",
        "weggelassen",
        "ausgelassen",
        "absente",
        "absent",
        "omis",
        "omise",
        "retiré",
        "manquante",
        "manquant",
        "omitido",
        "omitida",
        "omesso",
        "omessa",
        "incluso",
        "esclusa",
        "escluso",
        "weggelaten",
        "revelado",
        "revelada",
        "edilmedi",
        "atlandı",
        "pominięty",
        "pominięto",
        "отсутствует",
        "добавлен",
        "vynechán",
        "vynechána",
        "vynecháno",
        "disertakan",
    ]
)
# Placeholders in scripts without spaces before the verb (ja, zh, hi, th, ...).
_OMITTED_SCRIPT_ENDINGS = (
    "は含まれていません", "已忽略", "已省略", "हटाई गई", "हटाया गया", "ถูกลบออก",
)  # fmt: skip
_CONTACT_WORDS = re.compile(
    r"^(?:contact card|kontaktkarte|fiche contact|tarjeta de contacto|scheda contatto|"
    r"contactkaart|contacto|contato|kişi kartı|karta kontaktu|карточка контакта|vizitka)",
    re.IGNORECASE,
)
_ANDROID_OMITTED = re.compile(r"^<[^<>]{2,40}>$")
_ANDROID_ATTACHED = re.compile(r"^(?P<name>[^\n]*?\.\w{1,6}) \((?P<label>[^()\n]{3,40})\)$")
_ATTACHED_LABELS = {
    "file attached", "datei angehängt", "fichier joint", "archivo adjunto", "file allegato",
    "bestand bijgevoegd", "arquivo anexado", "ficheiro anexado", "dosya ekli",
    "plik załączony", "załączono plik", "файл добавлен", "soubor byl přiložen",
}  # fmt: skip
_WHATSAPP_MEDIA_NAME = re.compile(r"^(?:IMG|VID|PTT|AUD|STK|DOC)-\d{8}-WA\d+")
_IOS_ATTACHED = re.compile(r"<(?P<label>[^<>:\n]{2,25}?) ?: (?P<name>[^<>\n]+)>")
_LOCATION_WORDS = (
    "location", "standort", "locatie", "ubicación", "localisation", "posizione",
    "localização", "местоположение", "konum", "lokalizacja", "poloha",
)  # fmt: skip
_LOCATION_PREFIXES = (
    *(f"{word}{colon}" for word in _LOCATION_WORDS for colon in (": ", " : ")),
    "live location shared", "live-standort wird geteilt", "position en direct partagée",
    "ubicación en tiempo real compartida", "posizione attuale condivisa",
    "live locatie gedeeld", "localização em tempo real partilhada", "трансляция геоданных",
)  # fmt: skip
_LOCATION_URLS = ("maps.google.com/?q=", "foursquare.com/v/")
_POLL = re.compile(
    r"^(?:POLL|UMFRAGE|SONDAGE|ENCUESTA|SONDAGGIO|PEILING|ENQUETE|SONDAGEM|ANKET|ANKIETA|ОПРОС):$",
    re.IGNORECASE,
)
_CALL_STARTS = tuple(
    [
        "missed",
        "voice",
        "video",
        "group",
        "verpasster",
        "sprach",
        "video",
        "appel",
        "llamada",
        "videollamada",
        "chiamata",
        "gemiste",
        "spraak",
        "chamada",
        "cevapsız",
        "sesli",
        "görüntülü",
        "nieodebrane",
        "połączenie",
        "пропущенный",
        "аудио",
        "видео",
    ]
)
_CALL = re.compile(
    r"^(?:missed (?:voice|video|group) call|(?:voice|video|group) call\b|"
    r"verpasster (?:sprach|video)anruf|(?:sprach|video)anruf\b|"
    r"appel (?:vocal|vidéo)|llamada (?:de voz|de video|perdida)|videollamada|"
    r"chiamata (?:vocale|video)|(?:gemiste )?(?:spraak|video)oproep|"
    r"chamada de (?:voz|vídeo)|(?:cevapsız )?(?:sesli|görüntülü) arama|"
    r"(?:nieodebrane )?połączenie (?:głosowe|wideo)|(?:пропущенный )?(?:аудио|видео)звонок)",
    re.IGNORECASE,
)
_EDITED_SUFFIX = re.compile(r"\s*<[^<>]{5,60}>$")
_MEDIA_TYPES = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp",
    "gif": "image/gif", "heic": "image/heic", "mp4": "video/mp4", "mov": "video/quicktime",
    "3gp": "video/3gpp", "opus": "audio/ogg", "ogg": "audio/ogg", "mp3": "audio/mpeg",
    "m4a": "audio/mp4", "aac": "audio/aac", "wav": "audio/wav", "vcf": "text/vcard",
    "pdf": "application/pdf", "txt": "text/plain", "zip": "application/zip",
    "doc": "application/msword", "docx": "application/vnd.openxmlformats-officedocument"
    ".wordprocessingml.document", "xlsx": "application/vnd.openxmlformats-officedocument"
    ".spreadsheetml.sheet",
}  # fmt: skip

# Phrases of app-generated entries, for lines that carry a name (the chat's) as sender.
SYSTEM_PHRASES = re.compile(
    r"end-to-end|ende-zu-ende|de bout en bout|de extremo a extremo|crittografat|"
    r"versleuteld|ponta a ponta|uçtan uca|szyfrowan|сквозн|шифрован|"
    r"\b(?:created group|added|removed|left|joined using|changed the (?:subject|group|group's)|"
    r"changed this group's|security code|changed their phone number|message timer|"
    r"disappearing messages|is a contact|secure service from Meta|"
    r"hat die Gruppe|hinzugefügt|entfernt|hat die Gruppe verlassen|Sicherheitscode|"
    r"Nachrichtendauer|a créé le groupe|a ajouté|a retiré|est parti|creó el grupo|añadió|"
    r"salió|ha creato il gruppo|ha aggiunto|è uscito|heeft groep|heeft .* toegevoegd|"
    r"criou o grupo|adicionou|saiu|grubu oluşturdu|ekledi|ayrıldı|utworzył grupę|dodał|"
    r"opuścił|создал\(-а\) группу|добавил|удалил|вышел)",
    re.IGNORECASE,
)


# Most bodies are plain text, and a tuple of thirty endings or prefixes is tried one by
# one: a set of their last (first) few characters rules nearly every body out at once.
_TAIL = _HEAD = 4
_OMITTED_TAILS = frozenset(ending[-_TAIL:] for ending in _OMITTED_ENDINGS)
_LOCATION_HEADS = frozenset(prefix[:_HEAD] for prefix in _LOCATION_PREFIXES)
_CALL_HEADS = frozenset(start[:_HEAD] for start in _CALL_STARTS)
assert min(map(len, (*_OMITTED_ENDINGS, *_LOCATION_PREFIXES, *_CALL_STARTS))) >= _HEAD
# The same tails (and "null") in every mix of cases, for ASCII bodies: counting tests a
# body's last four characters against them without lowering it (see might_be_media).
ASCII_MEDIA_TAILS = frozenset(
    "".join(chars)
    for tail in (*_OMITTED_TAILS, "null")
    if tail.isascii()
    for chars in itertools.product(*({c, c.upper()} for c in tail))
)


def media_type_of(name: str) -> str | None:
    """A media type from a file name's extension, when it is a common one."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return _MEDIA_TYPES.get(extension)


def might_be_media(line: str) -> bool:
    """False only when :func:`classify` would not call this one-line body media (or a
    contact or sticker): a cheap pre-check for counting, where most bodies are text."""
    if "<" in line or ")" in line:
        return True  # placeholders in angle brackets, "name.ext (file attached)"
    tail = line[-_TAIL - 2 :]
    if tail.isascii() and not tail[-1:].isspace():
        # No invisible mark or space to strip at the end: the tail is what classify sees.
        tail = tail[-_TAIL:].lower()
        return tail in _OMITTED_TAILS or tail == "null"
    if not line.isascii() and not line.isprintable() and _INVISIBLE.search(line):
        return True
    stripped = line.strip()
    tail = stripped.lower()[-_TAIL:]
    if tail in _OMITTED_TAILS or tail == "null":
        return True
    return not stripped.isascii() and stripped.endswith(_OMITTED_SCRIPT_ENDINGS)


_PLAIN_TEXT: tuple[MessageKind, tuple[Attachment, ...]] = (MessageKind.TEXT, ())
# Heads (first four characters, lowered) of everything classify() recognises by its start.
_SPECIAL_HEADS = _LOCATION_HEADS | _CALL_HEADS | frozenset(p[:_HEAD] for p in _DELETED)


def _is_plain_text(body: str) -> bool:
    """True when :func:`classify` would find nothing in a body: one line without marks,
    brackets or slashes, whose start and end are not those of anything it recognises.
    Most messages are such text, and this costs a third of the full check."""
    if "\n" in body or "<" in body or "/" in body:
        return False
    if not body.isascii() and not body.isprintable():
        return False  # invisible marks or exotic spaces
    line = body.strip()
    if not line or line[-1] in "):":
        return False
    if not line.isascii() and line.endswith(_OMITTED_SCRIPT_ENDINGS):
        return False  # a placeholder in a script without spaces
    tail = line[-_TAIL:].lower()
    if tail in _OMITTED_TAILS or tail == "null":
        return False
    return line[:_HEAD].lower() not in _SPECIAL_HEADS


def classify(body: str) -> tuple[MessageKind, tuple[Attachment, ...]]:
    """The kind and attachments of an authored WhatsApp message body."""
    return _PLAIN_TEXT if _is_plain_text(body) else _classify(body)


def _classify(body: str) -> tuple[MessageKind, tuple[Attachment, ...]]:
    end = body.find("\n")
    first_line = body if end < 0 else body[:end]
    plain = first_line.isascii()
    # The marks are neither ASCII nor printable: most lines are let through by C loops.
    if not plain and not first_line.isprintable() and _INVISIBLE.search(first_line):
        first_line = first_line.translate(STRIP_TABLE)
    first_line = first_line.strip()
    if not first_line:
        return MessageKind.TEXT, ()
    lowered = first_line.lower()
    if lowered.rstrip(".") in _DELETED:
        return MessageKind.DELETED, ()
    if "<" in first_line:
        attached = _IOS_ATTACHED.search(first_line)
        if attached is not None and "." in attached["name"]:
            return _attachment_kind(attached["name"].strip())
        if _ANDROID_OMITTED.match(first_line):
            return MessageKind.MEDIA, (Attachment(None, None, None, False),)
        first_line = _EDITED_SUFFIX.sub("", first_line)
        lowered = first_line.lower()
    if first_line.endswith(")"):
        attached = _ANDROID_ATTACHED.match(first_line)
        if attached is not None and (
            attached["label"].lower() in _ATTACHED_LABELS
            or _WHATSAPP_MEDIA_NAME.match(attached["name"])
        ):
            return _attachment_kind(attached["name"])
    if (
        len(first_line) < 200
        and lowered[-_TAIL:] in _OMITTED_TAILS
        and lowered.endswith(_OMITTED_ENDINGS)
        and _OMITTED_IOS.search(first_line)
    ):
        kind = MessageKind.CONTACT if _CONTACT_WORDS.match(first_line) else MessageKind.MEDIA
        if " sticker " in f" {lowered} " or "стикер" in lowered or "naklejka" in lowered:
            kind = MessageKind.STICKER
        return kind, (Attachment(None, None, None, False),)
    if not plain and first_line.endswith(_OMITTED_SCRIPT_ENDINGS) and len(first_line) < 60:
        return MessageKind.MEDIA, (Attachment(None, None, None, False),)
    if lowered == "null":  # view-once or unknown media in recent Android exports
        return MessageKind.MEDIA, (Attachment(None, None, None, False),)
    head = lowered[:_HEAD]
    if (head in _LOCATION_HEADS and lowered.startswith(_LOCATION_PREFIXES)) or (
        "/" in lowered and any(url in lowered for url in _LOCATION_URLS)
    ):
        return MessageKind.LOCATION, ()
    if "\n" in body and _is_named_place(body):
        return MessageKind.LOCATION, ()
    if first_line.endswith(":") and _POLL.match(first_line):
        return MessageKind.POLL, ()
    if head in _CALL_HEADS and lowered.startswith(_CALL_STARTS) and _CALL.match(first_line):
        return MessageKind.CALL, ()
    return MessageKind.TEXT, ()


def _attachment_kind(name: str) -> tuple[MessageKind, tuple[Attachment, ...]]:
    media_type = media_type_of(name)
    upper = name.upper()
    if upper.endswith(".VCF"):
        kind = MessageKind.CONTACT
    elif "STICKER" in upper or upper.startswith("STK-"):
        kind = MessageKind.STICKER
    else:
        kind = MessageKind.MEDIA
    return kind, (Attachment(name, media_type, None, None),)


def _is_named_place(body: str) -> bool:
    # Android writes a shared place as "Name\nAddress\nhttps://foursquare.com/v/..."
    lines = body.split("\n")
    last = lines[-1].strip()
    if len(lines) > 4 or not last.startswith("https://"):
        return False
    return any(url in last for url in _LOCATION_URLS)
