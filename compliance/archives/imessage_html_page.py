"""The HTML page parser of imessage-exporter's output (loaded only when such a file is read)."""

from __future__ import annotations

from datetime import datetime
from html.parser import HTMLParser

from compliance.archives.imessage import MISSING_ATTACHMENT, REACTION, Draft

_VOID = frozenset({"img", "hr", "br", "source", "meta", "link", "input", "wbr"})
_MEDIA_TAGS = frozenset({"img", "video", "audio"})
_EPOCH = datetime(1970, 1, 1)  # a draft's time until its timestamp is read


class Page(HTMLParser):
    """Collects top-level messages and announcements; replies nested under their thread
    are skipped (the exporter prints them again in their own place)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, frozenset[str]]] = []
        self.done: list[tuple[int, str, str | None, Draft]] = []
        self.kind: str | None = None  # "message" or "announcement" while inside one
        self.depth = 0  # stack depth of the open message or announcement
        self.skip_depth = 0  # stack depth of an open div.replies (0: none)
        self.draft: Draft | None = None
        self.line = 0
        self.timestamp: list[str] = []
        self.sender: list[str] = []
        self.field: str | None = None  # "timestamp", "sender", "bubble", "reaction", "text"
        self.field_depth = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = frozenset((values.get("class") or "").split())
        if tag not in _VOID:
            self.stack.append((tag, classes))
        if self.skip_depth:
            return
        if tag == "div" and "replies" in classes and self.kind:
            self.skip_depth = len(self.stack)
            return
        if self.kind is None and tag == "div" and ({"message", "announcement"} & classes):
            self.kind = "message" if "message" in classes else "announcement"
            self.depth = len(self.stack)
            self.line = self.getpos()[0]
            self.draft = Draft(self.line, _EPOCH, "", None)
            self.timestamp, self.sender, self.text = [], [], []
            return
        draft = self.draft
        if draft is None:
            return
        if self.field is None and (tag == "span" or (tag == "div" and "reaction" in classes)):
            for name in ("timestamp", "sender", "bubble", "reaction", "attachment_error"):
                if name in classes:
                    self.field, self.field_depth = name, len(self.stack)
                    self.text = []
                    return
        if self.field in (None, "attachment_error") and self._in_part():
            if tag in _MEDIA_TAGS:
                draft.attachments.append(values.get("src") or "")
            elif tag == "source" and draft.attachments and not draft.attachments[-1]:
                draft.attachments[-1] = values.get("src") or ""
            elif tag == "a" and values.get("href"):
                draft.attachments.append(values.get("href") or "")

    def _in_part(self) -> bool:
        return any("message_part" in classes for _tag, classes in self.stack)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _classes = self.stack.pop()
            depth = len(self.stack) + 1
            if self.skip_depth and depth == self.skip_depth:
                self.skip_depth = 0
            elif not self.skip_depth:
                if self.field is not None and depth == self.field_depth:
                    self._end_field()
                if self.kind is not None and depth == self.depth:
                    self._end_entry()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skip_depth or self.draft is None:
            return
        if self.field is not None:
            self.text.append(data)
        elif self.kind == "announcement":
            self.draft.texts.append(data)

    def _end_field(self) -> None:
        field, text = self.field, "".join(self.text)
        self.field = None
        draft = self.draft
        if draft is None:
            return
        if field == "timestamp":
            self.timestamp.append(text)
        elif field == "sender":
            self.sender.append(text.strip())
        elif field == "bubble":
            draft.texts.append(text)
        elif field == "attachment_error" or text.strip() in MISSING_ATTACHMENT:
            draft.missing += 1
        elif field == "reaction":
            reaction = REACTION.match(" ".join(text.split()))
            if reaction is not None:
                draft.reactions.append((reaction["what"], reaction["who"]))
            elif text.strip().startswith("from "):  # a sticker given as a reaction
                draft.reactions.append(("Sticker", text.strip()[5:]))

    def _end_entry(self) -> None:
        draft = self.draft
        if draft is not None:
            if self.kind == "announcement":
                draft.texts = [" ".join("".join(draft.texts).split())]
                sender = None
            else:
                sender = self.sender[0] if self.sender and self.sender[0] else None
            self.done.append((self.line, " ".join("".join(self.timestamp).split()), sender, draft))
        self.kind, self.draft, self.field = None, None, None
