"""Telegram Desktop JSON export (``result.json``): one chat, or the full-account export."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from compliance.archives import jsonshape
from compliance.archives.base import ArchiveReader, ReadContext, Sniffed
from compliance.archives.clock import Localizer, from_epoch, in_range
from compliance.archives.faults import DamagedRecord
from compliance.archives.jsonstream import flatten_text, items, records, scalars_before
from compliance.archives.model import (
    ArchiveFormat,
    Attachment,
    DateOrder,
    Message,
    MessageKind,
    SourcePosition,
)
from compliance.archives.sources import Source
from compliance.archives.whatsapp.vocabulary import media_type_of

_SINGLE = "messages.item"
_FULL = "chats.list.item.messages.item"
_LEFT = "left_chats.list.item.messages.item"
_CHAT_STARTS = {"chats.list.item", "left_chats.list.item", ""}
_MESSAGE_PREFIXES = frozenset({_SINGLE, _FULL, _LEFT})
_NOT_INCLUDED = "(File not included"
_FILE_KEYS = ("photo", "file")
_CALL_ACTIONS = {"phone_call", "group_call", "invite_to_group_call", "start_group_call"}
_TELEGRAM_HINTS = re.compile(r'"(?:date_unixtime|from_id|text_entities|personal_information)"')


class TelegramJsonReader(ArchiveReader):
    """Reads ``result.json`` as a stream (ijson): a 1 GB export never loads into memory."""

    format = ArchiveFormat.TELEGRAM

    def sniff(self, head: str, name: str) -> Sniffed | None:
        stripped = head.lstrip()
        if not stripped.startswith("{"):
            return None
        if '"personal_information"' in head or (
            '"chats"' in head and '"list"' in head and '"messages"' in head
        ):
            # the full-account export (its contacts may fill the first 64 KiB)
            return Sniffed("json-account", 90)
        if '"messages"' in head and ('"type": "message"' in head or '"type":"message"' in head):
            return Sniffed("json-chat", 90)
        if '"messages"' in head and _TELEGRAM_HINTS.search(head):
            return Sniffed("json-chat", 80)
        return None

    def read(self, parts: Sequence[Source], context: ReadContext) -> Iterator[Message]:
        for source in parts:
            yield from self._read_one(source, context)

    def _read_one(self, source: Source, context: ReadContext) -> Iterator[Message]:
        if context.variant == "json-chat":
            yield from self._read_single_chat(source, context)
            return
        localizer = context.localizer()
        chat_id: str | None = None
        chat_title: str | None = None
        index = 0
        chats = 0
        full_account = False
        wall_times = False
        with source.open() as stream:
            for item in records(
                stream, _MESSAGE_PREFIXES, origin=source.display, report=context.report
            ):
                if len(item) == 3:
                    prefix, event, value = item
                    if event == "start_map" and prefix in _CHAT_STARTS and prefix:
                        chat_id, chat_title, index = None, None, 0
                        full_account = True
                        chats += 1
                    elif event in ("string", "number"):
                        if prefix in ("id", "chats.list.item.id", "left_chats.list.item.id"):
                            chat_id = str(value)
                        elif prefix in (
                            "name",
                            "chats.list.item.name",
                            "left_chats.list.item.name",
                        ):
                            chat_title = str(value)
                    continue
                _prefix, record = item
                position = SourcePosition(source.display, None, index)
                index += 1
                message = _chat_message(
                    record, position, chat_id, chat_title, localizer, context, source
                )
                if message is not None:
                    wall_times = wall_times or message.wall_time is not None
                    yield message
        context.chats += chats if full_account else 1
        context.variant = "json-account" if full_account else "json-chat"
        if wall_times:
            context.decided_order = DateOrder.YMD  # ISO 8601 dates

    def _read_single_chat(self, source: Source, context: ReadContext) -> Iterator[Message]:
        # One chat: the messages array is read by ijson's C builder (3x faster).
        with source.open() as stream:
            header = scalars_before(stream, "messages", frozenset({"name", "id"}))
        chat_id = str(header["id"]) if "id" in header else None
        chat_title = str(header["name"]) if "name" in header else None
        localizer = context.localizer()
        wall_times = False
        with source.open() as stream:
            records_ = items(stream, "messages.item", origin=source.display, report=context.report)
            for index, record in enumerate(records_):
                position = SourcePosition(source.display, None, index)
                message = _chat_message(
                    record, position, chat_id, chat_title, localizer, context, source
                )
                if message is not None:
                    wall_times = wall_times or message.wall_time is not None
                    yield message
        context.chats += 1
        context.variant = "json-chat"
        if wall_times:
            context.decided_order = DateOrder.YMD


def _chat_message(
    record: object,
    position: SourcePosition,
    chat_id: str | None,
    chat_title: str | None,
    localizer: Localizer,
    context: ReadContext,
    source: Source,
) -> Message | None:
    """One element of a messages array as a message of its chat; None when it is skipped."""
    if not isinstance(record, dict):
        context.report.skipped += 1
        context.report.warn(f"{position}: a message that is not a JSON object; skipped")
        return None
    message = _message(record, position, localizer, context, source)
    if message is not None:
        message.chat_id = chat_id
        message.chat_title = chat_title
    return message


def _message(
    record: dict[str, Any],
    position: SourcePosition,
    localizer: Localizer,
    context: ReadContext,
    source: Source,
) -> Message | None:
    try:
        return _checked_message(record, position, localizer, context, source)
    except DamagedRecord as exc:
        context.report.skipped += 1
        context.report.warn(f"{position}: {exc}; skipped")
        return None


def _checked_message(
    record: dict[str, Any],
    position: SourcePosition,
    localizer: Localizer,
    context: ReadContext,
    source: Source,
) -> Message | None:
    raw_date = jsonshape.text(record.get("date"))
    epoch = jsonshape.number(record.get("date_unixtime"))
    wall: datetime | None = None
    if raw_date is not None:
        try:
            wall = datetime.fromisoformat(raw_date).replace(tzinfo=None)
        except ValueError:
            wall = None
    timestamp: datetime | None = None
    if epoch is not None:
        timestamp = from_epoch(epoch, context.tz)
    elif wall is not None:
        timestamp = localizer.localize(wall)
        if not in_range(timestamp):
            raise DamagedRecord("time out of range")
    if timestamp is None:
        context.report.skipped += 1
        context.report.warn(f"{position}: message without a readable date; skipped")
        return None
    text = flatten_text(record.get("text_entities") or record.get("text"))
    raw_time = raw_date if raw_date is not None else jsonshape.text(record.get("date_unixtime"))
    if record.get("type") == "service":
        action = jsonshape.text(record.get("action")) or ""
        actor = jsonshape.text(record.get("actor"))
        summary = " ".join(part for part in (actor or "", action) if part)
        kind = MessageKind.CALL if action in _CALL_ACTIONS else MessageKind.SYSTEM
        return Message(timestamp, wall, raw_time or "", None, text or summary, kind, position)
    sender = jsonshape.text(record.get("from"))
    if not sender:
        from_id = jsonshape.text(record.get("from_id"))
        sender = f"Deleted Account ({from_id})" if from_id else "Deleted Account"
    kind, attachments = _kind(record, source, context)
    return Message(timestamp, wall, raw_time or "", sender, text, kind, position, attachments)


def _kind(
    record: dict[str, Any], source: Source, context: ReadContext
) -> tuple[MessageKind, tuple[Attachment, ...]]:
    media_type = jsonshape.text(record.get("media_type"))
    for key in _FILE_KEYS:
        value = record.get(key)
        if isinstance(value, str) and value:
            attachment = _attachment(value, record, source, context)
            if media_type == "sticker":
                return MessageKind.STICKER, (attachment,)
            return MessageKind.MEDIA, (attachment,)
    if media_type:
        mime_type = jsonshape.text(record.get("mime_type"))
        return MessageKind.MEDIA, (Attachment(None, mime_type, None, False),)
    if record.get("poll"):
        return MessageKind.POLL, ()
    if record.get("location_information") or record.get("place_name"):
        return MessageKind.LOCATION, ()
    if record.get("contact_information") or record.get("contact_vcard"):
        return MessageKind.CONTACT, ()
    return MessageKind.TEXT, ()


def _attachment(
    value: str, record: dict[str, Any], source: Source, context: ReadContext
) -> Attachment:
    mime_type = jsonshape.text(record.get("mime_type"))
    if value.startswith(_NOT_INCLUDED):
        return Attachment(None, mime_type, _size(record), False)
    name = PurePosixPath(value).name
    present: bool | None
    if source.member is None:
        present = jsonshape.is_file(source.path.parent / value)
    elif context.present_files is not None:
        present = name in context.present_files
    else:
        present = None
    return Attachment(name, mime_type or media_type_of(name), _size(record), present)


def _size(record: dict[str, Any]) -> int | None:
    return jsonshape.count(record.get("file_size"))
