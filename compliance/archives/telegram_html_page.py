"""The HTML parser behind the Telegram HTML reader: one message entry at a time.

A module of its own because html.parser is imported only when a Telegram HTML export
is read, not by format detection, which imports every reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from compliance.archives.model import MessageKind

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


@dataclass(slots=True)
class Entry:
    line: int
    service: bool
    joined: bool
    title: str | None = None
    sender: str | None = None
    text_parts: list[str] = field(default_factory=list)
    service_text: list[str] = field(default_factory=list)
    kind: MessageKind = MessageKind.TEXT
    attachment: str | None = None


class PageParser(HTMLParser):
    """Collects one finished entry at a time into ``done``; keeps only open-tag state."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: list[Entry] = []
        self.entry: Entry | None = None
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
                self.entry = Entry(
                    self.getpos()[0], service=True, joined=False, kind=MessageKind.SYSTEM
                )
                self.entry.sender = "\0separator"
            else:
                self.entry = Entry(self.getpos()[0], "service" in classes, "joined" in classes)
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
