"""iMessage conversations exported by imessage-exporter (ReagentX): its TXT and HTML output.

One file per conversation. A message is a timestamp (``May 17, 2022  5:29:42 PM``, local
time, optionally followed by `` (Read by ... after ...)``), the sender (``Me`` or the
contact), the text, attachments (file paths in TXT, ``<img>``/``<video>``/``<audio>``/links
in HTML), and the reactions others gave it (``Loved by Anna``). Announcements (``... renamed
the conversation to ...``) are the app's. Replies are printed twice by the exporter, under
their thread and again in their place: only the latter is read. A reaction is an entry of
its own, written by the one who reacted, at the time of the message it reacts to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath

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
from compliance.archives.sources import Source
from compliance.archives.textio import iter_blocks
from compliance.archives.whatsapp.vocabulary import media_type_of

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
# "%b %d, %Y %l:%M:%S %p" (the hour is padded with a space), then a read note or an
# announcement's text.
STAMP = re.compile(
    r"(?P<stamp>(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?P<day>\d{2}), "
    r"(?P<year>\d{4}) {1,2}(?P<hour>\d{1,2}):(?P<minute>\d{2}):(?P<second>\d{2}) "
    r"(?P<half>AM|PM))(?P<rest>.*)"
)
_READ_NOTE = re.compile(r" \(Read by .{1,40} after [^()]{1,80}\)$")
REACTION = re.compile(r"(?P<what>.{1,60}?) by (?P<who>.{1,200})$")
_STICKER_REACTION = re.compile(r"Sticker from (?P<who>.{1,200}?): (?P<path>.+)$")
_DELETED = re.compile(r".{1,40} deleted a message\.$")
_REPLY_NOTE = "This message responded to an earlier message."
MISSING_ATTACHMENT = ("Attachment missing!", "Attachment does not exist!")
_PATH = re.compile(r"(?:/|~/|[A-Za-z]:\\|\.{0,2}/?[\w. -]+/).*\.\w{1,5}$")


def stamp_time(match: re.Match[str]) -> datetime | None:
    """The wall time of a timestamp match, or None when it names no real moment."""
    hour = int(match["hour"]) % 12 + (12 if match["half"] == "PM" else 0)
    try:
        return datetime(
            int(match["year"]),
            _MONTHS[match["month"]],
            int(match["day"]),
            hour,
            int(match["minute"]),
            int(match["second"]),
        )
    except ValueError:
        return None


@dataclass(slots=True)
class Draft:
    """One exported message (or announcement) as the file gives it, before it becomes
    :class:`Message` entries."""

    line: int
    wall_time: datetime
    raw_time: str
    sender: str | None
    texts: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    missing: int = 0
    reactions: list[tuple[str, str]] = field(default_factory=list)


def drafts_to_messages(
    drafts: Iterator[Draft], source: Source, localizer: Localizer, chat_title: str | None
) -> Iterator[Message]:
    """The messages (and reaction entries) of a conversation's drafts."""
    for draft in drafts:
        timestamp = localizer.localize(draft.wall_time)
        position = SourcePosition(source.display, draft.line)
        text = "\n".join(t for t in draft.texts if t != _REPLY_NOTE).strip()
        attachments = tuple(
            Attachment(PurePath(name).name or None, media_type_of(name), None, None)
            for name in draft.attachments
        ) + tuple(Attachment(None, None, None, False) for _ in range(draft.missing))
        if draft.sender is None:
            kind = MessageKind.SYSTEM
        elif attachments:
            kind = MessageKind.MEDIA
        elif _DELETED.match(text):
            kind = MessageKind.DELETED
        else:
            kind = MessageKind.TEXT
        yield Message(
            timestamp, draft.wall_time, draft.raw_time, draft.sender, text, kind,
            position, attachments, source.display, chat_title,
        )  # fmt: skip
        for what, who in draft.reactions:
            yield Message(
                timestamp, draft.wall_time, draft.raw_time, who, what, MessageKind.TEXT,
                position, (), source.display, chat_title,
            )  # fmt: skip


class DraftReader(ArchiveReader):
    """A reader of imessage-exporter's output: each conversation file is read into drafts
    (:meth:`_drafts`), which become messages in the exporter's US date order."""

    format = ArchiveFormat.IMESSAGE
    variant = ""

    def read(self, parts: Sequence[Source], context: ReadContext) -> Iterator[Message]:
        context.variant = self.variant
        context.decided_order = DateOrder.MDY
        localizer = context.localizer()
        for source in parts:
            context.chats += 1
            drafts = self._drafts(source, context)
            yield from drafts_to_messages(drafts, source, localizer, conversation_title(source))

    def _drafts(self, source: Source, context: ReadContext) -> Iterator[Draft]:
        raise NotImplementedError


class IMessageTextReader(DraftReader):
    """imessage-exporter's ``-f txt`` output."""

    variant = "text"

    def sniff(self, head: str, name: str) -> Sniffed | None:
        lines = [line.rstrip("\r") for line in head.lstrip("\ufeff").split("\n")[:400]]
        stamps = senders = 0
        for number, line in enumerate(lines[:-1]):
            match = STAMP.fullmatch(line)
            if match is None:
                continue
            stamps += 1
            rest = match["rest"]
            following = lines[number + 1]
            if (not rest or _READ_NOTE.fullmatch(rest)) and following.strip():
                senders += 1
        if senders and stamps >= 1 and senders * 2 >= stamps:
            return Sniffed("text", 80)
        return None

    def _drafts(self, source: Source, context: ReadContext) -> Iterator[Draft]:
        draft: Draft | None = None
        expect_sender = in_reactions = False
        previous_blank = True
        number = 0
        with source.open() as stream:
            for block in iter_blocks(stream, origin=source.display, report=context.report):
                lines = block.split("\n")
                if block.endswith("\n"):
                    lines.pop()
                for raw in lines:
                    number += 1
                    line = raw.rstrip("\r")
                    if line.startswith("    "):
                        continue  # a reply printed under its thread; read in its own place
                    match = STAMP.fullmatch(line.lstrip("\ufeff"))
                    if (
                        match is not None
                        and match["rest"]
                        and draft is not None
                        and draft.sender is not None
                        and not previous_blank
                        and not _READ_NOTE.fullmatch(match["rest"])
                    ):
                        match = None  # an edited message's history, inside its body
                    previous_blank = not line.strip()
                    if match is not None:
                        wall_time = stamp_time(match)
                        if wall_time is None:
                            context.report.skipped += 1
                            context.report.warn(f"{source.display}:{number}: impossible date")
                            continue
                        if draft is not None:
                            yield draft
                        rest = match["rest"]
                        if rest and not _READ_NOTE.fullmatch(rest):
                            draft = Draft(number, wall_time, match["stamp"], None, [rest.strip()])
                            expect_sender = False
                        else:
                            draft = Draft(number, wall_time, match["stamp"], None)
                            expect_sender = True
                        in_reactions = False
                        continue
                    if draft is None:
                        if line.strip():
                            context.report.skipped += 1
                        continue
                    if expect_sender:
                        draft.sender = line.strip() or None
                        expect_sender = False
                        continue
                    _body_line(draft, line, in_reactions)
                    if line == "Reactions:":
                        in_reactions = True
                    elif not line.strip():
                        in_reactions = False
        if draft is not None:
            yield draft


def _body_line(draft: Draft, line: str, in_reactions: bool) -> None:
    if line == "Reactions:":
        return
    if in_reactions and line.strip():
        sticker = _STICKER_REACTION.match(line.strip())
        reaction = sticker or REACTION.match(line.strip())
        if reaction is not None:
            what = "Sticker" if sticker else reaction["what"]
            draft.reactions.append((what, reaction["who"]))
            return
    if line in MISSING_ATTACHMENT:
        draft.missing += 1
    elif _PATH.fullmatch(line) and "/" in line.replace("\\", "/"):
        draft.attachments.append(line)
    else:
        draft.texts.append(line)


def conversation_title(source: Source) -> str | None:
    # The exporter names each file after the conversation (its name, or its members).
    stem = PurePath(source.name).stem
    return stem or None
