"""Element (Matrix) "Export chat" as JSON: room header plus raw Matrix events."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from compliance.archives.base import ArchiveReader, ReadContext, Sniffed
from compliance.archives.clock import from_epoch
from compliance.archives.jsonstream import flatten_text, records
from compliance.archives.model import (
    ArchiveFormat,
    Attachment,
    Message,
    MessageKind,
    SourcePosition,
)
from compliance.archives.sources import Source
from compliance.archives.whatsapp.vocabulary import media_type_of

_MSGTYPE_KINDS = {
    "m.image": MessageKind.MEDIA,
    "m.video": MessageKind.MEDIA,
    "m.audio": MessageKind.MEDIA,
    "m.file": MessageKind.MEDIA,
    "m.location": MessageKind.LOCATION,
}
_AUTHORED_EVENTS = {
    "m.room.message": MessageKind.TEXT,
    "m.room.encrypted": MessageKind.TEXT,
    "m.sticker": MessageKind.STICKER,
    "m.poll.start": MessageKind.POLL,
    "org.matrix.msc3381.poll.start": MessageKind.POLL,
    "m.call.invite": MessageKind.CALL,
    "m.reaction": MessageKind.TEXT,
}


class MatrixReader(ArchiveReader):
    """Reads the ``messages`` array as a stream; state events are system entries."""

    format = ArchiveFormat.MATRIX

    def sniff(self, head: str, name: str) -> Sniffed | None:
        if not head.lstrip().startswith("{"):
            return None
        if '"origin_server_ts"' in head or ('"room_name"' in head and '"messages"' in head):
            return Sniffed("json", 90)
        return None

    def read(self, parts: Sequence[Source], context: ReadContext) -> Iterator[Message]:
        context.variant = "json"
        for source in parts:
            context.chats += 1
            room_name: str | None = None
            index = 0
            with source.open() as stream:
                for item in records(
                    stream,
                    frozenset({"messages.item"}),
                    origin=source.display,
                    report=context.report,
                ):
                    if len(item) == 3:
                        prefix, event, value = item
                        if prefix == "room_name" and event == "string":
                            room_name = value
                        continue
                    position = SourcePosition(source.display, None, index)
                    index += 1
                    message = _message(item[1], position, context)
                    if message is not None:
                        message.chat_title = room_name
                        yield message


def _message(event: Any, position: SourcePosition, context: ReadContext) -> Message | None:
    if not isinstance(event, dict) or not isinstance(event.get("origin_server_ts"), int | float):
        context.report.skipped += 1
        context.report.warn(f"{position}: event without origin_server_ts; skipped")
        return None
    timestamp = from_epoch(event["origin_server_ts"] / 1000, context.tz)
    raw_time = str(int(event["origin_server_ts"]))
    event_type = str(event.get("type") or "")
    content = _mapping(event.get("content"))
    sender = event.get("sender")
    room = event.get("room_id")
    unsigned = _mapping(event.get("unsigned"))
    text = flatten_text(content.get("body"))
    if event_type not in _AUTHORED_EVENTS or "state_key" in event:
        summary = text or event_type
        message = Message(timestamp, None, raw_time, None, summary, MessageKind.SYSTEM, position)
        message.chat_id = room
        return message
    kind = _AUTHORED_EVENTS[event_type]
    attachments: tuple[Attachment, ...] = ()
    if unsigned.get("redacted_because") or (event_type == "m.room.message" and not content):
        kind = MessageKind.DELETED
    elif event_type == "m.room.message":
        msgtype = content.get("msgtype")
        kind = _MSGTYPE_KINDS.get(str(msgtype), MessageKind.TEXT)
        if kind is MessageKind.MEDIA:
            info = _mapping(content.get("info"))
            name = str(content.get("filename") or content.get("body") or "") or None
            size = info.get("size")
            attachments = (
                Attachment(
                    name,
                    info.get("mimetype") or (media_type_of(name) if name else None),
                    int(size) if isinstance(size, int | float) else None,
                    None,
                ),
            )
    message = Message(
        timestamp,
        None,
        raw_time,
        str(sender) if sender else None,
        text,
        kind,
        position,
        attachments,
    )
    if sender is None:
        message.kind = MessageKind.SYSTEM
    message.chat_id = room
    return message


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
