"""What one pass over a text export (or a part of it) counted, and how parts become
the summary ``inspect`` prints once the date order of the whole file is known."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from compliance.archives.clock import Localizer
from compliance.archives.model import DateOrder
from compliance.archives.summary import SummaryCounter
from compliance.archives.whatsapp.grammar import DateOrderVote, DatePart
from compliance.archives.whatsapp.messages import is_date, read_date, swap_warning

# Times of day as "HH:MM" or "HH:MM:SS" text: "09:05" sorts before "09:05:30" and after
# "09:04:59", so both widths compare right with each other.
Clock = str
_NO_TIME_YET: Clock = "99"  # later than any time of day
_NO_TIME_LEFT: Clock = ""  # earlier than any


@dataclass(slots=True)
class Prescan:
    """What the first pass over a text export learned."""

    vote: DateOrderVote = field(default_factory=DateOrderVote)
    lines: int = 0
    year_wraps: int = 0
    last_no_year: tuple[int, int] | None = None


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
