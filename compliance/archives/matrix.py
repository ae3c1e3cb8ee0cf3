"""Element (Matrix) "Export chat" as JSON: room header plus raw Matrix events."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from compliance.archives import jsonshape
from compliance.archives.base import ArchiveReader, ReadContext, Sniffed
from compliance.archives.clock import from_epoch
from compliance.archives.faults import DamagedRecord
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
    stamp = jsonshape.number(event.get("origin_server_ts")) if isinstance(event, dict) else None
    if not isinstance(event, dict) or stamp is None:
        context.report.skipped += 1
        context.report.warn(f"{position}: event without origin_server_ts; skipped")
        return None
    try:
        timestamp = from_epoch(stamp / 1000, context.tz)
        text = flatten_text(jsonshape.mapping(event.get("content")).get("body"))
    except DamagedRecord as exc:
        context.report.skipped += 1
        context.report.warn(f"{position}: {exc}; skipped")
        return None
    raw_time = str(int(stamp))
    event_type = jsonshape.text(event.get("type")) or ""
    content = jsonshape.mapping(event.get("content"))
    sender = jsonshape.text(event.get("sender"))
    room = jsonshape.text(event.get("room_id"))
    unsigned = jsonshape.mapping(event.get("unsigned"))
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
        msgtype = jsonshape.text(content.get("msgtype")) or ""
        kind = _MSGTYPE_KINDS.get(msgtype, MessageKind.TEXT)
        if kind is MessageKind.MEDIA:
            info = jsonshape.mapping(content.get("info"))
            name = jsonshape.text(content.get("filename")) or jsonshape.text(content.get("body"))
            attachments = (
                Attachment(
                    name or None,
                    jsonshape.text(info.get("mimetype")) or (media_type_of(name) if name else None),
                    jsonshape.count(info.get("size")),
                    None,
                ),
            )
    message = Message(
        timestamp,
        None,
        raw_time,
        sender or None,
        text,
        kind,
        position,
        attachments,
    )
    if not sender:
        message.kind = MessageKind.SYSTEM
    message.chat_id = room
    return message
