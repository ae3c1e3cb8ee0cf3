"""Counting a WhatsApp-style text export for ``inspect`` in one pass, without building messages.

``inspect`` needs counts, participants and the earliest and latest time, not a Message
per entry. One pass over the text (or over one part of it, in a worker process) finds
the headers, attributes every entry with the rules the message builder uses
(:class:`Attributor`), and keeps per header date only the earliest and latest time of
day. Dates become calendar dates at the end, once the date order of the whole file is
decided, so the date evidence and the counts come from the same single pass.

The common entry (a one-line ``Name: text`` in the file's main layout, not among the
first three entries) is counted inline; every other entry goes through the general
path, which sees its continuation lines. The figures equal those of reading every
message (tests compare both on every fixture and on generated exports).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from compliance.archives.clock import Localizer
from compliance.archives.model import MEDIA_KINDS, DateOrder, MessageKind, ReadReport
from compliance.archives.summary import SummaryCounter
from compliance.archives.whatsapp_header import (
    DateOrderVote,
    DatePart,
    calendar_date,
    parse_date,
)
from compliance.archives.whatsapp_kinds import ASCII_MEDIA_TAILS
from compliance.archives.whatsapp_messages import Attributor, is_date, read_date, swap_warning
from compliance.archives.whatsapp_scan import (
    HEADER_LINES,
    FastLayout,
    Header,
    header_of,
    parse_header,
)

_LRM = "\u200e"
# Last characters after which classify() sees the same end as the raw line (not a
# space it strips, not the ")" of "name.ext (file attached)"): any other character
# than these makes a body be classified.
_PLAIN_ENDS = frozenset(chr(c) for c in range(0x21, 0x7F) if chr(c) != ")")
# What the header line of an entry says it is (_GENERAL: its continuation lines count).
_GENERAL, _AUTHORED, _MEDIA, _SYSTEM = 0, 1, 2, 3
# Texts up to this length have their verdicts remembered (placeholders, short replies),
# this many at a time.
_MEMO_CHARS = 40
_MEMO_SIZE = 4096
# Times of day as "HH:MM" or "HH:MM:SS" text: "09:05" sorts before "09:05:30" and after
# "09:04:59", so both widths compare right with each other.
Clock = str
_NO_TIME_YET: Clock = "99"  # later than any time of day
_NO_TIME_LEFT: Clock = ""  # earlier than any


class FullReadNeeded(Exception):
    """The export needs the message-by-message read (year-less dates count years in order)."""


@dataclass(slots=True)
class DaySpan:
    """The entries under one header date: the earliest and latest time of day, and for a
    date that may fall on a day with a DST change, every (entry number, time) in order."""

    impossible: bool
    sequence: list[tuple[int, Clock]] | None
    earliest: Clock = _NO_TIME_YET
    latest: Clock = _NO_TIME_LEFT


@dataclass(frozen=True, slots=True)
class LineNote:
    """A warning about one line; the number counts from the start of the part."""

    line: int
    text: str


@dataclass(frozen=True, slots=True)
class SwapNote:
    """A date that fits only one of day-month and month-day: a warning if the decided
    order is the other one."""

    date: DatePart


Note = str | LineNote | SwapNote


@dataclass(slots=True)
class PartTally:
    """What one pass over a part of an export counted."""

    entries: int = 0
    authored: int = 0
    system: int = 0
    media: int = 0
    participants: set[str] = field(default_factory=set)
    days: dict[DatePart, DaySpan] = field(default_factory=dict)
    vote: DateOrderVote = field(default_factory=DateOrderVote)
    lines: int = 0
    skipped: int = 0
    orphan_lines: int = 0
    notes: list[Note] = field(default_factory=list)


class PartCounter:
    """One pass over the text of an export (or of a part that starts at a header)."""

    def __init__(
        self,
        attributor: Attributor,
        layout: FastLayout | None,
        quick_media: Callable[[str], bool] | None,
        override: DateOrder | None,
        tz: tzinfo,
        first_part: bool,
    ) -> None:
        self.attributor = attributor
        self.layout = layout
        # Media pre-check for one-line bodies; None sends every entry the general way.
        self.quick_media = quick_media
        self.override = override
        self.localizer = Localizer(tz)
        self.tally = PartTally()
        # Entries counted before this part (the first three entries have a rule of
        # their own; a later part is past them).
        self.base = 0 if first_part else 3
        self.in_entry = False
        # The entry waiting for its continuation lines: span, time, rest, more lines.
        self.pending: tuple[DaySpan, Clock, str, list[str]] | None = None
        # Senders whose entries need nothing more than a count (judged, and recorded).
        self.ready: set[str] = set()
        # Verdicts on recurring texts: media or not, and texts behind an invisible mark.
        self.media_memo: dict[str, bool] = {}
        self.marked_memo: dict[str, int] = {}

    # -- the pass ---------------------------------------------------------------

    def count(self, blocks: Iterable[str], report: ReadReport) -> PartTally:
        tally = self.tally
        taken = 0
        for block in blocks:
            if len(report.warnings) > taken:  # decoding trouble, in file order
                tally.notes.extend(report.warnings[taken:])
                taken = len(report.warnings)
            if self.layout is None:
                self._general_block(block)
            else:
                self._fast_block(block, self.layout.entries, self.layout.style)
            tally.lines += block.count("\n") + (0 if block.endswith("\n") else 1)
        self._finish_pending()
        tally.notes.extend(report.warnings[taken:])
        tally.skipped += report.skipped
        return tally

    def _fast_block(self, block: str, pattern: re.Pattern[str], style: str) -> None:
        tally = self.tally
        matches = pattern.findall(block)
        if block.endswith("\n"):
            matches.pop()  # the empty "line" after the last newline
        ready = self.ready
        quick_media = self.quick_media
        media_tails = ASCII_MEDIA_TAILS
        plain_ends = _PLAIN_ENDS
        strip_cr = "\r" in block
        warm = quick_media is not None and self.base + tally.entries >= 3
        pending = self.pending is not None
        # Counted here, and added to the tally before any other step touches it.
        authored = media = system = 0
        last_date_text = None
        span = DaySpan(impossible=True, sequence=None)
        usable = careful = False
        line = tally.lines  # the line before the next match
        in_entry = self.in_entry
        for date_text, clock, rest, more, stray in matches:
            line += 1
            if pending:
                self._add(authored, media, system)
                authored = media = system = 0
                self._finish_pending()
                pending = False
                warm = quick_media is not None and self.base + tally.entries >= 3
            if not date_text:
                self._lines([stray], line)
                pending = self.pending is not None
                in_entry = self.in_entry
                last_date_text = None  # it may have been a header of another day
                continue
            if date_text != last_date_text:
                date = parse_date(date_text, style)
                if date is None:  # the layouts' dates always parse; if not, read in full
                    raise FullReadNeeded
                span = self._day(date)
                usable = not span.impossible
                careful = span.sequence is not None
                last_date_text = date_text
            if strip_cr and rest.endswith("\r"):
                rest = rest[:-1]
            if usable:
                # What the entry is, where its header line alone tells (continuation lines
                # could not change it); _GENERAL where they could.
                verdict = _GENERAL
                if warm:
                    cut = rest.find(": ")
                    if cut >= 0:
                        if _LRM in rest and rest.startswith(_LRM, cut + 2):
                            verdict = self._marked(rest, cut)
                        elif rest[:cut] in ready or self._make_ready(rest[:cut]):
                            # Only a body whose end (or a "<") looks like a placeholder's
                            # is classified.
                            tail = rest[-4:]
                            verdict = (
                                _MEDIA
                                if (
                                    "<" in rest
                                    or rest[-1] not in plain_ends
                                    or tail in media_tails
                                    or not tail.isascii()
                                )
                                and self._is_media(rest[cut + 2 :])
                                else _AUTHORED
                            )
                    elif ":" not in rest:
                        verdict = _SYSTEM  # "Anna left": no sender to split off
                if verdict == _AUTHORED:
                    authored += 1
                elif verdict == _MEDIA:
                    authored += 1
                    media += 1
                elif verdict == _SYSTEM:
                    system += 1
                else:
                    self._add(authored, media, system)
                    authored = media = system = 0
                    self.pending = (span, clock, rest, [])
                    pending = True
                if verdict:
                    if clock > span.latest:
                        span.latest = clock
                    if clock < span.earliest:
                        span.earliest = clock
                    if careful:
                        number = tally.entries + authored + system - 1
                        span.sequence.append((number, clock))  # type: ignore[union-attr]
                if not in_entry:
                    in_entry = self.in_entry = True
            else:
                in_entry = self.in_entry = True
                self._impossible(line, f"{date_text}, {clock}")
            if more:
                # Continuation lines: part of this entry, or headers of another layout.
                self._add(authored, media, system)
                authored = media = system = 0
                lines = more.split("\n")
                lines.pop()
                self._lines(lines, line + 1)
                line += len(lines)
                pending = self.pending is not None
                in_entry = self.in_entry
                last_date_text = None  # a header among them may have changed the day
                warm = quick_media is not None and self.base + tally.entries >= 3
        self._add(authored, media, system)

    def _add(self, authored: int, media: int, system: int) -> None:
        tally = self.tally
        tally.entries += authored + system
        tally.authored += authored
        tally.media += media
        tally.system += system

    def _marked(self, rest: str, cut: int) -> int:
        """The verdict on a "Name: text" whose text starts with an invisible mark: iOS
        media placeholders, and app entries written with the chat's name as sender."""
        sender, text = rest[:cut], rest[cut + 2 :]
        attributor = self.attributor
        if not attributor.verdicts.get(sender):
            return _GENERAL
        # The same placeholders and app phrases recur: each text is judged once.
        verdict = self.marked_memo.get(text)
        if verdict is None:
            kind, attachments = attributor.classify_body(text)
            if kind is MessageKind.TEXT:
                # An app entry's phrase may also follow on a continuation line.
                verdict = _SYSTEM if attributor.names_an_app_entry(text) else _GENERAL
            else:
                verdict = _MEDIA if attachments or kind in MEDIA_KINDS else _AUTHORED
            if len(self.marked_memo) >= _MEMO_SIZE:
                self.marked_memo.clear()
            self.marked_memo[text] = verdict
        if verdict in (_MEDIA, _AUTHORED):
            self._make_ready(sender)
        return verdict

    def _make_ready(self, sender: str) -> bool:
        """Record a sender the general path has judged a sender; False for the others."""
        attributor = self.attributor
        if not attributor.verdicts.get(sender):
            return False
        self.tally.participants.add(sender)
        if len(attributor.senders) < 10_000:
            attributor.senders.add(sender)
        self.ready.add(sender)
        return True

    def _general_block(self, block: str) -> None:
        position = 0
        line = self.tally.lines
        for match in HEADER_LINES.finditer(block):
            start = match.start()
            if start > position:
                lines = block[position:start].split("\n")[:-1]
                self._lines(lines, line + 1)
                line += len(lines)
            line += 1
            position = match.end() + 1
            rest = match[8]
            if rest.endswith("\r"):
                rest = rest[:-1]
            header = header_of(match, rest)
            text = match[0]
            if header is None:
                self._continuation(text[:-1] if text.endswith("\r") else text)
            else:
                self._header(header, line)
        if position < len(block):
            self._lines(_split_lines(block[position:]), line + 1)

    def _lines(self, lines: list[str], first_line: int) -> None:
        """Lines no layout pattern matched: continuations, or headers hidden behind
        invisible marks, exotic digits or another layout."""
        for number, line in enumerate(lines, first_line):
            if line.endswith("\r"):
                line = line[:-1]
            header = parse_header(line)
            if header is None:
                self._continuation(line)
            else:
                self._header(header, number)

    def _header(self, header: Header, line: int) -> None:
        raw_time, date, (hour, minute, second, _with_seconds), rest, _bracketed = header
        self._finish_pending()
        self.in_entry = True
        span = self._day(date)
        if span.impossible:
            self._impossible(line, raw_time)
            return
        self.pending = (span, f"{hour:02}:{minute:02}:{second:02}", rest, [])

    def _continuation(self, line: str) -> None:
        if self.pending is not None:
            self.pending[3].append(line)
        elif not self.in_entry and line.strip():
            self.tally.orphan_lines += 1

    def _finish_pending(self) -> None:
        """Count the waiting entry, now that its continuation lines are known."""
        if self.pending is None:
            return
        span, clock, rest, more_lines = self.pending
        self.pending = None
        tally = self.tally
        sender, kind, _text, attachments = self.attributor.attribute(
            rest, more_lines, self.base + tally.entries
        )
        if span.sequence is not None:
            span.sequence.append((tally.entries, clock))
        tally.entries += 1
        if sender is None:
            tally.system += 1
        else:
            tally.authored += 1
            tally.participants.add(sender)
            if attachments or kind in MEDIA_KINDS:
                tally.media += 1
        if clock > span.latest:
            span.latest = clock
        if clock < span.earliest:
            span.earliest = clock

    def _is_media(self, text: str) -> bool:
        # Placeholders and short replies recur all through a chat: judge each once.
        short = len(text) <= _MEMO_CHARS
        if short:
            known = self.media_memo.get(text)
            if known is not None:
                return known
        if self.quick_media is not None and not self.quick_media(text):
            verdict = False
        else:
            kind, attachments = self.attributor.classify_body(text)
            verdict = bool(attachments) or kind in MEDIA_KINDS
        if short:
            if len(self.media_memo) >= _MEMO_SIZE:
                self.media_memo.clear()
            self.media_memo[text] = verdict
        return verdict

    # -- dates ------------------------------------------------------------------

    def _day(self, date: DatePart) -> DaySpan:
        """The span of a header date; a new date is voted on and checked once."""
        self.tally.vote.add(date)
        span = self.tally.days.get(date)
        if span is None:
            span = self.tally.days[date] = self._new_span(date)
        return span

    def _new_span(self, date: DatePart) -> DaySpan:
        if date.no_year:
            raise FullReadNeeded
        if date.year_first or self.override is DateOrder.YMD:
            readings = [calendar_date(date, DateOrder.YMD)]
        else:
            readings = [calendar_date(date, DateOrder.DMY), calendar_date(date, DateOrder.MDY)]
        valid = [ymd for ymd in readings if is_date(ymd)]
        if len(readings) == 2 and len(valid) == 1:
            self.tally.notes.append(SwapNote(date))
        careful = any(not self.localizer.plain_day(*ymd) for ymd in valid)
        return DaySpan(impossible=not valid, sequence=[] if careful else None)

    def _impossible(self, line: int, raw_time: str) -> None:
        self.tally.skipped += 1
        self.tally.notes.append(LineNote(line, f": impossible date {raw_time!r}; skipped"))


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


def merge_tallies(tallies: list[PartTally]) -> PartTally:
    """One tally of the parts of a file, given in file order."""
    total = tallies[0]
    for later in tallies[1:]:
        for date, span in later.days.items():
            if span.sequence is not None:
                span.sequence = [(total.entries + n, clock) for n, clock in span.sequence]
            mine = total.days.get(date)
            if mine is None:
                total.days[date] = span
                continue
            mine.earliest = min(mine.earliest, span.earliest)
            mine.latest = max(mine.latest, span.latest)
            if mine.sequence is not None and span.sequence is not None:
                mine.sequence.extend(span.sequence)
        total.notes.extend(
            LineNote(note.line + total.lines, note.text) if isinstance(note, LineNote) else note
            for note in later.notes
        )
        total.vote.merge(later.vote)
        total.entries += later.entries
        total.authored += later.authored
        total.system += later.system
        total.media += later.media
        total.participants |= later.participants
        total.lines += later.lines
        total.skipped += later.skipped
        total.orphan_lines += later.orphan_lines
    return total


def resolve_notes(tally: PartTally, display: str, orders: dict[str, DateOrder]) -> list[str]:
    """The warnings of a pass, now that the date order is known."""
    warnings: list[str] = []
    for note in tally.notes:
        if isinstance(note, str):
            warnings.append(note)
        elif isinstance(note, LineNote):
            warnings.append(f"{display}:{note.line}{note.text}")
        else:
            _ymd, swapped_to = read_date(note.date, orders)
            if swapped_to is not None:
                warnings.append(swap_warning(display, swapped_to))
    if tally.orphan_lines:
        warnings.append(
            f"{display}: {tally.orphan_lines} line(s) before the first message header skipped"
        )
    if tally.entries == 0:
        warnings.append(f"{display}: no message header found")
    return warnings


def summary_of(tally: PartTally, orders: dict[str, DateOrder], tz: tzinfo) -> SummaryCounter:
    """The counts of a tally, with the earliest and latest message in time."""
    counter = SummaryCounter(
        entries=tally.entries,
        authored=tally.authored,
        system=tally.system,
        media=tally.media,
        participants=tally.participants,
    )
    localizer = Localizer(tz)
    careful: dict[tuple[int, int, int], list[tuple[int, Clock]]] = {}
    for date, span in tally.days.items():
        if span.earliest > span.latest:
            continue  # no entry counted under this date
        ymd, _swapped = read_date(date, orders)
        if not is_date(ymd):
            continue
        if localizer.plain_day(*ymd):
            for clock in (span.earliest, span.latest):
                wall = datetime(*ymd, *_time_of_day(clock))
                counter.add_moment(wall.replace(tzinfo=tz), wall)
        elif span.sequence is not None:
            careful.setdefault(ymd, []).extend(span.sequence)
    # A DST-change day: replay its entries in file order, as the message read does.
    for ymd, sequence in careful.items():
        day_localizer = Localizer(tz)
        for _number, clock in sorted(sequence):
            wall = datetime(*ymd, *_time_of_day(clock))
            # in file order, so that ties keep the first and the last message as add() does
            counter.add_moment(day_localizer.localize(wall), wall)
    return counter


def _time_of_day(clock: Clock) -> tuple[int, int, int]:
    return int(clock[:2]), int(clock[3:5]), int(clock[6:8] or 0)
