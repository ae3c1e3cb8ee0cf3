"""WhatsApp bodies in many languages: placeholders, attachments, deletions, system lines."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from compliance.archives.model import MessageKind
from compliance.archives.whatsapp.vocabulary import (
    SYSTEM_PHRASES,
    _classify,
    _is_plain_text,
    classify,
)

LRM = "\u200e"

KINDS = [
    # text stays text, even when it mentions files or brackets
    ("Hallo, bis morgen!", MessageKind.TEXT),
    ("see report.pdf (sent yesterday)", MessageKind.TEXT),
    ("I think <this> matters", MessageKind.TEXT),
    ("", MessageKind.TEXT),
    # Android "without media", every language
    ("<Media omitted>", MessageKind.MEDIA),
    ("<Medien ausgeschlossen>", MessageKind.MEDIA),
    ("<Medien ausgelassen>", MessageKind.MEDIA),
    ("<Médias omis>", MessageKind.MEDIA),
    ("<Multimedia omitido>", MessageKind.MEDIA),
    ("<Media weggelaten>", MessageKind.MEDIA),
    ("<Mídia oculta>", MessageKind.MEDIA),
    ("<Medya dahil edilmedi>", MessageKind.MEDIA),
    ("<Без медиафайлов>", MessageKind.MEDIA),
    ("<Video note omitted>", MessageKind.MEDIA),
    ("null", MessageKind.MEDIA),
    # Android "with media"
    (f"{LRM}PTT-20180129-WA0025.opus (Datei angehängt)", MessageKind.MEDIA),
    ("IMG-20220318-WA0001.jpg (file attached)\ncaption", MessageKind.MEDIA),
    ("foto.jpg (fichier joint)", MessageKind.MEDIA),
    ("doc.pdf (archivo adjunto)", MessageKind.MEDIA),
    ("VID-20220323-WA0002.mp4 (bestand bijgevoegd)", MessageKind.MEDIA),
    ("Alex.vcf (file attached)", MessageKind.CONTACT),
    ("STK-20220323-WA0003.webp (bestand bijgevoegd)", MessageKind.STICKER),
    # iOS
    (f"{LRM}<attached: 00000035-PHOTO-2022-03-27-21-41-55.jpg>", MessageKind.MEDIA),
    (f"{LRM}<Anhang: PTT-20180129-WA0025.opus>", MessageKind.MEDIA),
    (f"{LRM}<attached: 00000042-TR.vcf>", MessageKind.CONTACT),
    (f"{LRM}<attached: 00000043-STICKER-2022-03-27-21-49-16.webp>", MessageKind.STICKER),
    (f"{LRM}image omitted", MessageKind.MEDIA),
    ("Bild weggelassen", MessageKind.MEDIA),
    (f"{LRM}vidéo absente", MessageKind.MEDIA),
    (f"{LRM}imagen omitida", MessageKind.MEDIA),
    (f"{LRM}immagine omessa", MessageKind.MEDIA),
    (f"{LRM}imagem não revelada", MessageKind.MEDIA),
    (f"{LRM}изображение отсутствует", MessageKind.MEDIA),
    (f"{LRM}стикер не добавлен", MessageKind.STICKER),
    (f"{LRM}Contact card omitted", MessageKind.CONTACT),
    (f"{LRM}Kontaktkarte ausgelassen", MessageKind.CONTACT),
    (f"Some file.txt {LRM}document omitted", MessageKind.MEDIA),
    (f"{LRM}画像は含まれていません", MessageKind.MEDIA),
    # deleted
    ("This message was deleted", MessageKind.DELETED),
    (f"{LRM}You deleted this message.", MessageKind.DELETED),
    ("Diese Nachricht wurde gelöscht.", MessageKind.DELETED),
    ("Du hast diese Nachricht gelöscht.", MessageKind.DELETED),
    ("Ce message a été supprimé.", MessageKind.DELETED),
    ("Se eliminó este mensaje.", MessageKind.DELETED),
    ("Questo messaggio è stato eliminato.", MessageKind.DELETED),
    ("Dit bericht is verwijderd", MessageKind.DELETED),
    ("Esta mensagem foi apagada", MessageKind.DELETED),
    ("Bu mesaj silindi", MessageKind.DELETED),
    ("Ta wiadomość została usunięta", MessageKind.DELETED),
    ("Данное сообщение удалено", MessageKind.DELETED),
    # locations
    ("location: https://maps.google.com/?q=50.94,6.95", MessageKind.LOCATION),
    ("Standort: https://maps.google.com/?q=50.94,6.95", MessageKind.LOCATION),
    (f"{LRM}Местоположение: https://maps.google.com/?q=51.5,-0.12", MessageKind.LOCATION),
    ("Pimlico Gardens (London): https://foursquare.com/v/4e89af", MessageKind.LOCATION),
    ("Live-Standort wird geteilt.", MessageKind.LOCATION),
    ("Çalış Plajı\nFethiye, Muğla\nhttps://foursquare.com/v/4dea6dacd22d", MessageKind.LOCATION),
    ("Schau mal\nhttps://example.org/v/1", MessageKind.TEXT),
    # polls and calls
    ("POLL:\nWhen?\nOPTION: Mon (1 vote)", MessageKind.POLL),
    ("UMFRAGE:\nWann?", MessageKind.POLL),
    ("Missed voice call. Tap to call back", MessageKind.CALL),
    ("Verpasster Sprachanruf. Zum Zurückrufen tippen", MessageKind.CALL),
    ("Sprachanruf. 5 Min.", MessageKind.CALL),
    ("Video call. No answer", MessageKind.CALL),
]


@pytest.mark.parametrize(("body", "kind"), KINDS, ids=lambda v: repr(v)[:40])
def test_body_kind(body: str, kind: MessageKind) -> None:
    assert classify(body)[0] is kind


def test_attachment_name_and_type() -> None:
    _kind, attachments = classify(f"{LRM}<attached: 00000047-Resume.pdf>")
    assert [(a.name, a.media_type) for a in attachments] == [
        ("00000047-Resume.pdf", "application/pdf")
    ]


SYSTEM_LINES = [
    ("en", "Messages and calls are end-to-end encrypted. No one outside of this chat can read."),
    ("de", "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt."),
    ("fr", "Les messages et les appels sont chiffrés de bout en bout."),
    ("es", "Los mensajes y las llamadas están cifrados de extremo a extremo."),
    ("it", "I messaggi e le chiamate sono crittografati end-to-end."),
    ("nl", "Berichten en oproepen worden end-to-end versleuteld."),
    ("pt", "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta."),
    ("tr", "Mesajlar ve aramalar uçtan uca şifrelidir."),
    ("pl", "Wiadomości i połączenia są szyfrowane end-to-end."),
    ("ru", "Сообщения и звонки защищены сквозным шифрованием."),
    ("en", "Rudi Anderson added you"),
    ("de", "Max hat Lena hinzugefügt."),
    ("fr", "Sophie a créé le groupe « Équipe »"),
    ("es", "Lucía creó el grupo \"Equipo\""),
    ("it", "Luca ha creato il gruppo \"Team\""),
    ("nl", "Daan heeft groep \"Team\" aangemaakt"),
    ("pt", "Ana criou o grupo \"Equipe\""),
    ("tr", "Ayşe grubu oluşturdu"),
    ("pl", "Piotr utworzył grupę \"Zespół\""),
    ("ru", "Иван создал(-а) группу «Команда»"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "line"), SYSTEM_LINES, ids=lambda v: v[:30])
def test_system_phrase_recognised(language: str, line: str) -> None:
    assert SYSTEM_PHRASES.search(line), language


@pytest.mark.parametrize(
    "line", ["Hallo, wie geht es dir?", "Danke für den Termin", "See you at 10"]
)
def test_plain_text_is_no_system_phrase(line: str) -> None:
    assert not SYSTEM_PHRASES.search(line)


# The pre-check that lets plain text through must never hide anything classify finds.
_PIECES = [text for text, _kind in KINDS] + [
    "Standort: ", "Live location shared", "Missed voice call", "Verpasster Sprachanruf",
    "UMFRAGE:", "Diese Nachricht wurde gelöscht", "This message was deleted.",
    "https://maps.google.com/?q=1,2", "image omitted", "画像は含まれていません", " ", "  ",
    ":", ")", "(", ".", "null", "NULL", "İ", "ΑΣ", "ß", "\u00a0", "\u202f", "\t", LRM, "a",
    "Hallo", "für",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=4).map("".join) | st.text(max_size=40))
@example("画像は含まれていません ")  # a placeholder with a space after it
def test_plain_text_precheck_never_hides_a_kind(body: str) -> None:
    if _is_plain_text(body):
        assert _classify(body) == (MessageKind.TEXT, ())
