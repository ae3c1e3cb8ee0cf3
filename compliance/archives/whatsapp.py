"""WhatsApp "Export chat" text (.txt, or ``_chat.txt`` in a zip), Android and iOS, any locale."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from compliance.archives.base import ArchiveReader, ReadContext, Sniffed
from compliance.archives.model import (
    ArchiveFormat,
    Attachment,
    DateOrder,
    Message,
    MessageKind,
    ReadReport,
    SourcePosition,
)
from compliance.archives.sources import Source, open_range, read_head
from compliance.archives.summary import SummaryCounter
from compliance.archives.textio import iter_blocks, sniff_encoding
from compliance.archives.whatsapp_header import (
    DateOrderVote,
    DatePart,
    calendar_date,
)
from compliance.archives.whatsapp_kinds import SYSTEM_PHRASES, classify
from compliance.archives.whatsapp_scan import (
    Entry,
    Header,
    header_lines,
    prescan_dates,
    scan_entries,
)

_E2E = re.compile(
    r"end-to-end|ende-zu-ende|de bout en bout|de extremo a extremo|ponta a ponta|uçtan uca|"
    r"сквозн|szyfrowan|crittograf",
    re.IGNORECASE,
)
_QUOTES = re.compile('["“”„«»]')
_LRM = "\u200e"
_ENCODING_NAMES = {"cp1252": "Windows-1252", "utf-16": "UTF-16"}
_TITLE = re.compile(
    r"^WhatsApp[- ]?(?:Chat|chat)(?: - | (?:with|mit|met|avec|con|com|ile|z|с|s uživatelem) )"
    r"(?P<title>.+?)(?:\.txt|\.zip)?$"
)


@dataclass(slots=True)
class Prescan:
    """What the first pass over a text export learned."""

    vote: DateOrderVote = field(default_factory=DateOrderVote)
    lines: int = 0
    year_wraps: int = 0
    last_no_year: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class FilePart:
    """A byte range of a plain file that starts at a header line, with its first line's
    number minus one."""

    start: int
    end: int
    line_offset: int


# raw timestamp text, date, time, the rest of the line after the header


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

    def is_present(self, source: Source, name: str, present: frozenset[str] | None) -> bool | None:
        """Whether an attachment's file is in the archive (None when that cannot be told)."""
        return None if present is None else name in present

    def read(self, parts: Sequence[Source], context: ReadContext) -> Iterator[Message]:
        for source in parts:
            encoding = self.encoding_of(source, context)
            scan = self.prescan(source, encoding)
            orders, first_year = self.decide(source, context, scan)
            yield from self.messages_in(source, context, encoding, orders, first_year)

    def summarize_parallel(
        self, parts: Sequence[Source], context: ReadContext
    ) -> SummaryCounter | None:
        from compliance.archives.whatsapp_parallel import summarize_in_processes

        if len(parts) != 1:
            return None
        return summarize_in_processes(self, parts[0], context)

    def encoding_of(self, source: Source, context: ReadContext) -> str:
        """The text encoding of a source; anything but UTF-8 gets a warning."""
        encoding = sniff_encoding(read_head(source))
        if encoding != "utf-8":
            context.report.warn(
                f"{source.display}: not UTF-8 text; read as {_ENCODING_NAMES[encoding]} "
                "(check names and umlauts)"
            )
        return encoding

    def prescan(
        self, source: Source, encoding: str, byte_range: tuple[int, int] | None = None
    ) -> Prescan:
        """First pass: every header's date (for the date order), and the line count."""
        scan = Prescan()
        vote = scan.vote

        def note(date: DatePart) -> None:
            vote.add(date)
            if date.no_year:
                if scan.last_no_year is not None and (date.b, date.a) < scan.last_no_year:
                    scan.year_wraps += 1
                scan.last_no_year = (date.b, date.a)

        opened = source.open() if byte_range is None else open_range(source, *byte_range)
        with opened as stream:
            report = ReadReport()  # the second pass reports damage, once
            blocks = iter_blocks(stream, origin=source.display, report=report, encoding=encoding)
            scan.lines = prescan_dates(blocks, note)
        return scan

    def decide(
        self, source: Source, context: ReadContext, scan: Prescan
    ) -> tuple[dict[str, DateOrder], int]:
        """The date order per layout, and the first year of a year-less export."""
        vote = scan.vote
        orders, warnings = vote.decide(context.date_order)
        for warning in warnings:
            context.report.warn(f"{source.display}: {warning}")
        if len(vote.layouts) > 1:
            read_as = ", ".join(
                f"{_layout_label(layout)} as {orders[layout]}" for layout in vote.layouts
            )
            context.report.warn(
                f"{source.display}: the date layout changes within the file; read {read_as}"
            )
        main = vote.main_layout()
        if main is not None:
            context.decided_order = orders[main]
            context.variant = self.variant_of(main)
        context.chats = max(context.chats, 1)
        first_year = source.modified_year() - scan.year_wraps
        if scan.last_no_year is not None:
            context.report.warn(
                f"{source.display}: dates carry no year; years inferred from the file's "
                f"date ({source.modified_year()}) counting back at each new year"
            )
        return orders, first_year

    def entries(
        self,
        source: Source,
        report: ReadReport,
        encoding: str,
        byte_range: tuple[int, int] | None = None,
    ) -> Iterator[Entry]:
        """The entries of a source (or of a byte range of a plain file)."""
        opened = source.open() if byte_range is None else open_range(source, *byte_range)
        with opened as stream:
            blocks = iter_blocks(stream, origin=source.display, report=report, encoding=encoding)
            yield from scan_entries(blocks)

    def messages_in(
        self,
        source: Source,
        context: ReadContext,
        encoding: str,
        orders: dict[str, DateOrder],
        first_year: int,
        part: FilePart | None = None,
    ) -> Iterator[Message]:
        """Second pass: the messages of a source, or of one part of it."""
        builder = _MessageBuilder(self, source, context, orders, first_year)
        line_offset = 0
        if part is not None:
            line_offset = part.line_offset
            if part.start > 0:
                builder.count = 3  # the opening-banner rule is for the file's first lines
        build = builder.build
        orphan_lines = 0
        byte_range = None if part is None else (part.start, part.end)
        for line, header, body in self.entries(source, context.report, encoding, byte_range):
            if header is None:
                orphan_lines += sum(1 for text in body if text.strip())
                continue
            message = build(line + line_offset, header, body)
            if message is not None:
                yield message
        if orphan_lines:
            context.report.skipped += orphan_lines
            context.report.warn(
                f"{source.display}: {orphan_lines} line(s) before the first message header skipped"
            )
        if part is None and builder.count == 0:
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
        first_year: int,
    ) -> None:
        self.reader = reader
        self.source = source
        self.classify_body = reader.classify_body
        self.named_system_entries = reader.named_system_entries
        self.display = source.display
        self.context = context
        self.orders = orders
        localizer = context.localizer()
        self.localizer = localizer
        self.tz = localizer.tz
        self.present = context.present_files
        self.count = 0
        self.senders: set[str] = set()
        self.sender_verdicts: dict[str, bool] = {}
        self.dates: dict[DatePart, tuple[int, int, int]] = {}
        self.year = first_year
        self.last_no_year: tuple[int, int] | None = None
        # The day of the previous header: consecutive messages mostly share it, and
        # ``parse_date`` hands out one DatePart per date text, so an identity test tells
        # a new day, and the calendar date and its DST check are worked out once a day.
        self.day_part: DatePart | None = None
        self.day: tuple[int, int, int] | None = None
        self.plain_day = True
        # The chat's name sits in the (localised) file name of the .txt or the zip.
        title = _TITLE.match(source.name) or _TITLE.match(source.path.name)
        self.chat_title = title["title"] if title else None
        self.chat_id = source.display

    def build(self, line: int, header: Header, more_lines: list[str]) -> Message | None:
        raw_time, date, clock, rest, _bracketed = header
        if date is not self.day_part:
            self._start_day(date)
        day = self.day
        if day is None:
            self.context.report.skipped += 1
            self.context.report.warn(
                f"{self.display}:{line}: impossible date {raw_time!r}; skipped"
            )
            return None
        year, month, day_of_month = day
        hour, minute, second, _with_seconds = clock
        naive = datetime(year, month, day_of_month, hour, minute, second)
        if self.plain_day:
            timestamp = datetime(year, month, day_of_month, hour, minute, second, 0, self.tz)
        else:
            timestamp = self.localizer.localize(naive)
        if more_lines:
            while more_lines and not more_lines[-1].strip():
                more_lines.pop()
            body = "\n".join([rest, *more_lines]) if more_lines else rest
        else:
            body = rest
        sender, text = _split_sender(rest, body, self.senders, self.sender_verdicts)
        kind: MessageKind
        attachments: tuple[Attachment, ...] = ()
        if sender is None:
            kind = MessageKind.SYSTEM
        else:
            kind, attachments = self.classify_body(text)
            if (
                kind is MessageKind.TEXT
                and self.named_system_entries
                and (text.startswith(_LRM) or self.count < 3)
                and self._looks_like_system(text)
            ):
                sender, kind = None, MessageKind.SYSTEM
                text = body
            elif len(self.senders) < 10_000:
                self.senders.add(sender)
        if attachments:
            attachments = tuple(
                Attachment(
                    a.name,
                    a.media_type,
                    a.size,
                    self.reader.is_present(self.source, a.name, self.present),
                )
                if a.name
                else a
                for a in attachments
            )
        self.count += 1
        return Message(
            timestamp,
            naive,
            raw_time,
            sender,
            text,
            kind,
            SourcePosition(self.display, line),
            attachments,
            self.chat_id,
            self.chat_title,
        )

    def _start_day(self, date: DatePart) -> None:
        """The calendar date of a header whose date differs from the previous header's."""
        self.day_part = date
        if date.no_year:
            if self.last_no_year is not None and (date.b, date.a) < self.last_no_year:
                self.year += 1
            self.last_no_year = (date.b, date.a)
            ymd = calendar_date(date, DateOrder.DMY, self.year)
        else:
            known = self.dates.get(date)
            if known is None:
                if len(self.dates) > 20_000:
                    self.dates.clear()
                known = self.dates[date] = self._calendar_date(date)
            ymd = known
        if not _is_date(ymd):
            self.day = None
            return
        self.day = ymd
        self.plain_day = self.localizer.plain_day(*ymd)

    def _looks_like_system(self, text: str) -> bool:
        # iOS writes app entries with the chat's name as "sender" and an LRM before the text.
        head = text[:300]
        if text.startswith(_LRM):
            return SYSTEM_PHRASES.search(head) is not None
        return self.count < 3 and _E2E.search(head) is not None

    def _calendar_date(self, date: DatePart) -> tuple[int, int, int]:
        order = self.orders.get(date.layout, DateOrder.DMY)
        ymd = calendar_date(date, order)
        if order is DateOrder.YMD or _is_date(ymd):
            return ymd
        # The phone's region changed within one layout (day and month swapped): a date
        # that only fits the other order is read with it, and the read says so.
        other = DateOrder.MDY if order is DateOrder.DMY else DateOrder.DMY
        swapped = calendar_date(date, other)
        if _is_date(swapped):
            self.context.report.warn(
                f"{self.display}: some dates only fit {other} (the date order changed "
                f"within the file); those were read as {other}"
            )
            return swapped
        return ymd


def _split_sender(
    rest: str, body: str, known: set[str], verdicts: dict[str, bool]
) -> tuple[str | None, str]:
    cut = rest.find(": ")
    if cut < 0:
        if rest.endswith(":"):
            return rest[:-1], body[len(rest) :]
        colon = rest.find(":")
        if colon > 0 and rest[:colon] in known:  # "Name:text" with the space lost
            return rest[:colon], body[colon + 1 :]
        return None, body
    sender = rest[:cut]
    # A chat has few senders: judge each name once (bounded, for files full of odd lines).
    is_sender = verdicts.get(sender)
    if is_sender is None:
        is_sender = not (
            len(sender) > 80 or (_QUOTES.search(sender) and SYSTEM_PHRASES.search(sender))
        )
        if len(verdicts) < 10_000:
            verdicts[sender] = is_sender
    if not is_sender:
        return None, body
    return sender, body[cut + 2 :]


def _variant_of(layout: str) -> str:
    if layout.startswith("noyear"):
        return "android-legacy"
    if layout.startswith(":"):
        return "ios-legacy"
    return "ios" if layout.startswith("[") else "android"


def _layout_label(layout: str) -> str:
    style, separator, year_first, width = ([*layout.split("|"), "", "", ""])[:4]
    if style == "noyear":
        return "day month (no year)"
    parts = ["yyyy", "x", "x"] if year_first == "True" else ["x", "x", "y" * int(width or 2)]
    return separator.join(parts) + (" in brackets" if style == "[" else "")


def _is_date(ymd: tuple[int, int, int]) -> bool:
    try:
        datetime(*ymd)
    except ValueError:
        return False
    return True
