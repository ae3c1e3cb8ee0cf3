"""Facebook Messenger and Instagram JSON from "Download your information" (``message_N.json``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any

from compliance.archives import jsonshape
from compliance.archives.base import ArchiveReader, ReadContext, Sniffed
from compliance.archives.clock import from_epoch
from compliance.archives.faults import DamagedRecord
from compliance.archives.jsonstream import records
from compliance.archives.model import (
    ArchiveFormat,
    Attachment,
    Message,
    MessageKind,
    SourcePosition,
)
from compliance.archives.sources import Source
from compliance.archives.whatsapp.vocabulary import media_type_of

_MEDIA_KEYS = ("photos", "videos", "audio_files", "gifs", "files")
_SYSTEM_TYPES = {"Subscribe", "Unsubscribe"}
_META_KEYS = re.compile(r'"(?:sender_name|timestamp_ms)"')
# A thread is split into files of ~10k messages; one file is held to put it in time order.
_MAX_FILE_MESSAGES = 200_000


def repair_mojibake(text: str) -> str:
    """Undo Meta's double encoding (UTF-8 bytes written as U+0080..U+00FF code points)."""
    if text.isascii() or any(ord(char) > 0xFF for char in text):
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text


def _repair(value: Any) -> Any:
    if isinstance(value, str):
        return repair_mojibake(value)
    if isinstance(value, list):
        return [_repair(item) for item in value]
    if isinstance(value, dict):
        return {key: _repair(item) for key, item in value.items()}
    return value


class _MetaReader(ArchiveReader):
    """Both Meta products share one schema; messages are stored newest first."""

    multi_part = True
    hint = ""

    def sniff(self, head: str, name: str) -> Sniffed | None:
        if not head.lstrip().startswith("{") or len(_META_KEYS.findall(head)) < 2:
            return None
        if '"sender_name"' not in head or '"timestamp_ms"' not in head:
            return None
        instagram = "instagram" in head.lower() or "instagram" in name.lower()
        if instagram == (self.format is ArchiveFormat.INSTAGRAM):
            return Sniffed("json", 90)
        return Sniffed("json", 60)

    def read(self, parts: Sequence[Source], context: ReadContext) -> Iterator[Message]:
        context.variant = "json"
        threads = {str(PurePosixPath(p.member or str(p.path)).parent) for p in parts}
        context.chats = len(threads)
        # message_1.json holds the newest messages: read the highest number first.
        for source in sorted(parts, key=_part_number, reverse=True):
            yield from self._read_one(source, context)

    def _read_one(self, source: Source, context: ReadContext) -> Iterator[Message]:
        title: str | None = None
        thread: str | None = None
        held: list[tuple[int, Any]] = []
        with source.open() as stream:
            for item in records(
                stream, frozenset({"messages.item"}), origin=source.display, report=context.report
            ):
                if len(item) == 3:
                    prefix, event, value = item
                    if event == "string" and prefix == "title":
                        title = repair_mojibake(value)
                    elif event == "string" and prefix == "thread_path":
                        thread = value
                    continue
                if len(held) >= _MAX_FILE_MESSAGES:
                    context.report.skipped += 1
                    continue
                held.append((len(held), item[1]))
        if len(held) >= _MAX_FILE_MESSAGES:
            context.report.warn(
                f"{source.display}: over {_MAX_FILE_MESSAGES} messages in one file; rest skipped"
            )
        for index, record in reversed(held):
            message = self._message(
                record, SourcePosition(source.display, None, index), source, context
            )
            if message is not None:
                message.chat_title = title
                message.chat_id = thread or title
                yield message

    def _message(
        self, record: Any, position: SourcePosition, source: Source, context: ReadContext
    ) -> Message | None:
        stamp = jsonshape.number(record.get("timestamp_ms")) if isinstance(record, dict) else None
        if not isinstance(record, dict) or stamp is None:
            context.report.skipped += 1
            context.report.warn(f"{position}: message without timestamp_ms; skipped")
            return None
        try:
            timestamp = from_epoch(stamp / 1000, context.tz)
        except DamagedRecord as exc:
            context.report.skipped += 1
            context.report.warn(f"{position}: {exc}; skipped")
            return None
        record = _repair(record)
        sender = jsonshape.text(record.get("sender_name"))
        text = record.get("content") if isinstance(record.get("content"), str) else ""
        message_type = jsonshape.text(record.get("type"))
        attachments = _attachments(record, source, context)
        kind = MessageKind.TEXT
        if message_type in _SYSTEM_TYPES:
            sender, kind = None, MessageKind.SYSTEM
        elif record.get("is_unsent"):
            kind = MessageKind.DELETED
        elif message_type == "Call" or "call_duration" in record:
            kind = MessageKind.CALL
        elif record.get("sticker"):
            kind = MessageKind.STICKER
        elif attachments:
            kind = MessageKind.MEDIA
        return Message(
            timestamp,
            None,
            str(int(stamp)),
            sender or None,
            text,
            kind if sender else MessageKind.SYSTEM,
            position,
            attachments,
        )


def _attachments(
    record: dict[str, Any], source: Source, context: ReadContext
) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    for key in _MEDIA_KEYS:
        for entry in jsonshape.items(record.get(key)):
            if not isinstance(entry, dict):
                continue
            uri = jsonshape.text(entry.get("uri")) or ""
            name = PurePosixPath(uri).name or None
            present = _present(uri, name, source, context)
            found.append(Attachment(name, media_type_of(name) if name else None, None, present))
    sticker = record.get("sticker")
    if isinstance(sticker, dict):
        name = PurePosixPath(jsonshape.text(sticker.get("uri")) or "").name or None
        found.append(Attachment(name, media_type_of(name) if name else None, None, None))
    return tuple(found)


def _part_number(source: Source) -> tuple[str, int]:
    match = re.search(r"(\d+)\.json$", source.name)
    folder = str(PurePosixPath(source.member or str(source.path)).parent)
    return (folder, int(match[1]) if match else 0)


class FacebookReader(_MetaReader):
    """Facebook Messenger threads."""

    format = ArchiveFormat.FACEBOOK


class InstagramReader(_MetaReader):
    """Instagram direct messages."""

    format = ArchiveFormat.INSTAGRAM


def _present(uri: str, name: str | None, source: Source, context: ReadContext) -> bool | None:
    if name is None:
        return None
    if source.member is None:
        # uri is relative to the export's root: try it from each folder above the thread
        return any(jsonshape.is_file(folder / uri) for folder in source.path.parents)
    if context.present_files is None:
        return None
    return uri in context.present_files
