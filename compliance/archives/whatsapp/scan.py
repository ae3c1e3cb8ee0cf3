"""Finding message headers in WhatsApp-style text: one regex pass per block of lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from compliance.archives.whatsapp.grammar import (
    HEADER,
    INVISIBLE_MARKS,
    LRM,
    MATCH_TABLE,
    TIMES,
    DatePart,
    TimePart,
    parse_date,
    parse_time,
)

# raw timestamp text, date, time, the rest of the line after the header, and whether the
# line started with an LRM (iOS's mark of media and app entries)
Header = tuple[str, DatePart, TimePart, str, bool]
# line number, header (None for lines before the first header), continuation lines
Entry = tuple[int, "Header | None", list[str]]


def parse_header(line: str) -> Header | None:
    """The header of a message line, or None for a continuation line."""
    first = line[:1]
    if not first.isdigit() and first not in HEADER_FIRST_CHARS:
        return None  # most continuation lines: no header starts like this
    match = HEADER.match(line)
    if match is not None:
        header = header_of(match, match[8])
        if header is not None:
            return header
    if _MATCH_CHARS.search(line) is None:
        return None  # nothing to normalise (most continuation lines): no translation
    normalised = line.translate(MATCH_TABLE)
    match = HEADER.match(normalised)
    if match is None:
        return None
    # iOS puts an LRM before the bracket of lines whose content is media or the app's.
    return header_of(match, _raw_rest(line, match.start(8)), line.startswith(LRM))


def header_of(match: re.Match[str], rest: str, marked: bool = False) -> Header | None:
    opening, raw_time, date_text, time_text, time_first, date_last, closing = match.group(
        1, 2, 3, 4, 5, 6, 7
    )
    style = "[" if opening is not None else ":" if closing == ": " else "-"
    if date_text is None:  # the time-before-date layouts
        date_text, time_text = date_last, time_first
    # Both parsers are cached (dates) or cheap (24-hour times), so a header costs two
    # look-ups; a cache keyed by the whole timestamp would miss on every new minute.
    date, clock = parse_date(date_text, style), parse_time(time_text)
    if date is None or clock is None:
        return None
    if style == ":" and not clock[3]:
        return None  # "date, time: " without seconds is too likely a line of text
    if closing == " " and not (clock[3] and date_text.endswith(".")):
        return None  # only "d. m. yyyy. hh:mm:ss Name: " goes without a separator
    return (raw_time, date, clock, rest, marked)


def _stamp_of(match: re.Match[str]) -> tuple[DatePart, TimePart] | None:
    header = header_of(match, "")
    return None if header is None else (header[1], header[2])


HEADER_LINES = re.compile("^" + HEADER.pattern, re.MULTILINE)
# What a header can start with besides a digit: the bracket of iOS, the first letter of
# an AM/PM word (time-first layouts), or an invisible mark that normalising drops.
HEADER_FIRST_CHARS = frozenset("[AaPpvn午上下오صمกหพ" + INVISIBLE_MARKS)
# The characters normalising changes, and those it drops (invisible marks).
_MATCH_CHARS = re.compile("[" + re.escape("".join(map(chr, MATCH_TABLE))) + "]")
_DROPPED_CHARS = re.compile(
    "[" + re.escape("".join(chr(c) for c, to in MATCH_TABLE.items() if to is None)) + "]"
)


def scan_entries(blocks: Iterable[str]) -> Iterator[Entry]:
    """Group text blocks into entries: a header line and its continuation lines.

    One regex pass per block finds the ordinary header lines; only the lines between
    them (continuations, and headers hidden behind invisible marks or exotic digits)
    are looked at one by one.
    """
    line_number = 0
    entry: Entry = (1, None, [])
    for block in blocks:
        position = 0
        for match in HEADER_LINES.finditer(block):
            start = match.start()
            if start > position:
                lines = block[position:start].split("\n")[:-1]
                line_number, entry = yield from _lines_into(lines, line_number, entry)
            line_number += 1
            position = match.end() + 1
            rest = match[8]
            if rest.endswith("\r"):
                rest = rest[:-1]
            header = header_of(match, rest)
            if header is None:
                # rejected as written: normalised (marks dropped) it may be a header
                text = match[0]
                text = text[:-1] if text.endswith("\r") else text
                header = parse_header(text)
                if header is None:
                    entry[2].append(text)
                    continue
            if entry[1] is not None or entry[2]:
                yield entry
            entry = (line_number, header, [])
        if position < len(block):
            lines = block[position:].split("\n")
            if block.endswith("\n"):
                lines.pop()
            line_number, entry = yield from _lines_into(lines, line_number, entry)
    if entry[1] is not None or entry[2]:
        yield entry


def _lines_into(
    lines: list[str], line_number: int, entry: Entry
) -> Generator[Entry, None, tuple[int, Entry]]:
    """Take lines that no header pattern matched: continuation lines join ``entry``, a
    header hidden among them (another layout, invisible marks) starts a new one. Yields
    the entries completed on the way; returns the last line number and the open entry."""
    for line in lines:
        line_number += 1
        line = line[:-1] if line.endswith("\r") else line
        header = parse_header(line)
        if header is None:
            entry[2].append(line)
        else:
            if entry[1] is not None or entry[2]:
                yield entry
            entry = (line_number, header, [])
    return line_number, entry


def _raw_rest(raw: str, header_end: int) -> str:
    # The body must stay exactly as exported: find where the header ends in the raw line.
    # Normalising maps every character to one, except the invisible marks it drops; so
    # the header ends ``header_end`` characters in, plus one for each mark before that.
    index = header_end
    for mark in _DROPPED_CHARS.finditer(raw):
        if mark.start() >= index:
            break
        index += 1
    return raw[index:]


def header_lines(head: str) -> tuple[int, int, int]:
    """Header lines, bracketed header lines, and non-empty lines among the first 200."""
    headers = bracketed = total = 0
    for line in head.split("\n")[:200]:
        if not line.strip():
            continue
        total += 1
        header = parse_header(line.rstrip("\r"))
        if header is not None:
            headers += 1
            bracketed += line.lstrip(INVISIBLE_MARKS).startswith("[")
    return headers, bracketed, total


def prescan_dates(blocks: Iterable[str], note: Callable[[DatePart], None]) -> int:
    """Call ``note`` with every header's date when it differs from the previous header's;
    return the number of lines. Cheaper than :func:`scan_entries`: a run of headers on
    the same day costs one comparison each. (``note`` may see a date twice in a row.)"""
    lines = 0
    last_key: tuple[str | Any, ...] | None = None
    for block in blocks:
        lines += block.count("\n") + (0 if block.endswith("\n") else 1)
        position = 0
        for match in HEADER_LINES.finditer(block):
            start = match.start()
            if start > position and _prescan_lines(block[position:start].split("\n")[:-1], note):
                last_key = None  # so the vote sees every change of date, in header order
            position = match.end() + 1
            key = match.group(3, 6, 1, 7)
            if key == last_key:
                continue
            last_key = key
            stamp = _stamp_of(match)
            if stamp is not None:
                note(stamp[0])
            else:  # rejected as written: normalised (marks dropped) it may be a header
                last_key = None
                _prescan_lines([match[0]], note)
        if position < len(block):
            tail = block[position:].split("\n")
            if block.endswith("\n"):
                tail.pop()
            if _prescan_lines(tail, note):
                last_key = None
    return lines


def _prescan_lines(lines: list[str], note: Callable[[DatePart], None]) -> bool:
    """Note the dates of the headers among ``lines``; True when there was one."""
    found = False
    for line in lines:
        header = parse_header(line[:-1] if line.endswith("\r") else line)
        if header is not None:
            note(header[1])
            found = True
    return found


# The main layouts, each a strict subset of the general header grammar, with valid,
# zero-padded times (so they compare as text). Every line of a block is part of one
# match: a header with its continuation lines (groups: the date, the time, the rest of
# the line, the lines up to the next line that starts like a header), or a stray line
# (the last group) that starts like a header without being one of this layout, or
# precedes the first. The timestamp text is "date, time" in both.
# ASCII digits only: other digits (Arabic-Indic, ...) are read by the general grammar.
_DATE = r"[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4}"
_HOUR_MINUTE = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]"


def _entry_pattern(opening: str, time: str, closing: str, dates_only: bool) -> re.Pattern[str]:
    capture = "?:" if dates_only else ""
    # The entries pattern captures an LRM before the header (iOS's mark of media and app
    # entries) as its first group; the dates pattern has no use for it.
    header = rf"({capture}\u200e?){opening}({_DATE}), ({capture}{time}){closing}"
    more = rf"((?:(?!\u200e?{opening}[0-9])[^\n]*\n)*)"  # whole lines, each with its newline
    return re.compile(rf"^(?:{header}({capture}.*)(?:\n|\Z){more}|([^\n]*)\n?)", re.M)


@dataclass(frozen=True)
class FastLayout:
    """One of the main layouts: its entry pattern, the same capturing only dates and
    lines (for the first pass), and its header style ("-" or "[")."""

    entries: re.Pattern[str]
    dates: re.Pattern[str]
    style: str

    @classmethod
    def of(cls, opening: str, time: str, closing: str, style: str) -> FastLayout:
        return cls(
            _entry_pattern(opening, time, closing, dates_only=False),
            _entry_pattern(opening, time, closing, dates_only=True),
            style,
        )


FAST_LAYOUTS: tuple[FastLayout, ...] = (
    FastLayout.of("", _HOUR_MINUTE, " - ", "-"),
    FastLayout.of(r"\[", _HOUR_MINUTE + ":[0-5][0-9]", r"\] ", "["),
)


def fast_layout(head: str) -> FastLayout | None:
    """The fast layout with most headers in the head, if any has one."""
    best, best_hits = None, 0
    for layout in FAST_LAYOUTS:
        hits = sum(1 for match in layout.entries.findall(head) if match[2])
        if hits > best_hits:
            best, best_hits = layout, hits
    return best


def scan_fast_entries(blocks: Iterable[str], layout: FastLayout) -> Iterator[Entry]:
    """:func:`scan_entries` for a file in one of the fast layouts: one regex call per
    block finds whole entries; only stray and continuation lines are looked at one by
    one (they may be headers of another layout)."""
    pattern, style = layout.entries, layout.style
    times = TIMES
    line_number = 0
    entry: Entry = (1, None, [])
    last_date_text = None
    date: DatePart | None = None
    for block in blocks:
        matches = pattern.findall(block)
        if block.endswith("\n"):
            matches.pop()  # the empty "line" after the last newline
        strip_cr = "\r" in block
        for mark, date_text, clock_text, rest, more, stray in matches:
            if not date_text:
                line_number, entry = yield from _lines_into([stray], line_number, entry)
                continue
            line_number += 1
            if date_text != last_date_text:
                date = parse_date(date_text, style)
                last_date_text = date_text
            clock = times.get(clock_text) or parse_time(clock_text)
            # The fast layouts match only dates and times that parse.
            assert date is not None and clock is not None
            if strip_cr and rest.endswith("\r"):
                rest = rest[:-1]
            if entry[1] is not None or entry[2]:
                yield entry
            raw_time = f"{date_text}, {clock_text}"
            entry = (line_number, (raw_time, date, clock, rest, bool(mark)), [])
            if more:
                lines = more.split("\n")
                lines.pop()
                line_number, entry = yield from _lines_into(lines, line_number, entry)
    if entry[1] is not None or entry[2]:
        yield entry


def prescan_fast_dates(
    blocks: Iterable[str], layout: FastLayout, note: Callable[[DatePart], None]
) -> int:
    """:func:`prescan_dates` for a file in one of the fast layouts."""
    pattern, style = layout.dates, layout.style
    lines = 0
    last_date_text = None
    for block in blocks:
        lines += block.count("\n") + (0 if block.endswith("\n") else 1)
        matches = pattern.findall(block)
        if block.endswith("\n"):
            matches.pop()
        for date_text, more, stray in matches:
            if date_text:
                if date_text != last_date_text:
                    date = parse_date(date_text, style)
                    last_date_text = date_text
                    if date is not None:
                        note(date)
                if not more:
                    continue
                others = more.split("\n")
                others.pop()
            else:
                others = [stray]
            if _prescan_lines(others, note):
                last_date_text = None  # so the vote sees every change of date, in header order
    return lines
