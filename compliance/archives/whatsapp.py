"""WhatsApp "Export chat" text (.txt, or ``_chat.txt`` in a zip), Android and iOS, any locale."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from compliance.archives.base import ArchiveReader, ReadContext, Sniffed
from compliance.archives.model import (
    ArchiveFormat,
    Attachment,
    DateOrder,
    Message,
    MessageKind,
    SourcePosition,
)
from compliance.archives.sources import Source
from compliance.archives.textio import iter_lines, sniff_encoding
from compliance.archives.whatsapp_header import (
    HEADER,
    MATCH_TABLE,
    STRIP_TABLE,
    DateOrderVote,
    ParsedStamp,
    parse_stamp,
    wall_time,
)
from compliance.archives.whatsapp_kinds import SYSTEM_PHRASES, classify

_E2E = re.compile(
    r"end-to-end|ende-zu-ende|de bout en bout|de extremo a extremo|ponta a ponta|uçtan uca|"
    r"сквозн|szyfrowan|crittograf",
    re.IGNORECASE,
)
_QUOTES = frozenset('"“”„«»')
_LRM = "\u200e"
_CACHE_LIMIT = 200_000
_TITLE = re.compile(
    r"^WhatsApp[- ]?(?:Chat|chat)(?: - | (?:with|mit|met|avec|con|com|ile|z|с|s uživatelem) )"
    r"(?P<title>.+?)(?:\.txt|\.zip)?$"
)


@dataclass(slots=True)
class _Pending:
    """A message whose continuation lines are still being collected."""

    line: int
    raw_time: str
    stamp: ParsedStamp
    rest: str
    body_lines: list[str]


class LineChatReader(ArchiveReader):
    """A text export of ``header sender: text`` lines with continuation lines.

    Two passes over the text: the first decides the date order, the second yields.
    Subclasses say how a body is classified and which files they claim.
    """

    format = ArchiveFormat.WHATSAPP
    # iOS WhatsApp writes app entries with the chat's name as sender; others do not.
    named_system_entries = True

    def classify_body(self, text: str) -> tuple[MessageKind, tuple[Attachment, ...]]:
        """The kind and attachments of an authored body."""
        return classify(text)

    def variant_of(self, layout: str) -> str:
        """The variant name of the file's main header layout."""
        return _variant_of(layout)

    def read(self, parts: Sequence[Source], context: ReadContext) -> Iterator[Message]:
        for source in parts:
            yield from self._read_one(source, context)

    def _read_one(self, source: Source, context: ReadContext) -> Iterator[Message]:
        encoding = _encoding_of(source)
        vote = DateOrderVote()
        for _number, line in self._lines(source, context, encoding, warn=False):
            match = _match_header(line)
            if match is not None:
                stamp = _stamp_of(match)
                if stamp is not None:
                    vote.add(stamp)
        orders, warnings = vote.decide(context.date_order)
        for warning in warnings:
            context.report.warn(f"{source.display}: {warning}")
        main = vote.main_layout()
        if main is not None:
            context.decided_order = orders[main]
            context.variant = self.variant_of(main)
        context.chats = max(context.chats, 1)
        yield from self._messages(source, context, encoding, orders)

    def _lines(
        self, source: Source, context: ReadContext, encoding: str, *, warn: bool
    ) -> Iterator[tuple[int, str]]:
        from compliance.archives.model import ReadReport

        report = context.report if warn else ReadReport()
        with source.open() as stream:
            yield from enumerate(
                iter_lines(stream, origin=source.display, report=report, encoding=encoding), 1
            )

    def _messages(
        self,
        source: Source,
        context: ReadContext,
        encoding: str,
        orders: dict[str, DateOrder],
    ) -> Iterator[Message]:
        builder = _MessageBuilder(self, source, context, orders)
        pending: _Pending | None = None
        orphan_lines = 0
        for number, line in self._lines(source, context, encoding, warn=True):
            match = _match_header(line)
            stamp = _stamp_of(match) if match is not None else None
            if match is None or stamp is None:
                if pending is not None:
                    pending.body_lines.append(line)
                elif line.strip():
                    orphan_lines += 1
                continue
            if pending is not None:
                message = builder.build(pending)
                if message is not None:
                    yield message
            pending = _Pending(number, match[2], stamp, match[4], [match[4]])
        if pending is not None:
            message = builder.build(pending)
            if message is not None:
                yield message
        if orphan_lines:
            context.report.skipped += orphan_lines
            context.report.warn(
                f"{source.display}: {orphan_lines} line(s) before the first message header skipped"
            )
        if builder.count == 0:
            context.report.warn(f"{source.display}: no message header found")


class WhatsAppReader(LineChatReader):
    """WhatsApp's own export, Android and iOS, any locale and layout."""

    format = ArchiveFormat.WHATSAPP

    def sniff(self, head: str, name: str) -> Sniffed | None:
        headers, bracketed, total = header_lines(head)
        if headers == 0 or headers * 4 < min(total, 40):
            return None
        variant = "ios" if bracketed * 2 > headers else "android"
        return Sniffed(variant, 50 + min(headers, 40))


class _MessageBuilder:
    """Turns a header with its continuation lines into a Message (timestamps, kinds)."""

    def __init__(
        self,
        reader: LineChatReader,
        source: Source,
        context: ReadContext,
        orders: dict[str, DateOrder],
    ) -> None:
        self.reader = reader
        self.source = source
        self.display = source.display
        self.context = context
        self.orders = orders
        self.localizer = context.localizer()
        self.present = context.present_files
        self.count = 0
        self.senders: set[str] = set()
        self.cache: dict[str, datetime | None] = {}
        self.noyear_year = 1900
        self.noyear_last: tuple[int, int] | None = None
        # The chat's name sits in the (localised) file name of the .txt or the zip.
        title = _TITLE.match(source.name) or _TITLE.match(source.path.name)
        self.chat_title = title["title"] if title else None
        self.chat_id = source.display

    def build(self, pending: _Pending) -> Message | None:
        naive = self._wall_time(pending)
        if naive is None:
            self.context.report.skipped += 1
            self.context.report.warn(
                f"{self.display}:{pending.line}: impossible date {pending.raw_time!r}; skipped"
            )
            return None
        lines = pending.body_lines
        while len(lines) > 1 and not lines[-1].strip():
            lines.pop()
        body = "\n".join(lines)
        sender, text = _split_sender(pending.rest, body, self.senders)
        kind: MessageKind
        attachments: tuple[Attachment, ...] = ()
        if sender is None:
            kind = MessageKind.SYSTEM
        else:
            kind, attachments = self.reader.classify_body(text)
            if (
                kind is MessageKind.TEXT
                and self.reader.named_system_entries
                and self._looks_like_system(text)
            ):
                sender, kind = None, MessageKind.SYSTEM
                text = body
        if sender is not None and len(self.senders) < 10_000:
            self.senders.add(sender)
        if attachments and self.present is not None:
            attachments = tuple(
                Attachment(a.name, a.media_type, a.size, a.name in self.present) if a.name else a
                for a in attachments
            )
        self.count += 1
        return Message(
            timestamp=self.localizer.localize(naive),
            wall_time=naive,
            raw_time=pending.raw_time,
            sender=sender,
            text=text,
            kind=kind,
            position=SourcePosition(self.display, pending.line),
            attachments=attachments,
            chat_id=self.chat_id,
            chat_title=self.chat_title,
        )

    def _looks_like_system(self, text: str) -> bool:
        # iOS writes app entries with the chat's name as "sender" and an LRM before the text.
        head = text[:300]
        if text.startswith(_LRM):
            return SYSTEM_PHRASES.search(head) is not None
        return self.count < 3 and _E2E.search(head) is not None

    def _wall_time(self, pending: _Pending) -> datetime | None:
        stamp = pending.stamp
        if stamp.no_year:
            return self._no_year_time(stamp)
        cached = self.cache.get(pending.raw_time, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        order = self.orders.get(stamp.layout, DateOrder.DMY)
        result = wall_time(stamp, order)
        if len(self.cache) > _CACHE_LIMIT:
            self.cache.clear()
        self.cache[pending.raw_time] = result
        return result

    def _no_year_time(self, stamp: ParsedStamp) -> datetime | None:
        # Old Android exports carry no year: count forward from 1900's calendar shape
        # would misplace 29 February, so start at a leap year and roll on at each wrap.
        if self.noyear_last is None:
            self.noyear_year = 2012
            self.context.report.warn(
                f"{self.display}: dates carry no year; years are counted from 2012 and "
                "advance when the month goes back (relative, not real years)"
            )
        elif (stamp.b, stamp.a) < self.noyear_last:
            self.noyear_year += 1
        self.noyear_last = (stamp.b, stamp.a)
        return wall_time(stamp, DateOrder.DMY, self.noyear_year)


def _match_header(line: str) -> re.Match[str] | None:
    match = HEADER.match(line)
    if match is None:
        normalised = line.translate(MATCH_TABLE)
        if normalised != line:
            match = HEADER.match(normalised)
            if match is not None:
                return _remap(line, match)
    return match


class _Remapped:
    """A header match on normalised text, with the rest taken from the raw line."""

    __slots__ = ("_groups",)

    def __init__(self, groups: tuple[str | None, ...]) -> None:
        self._groups = groups

    def __getitem__(self, index: int) -> str | None:
        return self._groups[index]


def _remap(raw: str, match: re.Match[str]) -> re.Match[str]:
    # The body must stay exactly as exported: find where the header ends in the raw line.
    header_end = match.start(4)
    consumed = 0
    index = 0
    while consumed < header_end and index < len(raw):
        if MATCH_TABLE.get(ord(raw[index]), 0) is not None:
            consumed += 1
        index += 1
    rest = raw[index:]
    groups = (match[0], match[1], match[2], match[3], rest)
    return _Remapped(groups)  # type: ignore[return-value]


def _stamp_of(match: re.Match[str]) -> ParsedStamp | None:
    bracketed = match[1] is not None
    stamp = parse_stamp(match[2], bracketed)
    if stamp is None:
        return None
    if not bracketed and match[3] == ": " and not stamp.has_seconds:
        return None  # "date, time: " without seconds is too likely a line of text
    return stamp


def _split_sender(rest: str, body: str, known: set[str]) -> tuple[str | None, str]:
    cut = rest.find(": ")
    if cut < 0:
        if rest.endswith(":"):
            return rest[:-1], body[len(rest) :]
        colon = rest.find(":")
        if colon > 0 and rest[:colon] in known:  # "Name:text" with the space lost
            return rest[:colon], body[colon + 1 :]
        return None, body
    sender = rest[:cut]
    if len(sender) > 80 or (_QUOTES & set(sender) and SYSTEM_PHRASES.search(sender)):
        return None, body
    return sender, body[cut + 2 :]


def header_lines(head: str) -> tuple[int, int, int]:
    headers = bracketed = total = 0
    for line in head.split("\n")[:200]:
        if not line.strip():
            continue
        total += 1
        match = _match_header(line.rstrip("\r"))
        if match is not None and _stamp_of(match) is not None:
            headers += 1
            bracketed += match[1] is not None
    return headers, bracketed, total


def _variant_of(layout: str) -> str:
    if layout.startswith("noyear"):
        return "android-legacy"
    return "ios" if layout.startswith("True") else "android"


def _encoding_of(source: Source) -> str:
    from compliance.archives.sources import read_head

    encoding = sniff_encoding(read_head(source))
    return encoding


_ = STRIP_TABLE  # re-exported for readers that share the line grammar
