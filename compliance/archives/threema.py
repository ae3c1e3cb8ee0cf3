"""Threema "Export chat": ``messages-<chat>.txt`` (in a zip with the media files)."""

from __future__ import annotations

import re

from compliance.archives.base import Sniffed
from compliance.archives.model import ArchiveFormat, Attachment, MessageKind
from compliance.archives.whatsapp.reader import LineChatReader
from compliance.archives.whatsapp.scan import header_lines
from compliance.archives.whatsapp.vocabulary import media_type_of

_THREEMA_NAME = re.compile(r"^messages(?:-.+)?\.txt$", re.IGNORECASE)
_MEDIA = re.compile(r"^<(?P<name>[^<>\n]+\.\w{1,6})>$")


class ThreemaReader(LineChatReader):
    """Same line grammar as WhatsApp iOS without seconds; the file name tells them apart.

    Threema's text has no mark of its own, so the name Threema gives the chat file
    (``messages-<chat>.txt``) decides between two otherwise identical layouts.
    """

    format = ArchiveFormat.THREEMA
    named_system_entries = False

    def sniff(self, head: str, name: str) -> Sniffed | None:
        if not _THREEMA_NAME.match(name.rsplit("/", 1)[-1].rsplit("!", 1)[-1]):
            return None
        headers, bracketed, _total = header_lines(head)
        if headers and bracketed * 2 >= headers:
            return Sniffed("text", 120)
        return None

    def classify_body(self, text: str) -> tuple[MessageKind, tuple[Attachment, ...]]:
        first = text.split("\n", 1)[0].strip()
        media = _MEDIA.match(first)
        if media is not None:
            name = media["name"]
            kind = MessageKind.CONTACT if name.lower().endswith(".vcf") else MessageKind.MEDIA
            return kind, (Attachment(name, media_type_of(name), None, None),)
        return MessageKind.TEXT, ()

    def variant_of(self, layout: str) -> str:
        return "text"
