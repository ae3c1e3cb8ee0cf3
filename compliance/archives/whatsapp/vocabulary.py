"""What a WhatsApp message body is: media placeholder, attachment, deleted, location, poll, call.

Structure decides first: ``<...>`` placeholders, ``name.ext (label)`` and ``<label: name>``
attachments whatever their language. The phrases (placeholders per media kind, deleted
messages, app notices, timer notes, attachment labels, location words) are data, one entry
per language (with the sources of newer rows), in ``checklists/whatsapp/languages.json``;
:func:`load` compiles them into the tables below, which the message path (:func:`classify`)
and the counting path (``count.py``, through :data:`ASCII_MEDIA_TAILS` and
:func:`might_be_media`) both read.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

from compliance.archives.model import Attachment, MessageKind
from compliance.archives.whatsapp.grammar import INVISIBLE_MARKS, STRIP_TABLE

_INVISIBLE = re.compile(f"[{INVISIBLE_MARKS}]")

_ANDROID_OMITTED = re.compile(r"^<[^<>]{2,40}>$")
_ANDROID_ATTACHED = re.compile(r"^(?P<name>[^\n]*?\.\w{1,6}) \((?P<label>[^()\n]{3,40})\)$")
_WHATSAPP_MEDIA_NAME = re.compile(r"^(?:IMG|VID|PTT|AUD|STK|DOC)-\d{8}-WA\d+")
_IOS_ATTACHED = re.compile(r"<(?P<label>[^<>:\n]{2,25}?) ?: (?P<name>[^<>\n]+)>")
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
_GROUP_EVENTS = (
    r"end-to-end|ende-zu-ende|de bout en bout|de extremo a extremo|crittografat|"
    r"versleuteld|ponta a ponta|uçtan uca|szyfrowan|сквозн|шифрован|"
    r"\b(?:created group|added|removed|left|joined using|changed the (?:subject|group|group's)|"
    r"changed this group's|security code|changed their phone number|"
    r"is a contact|secure service from Meta|"
    r"hat die Gruppe|hinzugefügt|entfernt|hat die Gruppe verlassen|Sicherheitscode|"
    r"a créé le groupe|a ajouté|a retiré|est parti|creó el grupo|añadió|"
    r"salió|ha creato il gruppo|ha aggiunto|è uscito|heeft groep|heeft .* toegevoegd|"
    r"criou o grupo|adicionou|saiu|grubu oluşturdu|ekledi|ayrıldı|utworzył grupę|dodał|"
    r"opuścił|создал\(-а\) группу|добавил|удалил|вышел)"
)

# The media kinds a placeholder phrase names ("unknown": structurally media, words unknown).
MEDIA_PHRASE_KINDS = ("image", "video", "audio", "sticker", "gif", "contact", "document")
_TAIL = _HEAD = 4

# The compiled tables; load() sets them (module globals, so that the hot functions below
# read them without an attribute look-up, and a reload reaches every reader).
LANGUAGES: dict[str, dict[str, Any]] = {}
_DELETED: frozenset[str] = frozenset()
_OMITTED: dict[str, str] = {}
_OMITTED_ENDINGS: tuple[str, ...] = ()
_OMITTED_TAILS: frozenset[str] = frozenset()
_ATTACHED_LABELS: frozenset[str] = frozenset()
_LOCATION_PREFIXES: tuple[str, ...] = ()
_SPECIAL_HEADS: frozenset[str] = frozenset()
_LOCATION_HEADS: frozenset[str] = frozenset()
_CALL_HEADS: frozenset[str] = frozenset()
_MISSED_CALLS: frozenset[str] = frozenset()


class LazyPattern:
    """A regular expression compiled when it is first used.

    The notices of 33 languages make two large patterns that take tens of milliseconds
    to compile, at every start of the program; most runs (an export without such
    notices, or none at all) never need them.
    """

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled.search(text)


SYSTEM_PHRASES = LazyPattern("$^")
NOTICES = LazyPattern("$^")
# The omitted-placeholder tails (and "null") in every mix of cases, for ASCII bodies:
# counting tests a body's last four characters against them without lowering it.
ASCII_MEDIA_TAILS: frozenset[str] = frozenset()


def vocabulary_file() -> Path:
    """The bundled phrase tables (or those of ``COMPLIANCE_DATA_DIR``)."""
    from compliance.datadir import data_root

    return data_root() / "checklists" / "whatsapp" / "languages.json"


def load(path: Path | None = None) -> None:
    """Compile the phrase tables of every language in ``path`` (default: the bundled file)."""
    data = json.loads((path or vocabulary_file()).read_text(encoding="utf-8"))
    compile_languages(data["languages"])


def compile_languages(languages: dict[str, dict[str, Any]]) -> None:
    """Make the matching tables from per-language entries (see languages.json)."""
    global _DELETED, _OMITTED, _OMITTED_ENDINGS, _OMITTED_TAILS, _ATTACHED_LABELS
    global _LOCATION_PREFIXES, _SPECIAL_HEADS, _LOCATION_HEADS, _CALL_HEADS, _MISSED_CALLS
    global SYSTEM_PHRASES, NOTICES, ASCII_MEDIA_TAILS, LANGUAGES
    LANGUAGES = dict(languages)
    deleted: set[str] = set()
    omitted: dict[str, str] = {}
    labels: set[str] = set()
    locations: set[str] = set()
    notices: list[str] = []
    acts: list[str] = []
    calls: set[str] = set()
    for entry in languages.values():
        deleted.update(_fold(p).rstrip(".。") for p in entry.get("deleted", ()))
        for kind, phrases in entry.get("omitted", {}).items():
            for phrase in phrases:
                omitted.setdefault(_fold(phrase), kind)
        labels.update(_fold(p) for p in entry.get("file_attached", ()))
        for word in entry.get("location", ()):
            word = _fold(word)
            # "Location: <url>"; phrases of several words are live-location notes too.
            locations.update((f"{word}: ", f"{word} : ", *((word,) if " " in word else ())))
        for notice in entry.get("notices", ()):
            notices.append(".+?".join(re.escape(part) for part in notice.split("{name}")))
        calls.update(_fold(p) for p in entry.get("calls", ()))
        # Words of the app's note of a change to the disappearing-messages timer, found
        # after the actor's name ("Anna updated the message timer. New messages ...").
        acts.extend(re.escape(phrase) for phrase in entry.get("timer_notices", ()))
    _DELETED = frozenset(deleted)
    _OMITTED = omitted
    _OMITTED_ENDINGS = tuple(sorted(omitted, key=len, reverse=True))
    _OMITTED_TAILS = frozenset(phrase[-_TAIL:] for phrase in omitted)
    _ATTACHED_LABELS = frozenset(labels)
    _LOCATION_PREFIXES = tuple(sorted(locations))
    _MISSED_CALLS = frozenset(calls)
    _LOCATION_HEADS = frozenset(prefix[:_HEAD] for prefix in _LOCATION_PREFIXES)
    _CALL_HEADS = frozenset(start[:_HEAD] for start in (*_CALL_STARTS, *calls))
    _SPECIAL_HEADS = _LOCATION_HEADS | _CALL_HEADS | frozenset(p[:_HEAD] for p in deleted)
    NOTICES = LazyPattern("|".join(notices) or "$^", re.IGNORECASE)
    SYSTEM_PHRASES = LazyPattern("|".join([_GROUP_EVENTS, NOTICES.pattern, *acts]), re.IGNORECASE)
    ASCII_MEDIA_TAILS = frozenset(
        "".join(chars)
        for tail in (*_OMITTED_TAILS, "null")
        if tail.isascii()
        for chars in itertools.product(*({c, c.upper()} for c in tail))
    )


def _fold(phrase: str) -> str:
    return phrase.translate(STRIP_TABLE).strip().lower()


def omitted_kind(line: str) -> str | None:
    """The media kind an omitted-media placeholder names (a file name may precede a
    document's), or None when the line is none in any language of the tables."""
    lowered = line.lower()
    kind = _OMITTED.get(lowered)
    if kind is None and lowered[-_TAIL:] in _OMITTED_TAILS and len(lowered) < 300:
        for ending in _OMITTED_ENDINGS:
            if lowered.endswith(ending) and lowered[-len(ending) - 1 : -len(ending)] == " ":
                return _OMITTED[ending]
    return kind


def is_notice(text: str) -> bool:
    """True when a text is one of the app's notices (encryption, security code) in any
    language of the tables."""
    return NOTICES.search(text[:400].translate(STRIP_TABLE)) is not None


# The chat's name in the (localised) file name of an export's .txt or zip.
_TITLE = re.compile(
    r"^WhatsApp[- ]?(?:Chat|chat)(?: - | (?:with|mit|met|avec|con|com|ile|z|с|s uživatelem) )"
    r"(?P<title>.+?)(?:\.txt|\.zip)?$"
)


def chat_title(file_name: str) -> str | None:
    """The chat's name from an export's file name, when the name says it."""
    match = _TITLE.match(file_name)
    return match["title"] if match else None


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
    return tail in _OMITTED_TAILS or tail == "null"


_PLAIN_TEXT: tuple[MessageKind, tuple[Attachment, ...]] = (MessageKind.TEXT, ())


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
    if lowered.rstrip(".。") in _DELETED:
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
    if lowered[-_TAIL:] in _OMITTED_TAILS:
        media_kind = omitted_kind(first_line)
        if media_kind is not None:
            return _placeholder(media_kind, first_line)
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
    if head in _CALL_HEADS and (
        (lowered.startswith(_CALL_STARTS) and _CALL.match(first_line))
        or lowered.rstrip(".") in _MISSED_CALLS
    ):
        return MessageKind.CALL, ()
    return MessageKind.TEXT, ()


# What a placeholder's media kind makes of the message (the rest are MEDIA), and the
# media type it implies (a placeholder without words the tables know has none).
_PLACEHOLDER_KINDS = {"sticker": MessageKind.STICKER, "contact": MessageKind.CONTACT}
_PLACEHOLDER_TYPES = {
    "image": "image/*", "video": "video/*", "audio": "audio/*", "gif": "image/gif",
    "sticker": "image/webp", "contact": "text/vcard",
}  # fmt: skip


def _placeholder(media_kind: str, line: str) -> tuple[MessageKind, tuple[Attachment, ...]]:
    """A placeholder's kind and its attachment, typed by the phrase's media kind (a
    document by the extension of the file name before the phrase, where one is)."""
    kind = _PLACEHOLDER_KINDS.get(media_kind, MessageKind.MEDIA)
    media_type = _PLACEHOLDER_TYPES.get(media_kind)
    if media_kind == "document":
        lowered = line.lower()
        ending = next((e for e in _OMITTED_ENDINGS if lowered.endswith(" " + e)), None)
        name = line[: -len(ending) - 1].split(" • ")[0].strip() if ending else ""
        media_type = media_type_of(name) if "." in name else None
    return kind, (Attachment(None, media_type, None, False),)


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


load()
