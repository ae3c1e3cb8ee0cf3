"""Signal exports: signal-export's ``chat.md``, the plain ``[YYYY-MM-DD, HH:MM]`` text, JSON."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from compliance.archives import jsonshape
from compliance.archives.base import ArchiveReader, ReadContext, Sniffed
from compliance.archives.jsonstream import flatten_text, records
from compliance.archives.model import (
    ArchiveFormat,
    Attachment,
    DateOrder,
    Message,
    MessageKind,
    SourcePosition,
)
from compliance.archives.sources import Source
from compliance.archives.whatsapp.reader import LineChatReader
from compliance.archives.whatsapp.vocabulary import media_type_of

_SIGNAL_HEADER = re.compile(
    r"^\[\d{4}-\d{2}-\d{2},? \d{2}:\d{2}(?::\d{2})?\] [^\n:]{1,80}:", re.MULTILINE
)
_MD_LINK = re.compile(r"!?\[(?P<name>[^\]\n]*)\]\((?P<target>[^)\n]+)\)")
_NOT_EXPORTED = re.compile(r"^\((?:image|video|audio|file|attachment)[^()]* not exported\)$", re.I)
_DELETED = {"(This message was deleted)", "This message was deleted."}
_STICKER = re.compile(r"^\(\( .* \)\)$")


class SignalTextReader(LineChatReader):
    """signal-export Markdown and the plain text form: ISO dates in brackets."""

    format = ArchiveFormat.SIGNAL
    named_system_entries = False

    def sniff(self, head: str, name: str) -> Sniffed | None:
        lines = [line for line in head.split("\n")[:100] if line.strip()]
        hits = len(_SIGNAL_HEADER.findall(head))
        if hits and hits * 3 >= min(len(lines), 30):
            return Sniffed("markdown" if name.endswith(".md") else "text", 95)
        return None

    def classify_body(self, text: str) -> tuple[MessageKind, tuple[Attachment, ...]]:
        first = text.split("\n", 1)[0].strip()
        if first in _DELETED:
            return MessageKind.DELETED, ()
        if _STICKER.match(first):
            return MessageKind.STICKER, ()
        if _NOT_EXPORTED.match(first):
            return MessageKind.MEDIA, (Attachment(None, None, None, False),)
        links = [m for m in _MD_LINK.finditer(text) if "media/" in m["target"]]
        if links:
            attachments = tuple(
                Attachment(
                    PurePosixPath(m["target"]).name,
                    media_type_of(m["target"]),
                    None,
                    None,
                )
                for m in links
            )
            return MessageKind.MEDIA, attachments
        return MessageKind.TEXT, ()

    def variant_of(self, layout: str) -> str:
        return "text"

    def is_present(self, source: Source, name: str, present: frozenset[str] | None) -> bool | None:
        # signal-export keeps attachments in media/ beside chat.md
        if source.member is None:
            folder = source.path.parent
            return jsonshape.is_file(folder / "media" / name) or jsonshape.is_file(folder / name)
        return None if present is None else name in present


class SignalJsonReader(ArchiveReader):
    """signal-export's JSON: a list (or JSON lines) of ``{date, sender, body, ...}``."""

    format = ArchiveFormat.SIGNAL

    def sniff(self, head: str, name: str) -> Sniffed | None:
        stripped = head.lstrip()
        if not stripped.startswith(("[", "{")):
            return None
        if (
            '"sender"' in head
            and '"body"' in head
            and '"date"' in head
            and '"messages"' not in head
        ):
            return Sniffed("json", 85)
        return None

    def read(self, parts: Sequence[Source], context: ReadContext) -> Iterator[Message]:
        localizer = context.localizer()
        context.chats = len(parts)
        context.variant = "json"
        context.decided_order = DateOrder.YMD
        for source in parts:
            prefixes = frozenset({"item", ""})
            index = 0
            with source.open() as stream:
                for item in records(stream, prefixes, origin=source.display, report=context.report):
                    if len(item) != 2:
                        continue
                    _prefix, record = item
                    position = SourcePosition(source.display, None, index)
                    index += 1
                    message = _json_message(record, position, localizer, context)
                    if message is not None:
                        message.chat_id = source.display
                        yield message


def _json_message(
    record: Any, position: SourcePosition, localizer: Any, context: ReadContext
) -> Message | None:
    if not isinstance(record, dict):
        context.report.skipped += 1
        return None
    raw = jsonshape.text(record.get("date")) or ""
    try:
        wall = datetime.fromisoformat(raw.replace(", ", " ")).replace(tzinfo=None)
        body = flatten_text(record.get("body"))
    except ValueError:
        context.report.skipped += 1
        context.report.warn(f"{position}: message without a readable date; skipped")
        return None
    sender = jsonshape.text(record.get("sender"))
    attachments = tuple(
        _attachment(a) for a in jsonshape.items(record.get("attachments")) if isinstance(a, dict)
    )
    kind = MessageKind.MEDIA if attachments else MessageKind.TEXT
    if record.get("sticker"):
        kind = MessageKind.STICKER
    if body in _DELETED:
        kind = MessageKind.DELETED
    return Message(
        localizer.localize(wall),
        wall,
        raw,
        sender or None,
        body,
        kind if sender else MessageKind.SYSTEM,
        position,
        attachments,
    )


def _attachment(entry: dict[str, Any]) -> Attachment:
    file_name = jsonshape.text(entry.get("fileName")) or jsonshape.text(entry.get("path"))
    name = file_name or jsonshape.text(entry.get("name"))
    return Attachment(
        name or None,
        jsonshape.text(entry.get("contentType")) or media_type_of(file_name or ""),
        jsonshape.count(entry.get("size")),
        None,
    )
