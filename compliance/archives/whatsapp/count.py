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
from datetime import tzinfo

from compliance.archives.clock import Localizer
from compliance.archives.model import MEDIA_KINDS, DateOrder, MessageKind, ReadReport
from compliance.archives.whatsapp import vocabulary
from compliance.archives.whatsapp.grammar import (
    LRM,
    DatePart,
    calendar_date,
    parse_date,
)
from compliance.archives.whatsapp.messages import Attributor, is_date
from compliance.archives.whatsapp.scan import (
    HEADER_LINES,
    FastLayout,
    Header,
    header_of,
    parse_header,
)
from compliance.archives.whatsapp.tally import (
    Clock,
    DaySpan,
    FullReadNeeded,
    LineNote,
    PartTally,
    SwapNote,
)

# Last characters after which classify() sees the same end as the raw line (not a
# space it strips, not the ")" of an attachment's "name.ext (label)"): any other character
# than these makes a body be classified.
_PLAIN_ENDS = frozenset(chr(c) for c in range(0x21, 0x7F) if chr(c) != ")")
# What the header line of an entry says it is (_GENERAL: its continuation lines count).
_GENERAL, _AUTHORED, _MEDIA, _SYSTEM = 0, 1, 2, 3
# Texts up to this length have their verdicts remembered (placeholders, short replies),
# this many at a time.
_MEMO_CHARS = 40
_MEMO_SIZE = 4096
# Distinct header dates a count keeps (a century of days); more, and the file is read
# message by message, whose memory does not grow with the number of dates.
MAX_DATES = 40_000


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
        # The entry waiting for its continuation lines: span, time, rest, more lines,
        # whether its line started with an LRM.
        self.pending: tuple[DaySpan, Clock, str, list[str], bool] | None = None
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
                tally.lines += block.count("\n") + (0 if block.endswith("\n") else 1)
            else:
                # the fast pass numbers every line it sees: no second count of them
                tally.lines = self._fast_block(block, self.layout.entries, self.layout.style)
        self._finish_pending()
        tally.notes.extend(report.warnings[taken:])
        tally.skipped += report.skipped
        return tally

    def _fast_block(self, block: str, pattern: re.Pattern[str], style: str) -> int:
        """Count the entries of one block found by a fast layout's pattern; return the
        number of its last line in the part.

        One long loop on purpose: it runs once per entry of files with millions of them,
        and a method call per entry would cost about a sixth of the count. Everything
        unusual (other layouts, continuation lines, entries that need them, impossible
        dates) leaves the loop through the methods below.
        """
        tally = self.tally
        matches = pattern.findall(block)
        if block.endswith("\n"):
            matches.pop()  # the empty "line" after the last newline
        ready = self.ready
        quick_media = self.quick_media
        media_tails = vocabulary.ASCII_MEDIA_TAILS
        plain_ends = _PLAIN_ENDS
        lrm = LRM
        strip_cr = "\r" in block
        warm = quick_media is not None and self.base + tally.entries >= 3
        pending = self.pending is not None
        # Counted here, and added to the tally before any other step touches it.
        authored = media = system = 0
        last_date_text = None
        span = DaySpan(impossible=True, sequence=None)
        # The earliest and latest time counted under ``span`` here; written to it when
        # the date changes (min and max: the order of the writes does not matter).
        earliest, latest = span.earliest, span.latest
        usable = careful = False
        line = tally.lines  # the line before the next match
        in_entry = self.in_entry
        for mark, date_text, clock, rest, more, stray in matches:
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
                _widen(span, earliest, latest)
                date = parse_date(date_text, style)
                if date is None:  # the layouts' dates always parse; if not, read in full
                    raise FullReadNeeded
                span = self._day(date)
                earliest, latest = span.earliest, span.latest
                usable = not span.impossible
                careful = span.sequence is not None
                last_date_text = date_text
            if strip_cr and rest.endswith("\r"):
                rest = rest[:-1]
            if usable:
                # What the entry is, where its header line alone tells (continuation lines
                # could not change it), counted at once; else it waits for them (pending).
                counted = False
                if warm:
                    # partition, not find and slices: one call without argument parsing
                    sender, separator, text = rest.partition(": ")
                    if separator:
                        first = text[:1]
                        if first == lrm:
                            verdict = self._marked(rest, len(sender))
                            if verdict != _GENERAL:
                                counted = True
                                if verdict == _SYSTEM:
                                    system += 1
                                else:
                                    authored += 1
                                    media += verdict == _MEDIA
                        elif ((known := sender in ready) or self._judged_a_sender(sender)) and not (
                            # "Anna: Anna changed ..." may be the app's note of Anna's act:
                            # judged in full (pending). The first letters decide for most.
                            (first == sender[:1] or not sender) and text.startswith(sender)
                        ):
                            counted = True
                            authored += 1
                            if not known:
                                self._make_ready(sender)
                            # Only a text whose end (or a "<") looks like a placeholder's
                            # is classified.
                            tail = rest[-4:]
                            if (
                                "<" in rest
                                or rest[-1] not in plain_ends
                                or tail in media_tails
                                or not tail.isascii()
                            ) and self._is_media(text):
                                media += 1
                    elif ":" not in rest:
                        counted = True
                        system += 1  # "Anna left": no sender to split off
                if counted:
                    if clock > latest:
                        latest = clock
                    if clock < earliest:
                        earliest = clock
                    if careful:
                        number = tally.entries + authored + system - 1
                        span.sequence.append((number, clock))  # type: ignore[union-attr]
                else:
                    self._add(authored, media, system)
                    authored = media = system = 0
                    self.pending = (span, clock, rest, [], mark == lrm)
                    pending = True
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
        _widen(span, earliest, latest)
        self._add(authored, media, system)
        return line

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
            if self._judged_a_sender(sender):
                self._make_ready(sender)
            else:
                self._add_participant(sender)
        return verdict

    def _add_participant(self, sender: str) -> None:
        self.tally.participants.add(sender)
        senders = self.attributor.senders
        if len(senders) < 10_000:
            senders.add(sender)

    def _judged_a_sender(self, sender: str) -> bool:
        """True for a name the general path has judged a sender (not the chat's name,
        which may write the app's notices: those are judged each time)."""
        attributor = self.attributor
        return bool(attributor.verdicts.get(sender)) and sender != attributor.chat_name

    def _make_ready(self, sender: str) -> None:
        """Record a sender of an entry counted as authored: a participant from now on,
        whose plain entries need nothing more than a count. (Only then: a name whose
        entries are all the app's notes of its acts is no participant.)"""
        self._add_participant(sender)
        self.ready.add(sender)

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
                # rejected as written: normalised (marks dropped) it may be a header
                self._lines([text], line)
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
        raw_time, date, (hour, minute, second, _with_seconds), rest, marked = header
        self._finish_pending()
        self.in_entry = True
        span = self._day(date)
        if span.impossible:
            self._impossible(line, raw_time)
            return
        self.pending = (span, f"{hour:02}:{minute:02}:{second:02}", rest, [], marked)

    def _continuation(self, line: str) -> None:
        if self.pending is not None:
            self.pending[3].append(line)
        elif not self.in_entry and line.strip():
            self.tally.orphan_lines += 1

    def _finish_pending(self) -> None:
        """Count the waiting entry, now that its continuation lines are known."""
        if self.pending is None:
            return
        span, clock, rest, more_lines, marked = self.pending
        self.pending = None
        tally = self.tally
        sender, kind, _text, attachments = self.attributor.attribute(
            rest, more_lines, self.base + tally.entries, marked
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
            if len(self.tally.days) >= MAX_DATES:
                raise FullReadNeeded  # no chat spans that many days: read it the bounded way
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


def _widen(span: DaySpan, earliest: Clock, latest: Clock) -> None:
    """Widen a date's span to include the times from ``earliest`` to ``latest``."""
    if latest > span.latest:
        span.latest = latest
    if earliest < span.earliest:
        span.earliest = earliest


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines
