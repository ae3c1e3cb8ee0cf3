"""Telegram Desktop HTML export (``messages.html``, ``messages2.html``, ...), parsed as a stream."""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from compliance.archives import jsonshape
from compliance.archives.base import ArchiveReader, ReadContext, Sniffed
from compliance.archives.clock import Localizer
from compliance.archives.faults import reason
from compliance.archives.model import (
    ArchiveFormat,
    Attachment,
    DateOrder,
    Message,
    MessageKind,
    SourcePosition,
)
from compliance.archives.sources import ZIP_ERRORS, Source
from compliance.archives.whatsapp.vocabulary import media_type_of

if TYPE_CHECKING:
    from compliance.archives.telegram_html_page import Entry

_TITLE_TIME = re.compile(
    r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-])(\d{2}):(\d{2}))?"
)
_CHUNK = 256 * 1024


class TelegramHtmlReader(ArchiveReader):
    """Reads the paged HTML export; joined messages inherit the previous sender."""

    format = ArchiveFormat.TELEGRAM
    multi_part = True

    def sniff(self, head: str, name: str) -> Sniffed | None:
        lowered = head[:20000].lower()
        if "<html" not in lowered and "<!doctype html" not in lowered:
            return None
        if 'class="message default' in head or (
            "exported data" in lowered and 'class="page_wrap"' in head
        ):
            return Sniffed("html", 90)
        return None

    def read(self, parts: Sequence[Source], context: ReadContext) -> Iterator[Message]:
        from compliance.archives.telegram_html_page import PageParser

        localizer = context.localizer()
        previous_sender: str | None = None
        previous_time: tuple[datetime, datetime | None, str] | None = None
        context.chats = 1
        context.variant = "html"
        context.decided_order = DateOrder.DMY  # "dd.mm.yyyy" in the title attributes
        for source in parts:
            parser = PageParser()
            with source.open() as stream:
                decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
                while True:
                    try:
                        chunk = stream.read(_CHUNK)
                    except ZIP_ERRORS as exc:
                        context.report.skipped += 1
                        context.report.warn(
                            f"{source.display}: damaged ({reason(exc)}); read so far"
                        )
                        chunk = b""
                    try:
                        parser.feed(decoder.decode(chunk, not chunk))
                    except (AssertionError, ValueError):
                        # html.parser gives up on some broken markup ("<![" sections)
                        context.report.skipped += 1
                        context.report.warn(f"{source.display}: broken HTML; read so far")
                        chunk = b""
                    for entry in parser.done:
                        message = self._message(
                            entry, source, context, localizer, previous_sender, previous_time
                        )
                        if message is None:
                            continue
                        if message.sender is not None:
                            previous_sender = message.sender
                        previous_time = (message.timestamp, message.wall_time, message.raw_time)
                        message.chat_title = (
                            " ".join("".join(parser.chat_title_parts).split()) or None
                        )
                        message.chat_id = message.chat_title
                        yield message
                    parser.done.clear()
                    if not chunk:
                        break
                with contextlib.suppress(AssertionError, ValueError):
                    parser.close()

    def _message(
        self,
        entry: Entry,
        source: Source,
        context: ReadContext,
        localizer: Localizer,
        previous_sender: str | None,
        previous_time: tuple[datetime, datetime | None, str] | None,
    ) -> Message | None:
        if entry.sender == "\0separator":
            return None
        position = SourcePosition(source.display, entry.line)
        stamp = _parse_title(entry.title, localizer) if entry.title else None
        if stamp is None:
            if not entry.service or previous_time is None:
                context.report.skipped += 1
                context.report.warn(f"{position}: message without a readable date; skipped")
                return None
            stamp = previous_time  # service entries carry no time; they follow the last one
        timestamp, wall, raw = stamp
        if entry.service:
            text = " ".join("".join(entry.service_text).split())
            return Message(timestamp, wall, raw, None, text, entry.kind, position)
        sender = entry.sender if entry.sender else (previous_sender if entry.joined else None)
        if sender is None:
            sender = previous_sender or "Unknown"
        text = "".join(entry.text_parts).strip()
        attachments: tuple[Attachment, ...] = ()
        if entry.attachment:
            name = PurePosixPath(entry.attachment).name
            if source.member is None:
                present: bool | None = jsonshape.is_file(source.path.parent / entry.attachment)
            else:
                present = None if context.present_files is None else name in context.present_files
            attachments = (Attachment(name, media_type_of(name), None, present),)
        elif entry.kind in (MessageKind.MEDIA, MessageKind.STICKER):
            attachments = (Attachment(None, None, None, False),)
        return Message(timestamp, wall, raw, sender, text, entry.kind, position, attachments)


def _parse_title(title: str, localizer: Localizer) -> tuple[datetime, datetime | None, str] | None:
    match = _TITLE_TIME.search(title)
    if match is None:
        return None
    day, month, year, hour, minute, second = (int(match[i]) for i in range(1, 7))
    try:
        wall = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    if match[7]:
        offset = timedelta(hours=int(match[8]), minutes=int(match[9]))
        zone = timezone(offset if match[7] == "+" else -offset)
        aware = wall.replace(tzinfo=zone).astimezone(localizer.tz)
    else:
        aware = localizer.localize(wall)
    return aware, wall, title
