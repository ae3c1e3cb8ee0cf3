"""Telegram Desktop HTML export (``messages.html``, ``messages2.html``, ...), parsed as a stream."""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import PurePosixPath

from compliance.archives.base import ArchiveReader, ReadContext, Sniffed
from compliance.archives.clock import Localizer
from compliance.archives.model import (
    ArchiveFormat,
    Attachment,
    DateOrder,
    Message,
    MessageKind,
    SourcePosition,
)
from compliance.archives.sources import ZIP_ERRORS, Source
from compliance.archives.whatsapp_kinds import media_type_of

_TITLE_TIME = re.compile(
    r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-])(\d{2}):(\d{2}))?"
)
_MEDIA_CLASSES = {
    "photo_wrap": MessageKind.MEDIA,
    "video_file_wrap": MessageKind.MEDIA,
    "animated_wrap": MessageKind.MEDIA,
    "media_voice_message": MessageKind.MEDIA,
    "media_audio_file": MessageKind.MEDIA,
    "media_video": MessageKind.MEDIA,
    "media_file": MessageKind.MEDIA,
    "sticker_wrap": MessageKind.STICKER,
    "media_photo": MessageKind.MEDIA,
    "media_location": MessageKind.LOCATION,
    "media_live_location": MessageKind.LOCATION,
    "media_contact": MessageKind.CONTACT,
    "media_poll": MessageKind.POLL,
    "media_call": MessageKind.CALL,
}
_CHUNK = 256 * 1024


@dataclass(slots=True)
class _Entry:
    line: int
    service: bool
    joined: bool
    title: str | None = None
    sender: str | None = None
    text_parts: list[str] = field(default_factory=list)
    service_text: list[str] = field(default_factory=list)
    kind: MessageKind = MessageKind.TEXT
    attachment: str | None = None


class _Parser(HTMLParser):
    """Collects one finished entry at a time into ``done``; keeps only open-tag state."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: list[_Entry] = []
        self.entry: _Entry | None = None
        self.stack: list[str] = []  # role of each open div inside the current message
        self.depth = 0
        self.capture: str | None = None
        self.capture_depth = 0
        self.chat_title_parts: list[str] = []
        self.in_header_text = False
        self._from: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "br" and self.capture:
            self._data("\n")
            return
        if tag == "div" and "page_header" in classes:
            self.in_header_text = True
        if tag != "div" and tag != "a":
            return
        if tag == "div" and "message" in classes and self.entry is None:
            ident = attributes.get("id") or ""
            if ident.startswith("message-"):  # date separators are no entries
                self.entry = _Entry(
                    self.getpos()[0], service=True, joined=False, kind=MessageKind.SYSTEM
                )
                self.entry.sender = "\0separator"
            else:
                self.entry = _Entry(self.getpos()[0], "service" in classes, "joined" in classes)
                if "service" in classes:
                    self.entry.kind = MessageKind.SYSTEM
            self.depth = 1
            return
        if self.entry is None:
            return
        if tag == "div":
            self.depth += 1
        entry = self.entry
        if "date" in classes and "details" in classes and entry.title is None:
            entry.title = attributes.get("title")
        if tag == "div" and "from_name" in classes and entry.sender is None and not self.capture:
            self._start_capture("from", tag)
        elif tag == "div" and "text" in classes and not self.capture and not entry.text_parts:
            self._start_capture("text", tag)
        elif tag == "div" and "body" in classes and "details" in classes and entry.service:
            self._start_capture("service", tag)
        for name, kind in _MEDIA_CLASSES.items():
            if name in classes:
                if (
                    entry.kind in (MessageKind.TEXT, MessageKind.SYSTEM)
                    or kind is not MessageKind.MEDIA
                ):
                    entry.kind = kind if not entry.service else entry.kind
                href = attributes.get("href")
                if href and entry.attachment is None:
                    entry.attachment = href
        if tag == "a" and entry.attachment is None and "media" in " ".join(classes):
            entry.attachment = attributes.get("href")

    def _start_capture(self, what: str, tag: str) -> None:
        self.capture = what
        self.capture_depth = self.depth
        if what == "from":
            self._from = []

    def handle_endtag(self, tag: str) -> None:
        if self.in_header_text and tag == "div":
            self.in_header_text = False
        if tag != "div" or self.entry is None:
            return
        if self.capture and self.depth == self.capture_depth:
            if self.capture == "from":
                name = " ".join("".join(self._from).split())
                self.entry.sender = name or None
            self.capture = None
        self.depth -= 1
        if self.depth == 0:
            self.done.append(self.entry)
            self.entry = None

    def handle_data(self, data: str) -> None:
        if self.in_header_text and self.entry is None:
            self.chat_title_parts.append(data)
        if self.capture:
            self._data(data)

    def _data(self, data: str) -> None:
        assert self.entry is not None
        if self.capture == "from":
            self._from.append(data)
        elif self.capture == "text":
            self.entry.text_parts.append(data)
        elif self.capture == "service":
            self.entry.service_text.append(data)


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
        localizer = context.localizer()
        previous_sender: str | None = None
        previous_time: tuple[datetime, datetime | None, str] | None = None
        context.chats = 1
        context.variant = "html"
        context.decided_order = DateOrder.DMY  # "dd.mm.yyyy" in the title attributes
        for source in parts:
            parser = _Parser()
            with source.open() as stream:
                decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
                while True:
                    try:
                        chunk = stream.read(_CHUNK)
                    except ZIP_ERRORS as exc:
                        context.report.skipped += 1
                        context.report.warn(f"{source.display}: damaged ({exc}); read so far")
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
        entry: _Entry,
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
                present: bool | None = (source.path.parent / entry.attachment).is_file()
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
