"""Counting a text export for ``inspect``: one pass, split between processes for large files.

A large plain file is cut into parts that start at header lines; this process counts
the first part and a forked child each other one (a :class:`PartCounter` each), and
the tallies merge in file order before the date order is decided, so every figure
comes from one read of each byte. The merged figures equal those of one process except
at a part's first lines: a "Name:text" line (colon without space) is split only by a
sender already seen in that part. Zip members, UTF-16 and small files are counted in
this process alone.
"""

from __future__ import annotations

import os
from typing import Protocol

from compliance.archives.base import ReadContext
from compliance.archives.model import DateOrder, ReadReport
from compliance.archives.sources import Source, open_range
from compliance.archives.summary import SummaryCounter
from compliance.archives.textio import iter_blocks
from compliance.archives.whatsapp.count import PartCounter
from compliance.archives.whatsapp.messages import Attributor, ChatRules
from compliance.archives.whatsapp.scan import FastLayout
from compliance.archives.whatsapp.tally import (
    FullReadNeeded,
    PartTally,
    Prescan,
    merge_tallies,
    resolve_notes,
    summary_of,
)
from compliance.archives.whatsapp.vocabulary import classify, might_be_media
from compliance.forking import map_forked
from compliance.gcpause import cyclic_gc_paused


class CountingReader(ChatRules, Protocol):
    """What counting needs of a line-based chat reader besides its rules."""

    def opening(self, source: Source, context: ReadContext) -> tuple[str, FastLayout | None]:
        """The text encoding of a source and its fast layout, if one fits."""
        ...

    def decide(
        self, source: Source, context: ReadContext, scan: Prescan
    ) -> tuple[dict[str, DateOrder], int]:
        """The date order per layout, and the first year of a year-less export."""
        ...


PARALLEL_MIN_BYTES = 8 * 1024 * 1024
MAX_WORKERS = 4
_SEARCH_BYTES = 1024 * 1024


def count_export(
    reader: CountingReader, source: Source, context: ReadContext
) -> SummaryCounter | None:
    """What ``inspect`` reports of a text export, or None when it needs the full read."""
    encoding, layout = reader.opening(source, context)
    try:
        with cyclic_gc_paused():
            tallies = _count_in_processes(reader, source, encoding, layout, context)
            if tallies is None:
                job = (reader, source, encoding, None, layout, context, True, None)
                tallies = [_count_part(job)]
    except FullReadNeeded:
        return None
    tally = merge_tallies(tallies)
    orders, _first_year = reader.decide(source, context, Prescan(tally.vote, tally.lines))
    for warning in resolve_notes(tally, source.display, orders):
        context.report.warn(warning)
    context.report.skipped += tally.skipped + tally.orphan_lines
    return summary_of(tally, orders, context.tz)


# reader, file, encoding, byte range (None: all), layout, settings, whether it is the
# first part, the chat's name (as iOS writes it before the app's notices) if known
_Job = tuple[
    "CountingReader",
    Source,
    str,
    "tuple[int, int] | None",
    "FastLayout | None",
    ReadContext,
    bool,
    "str | None",
]


def _count_part(args: _Job) -> PartTally:
    reader, source, encoding, byte_range, layout, context, first_part, chat_name = args
    attributor = Attributor(reader)
    # The first part learns the chat's name from its first entry; the others are told.
    attributor.chat_name = chat_name
    # The media pre-check knows WhatsApp's placeholders only; a reader that classifies
    # bodies its own way (Signal, Threema) has every entry classified in full.
    quick = might_be_media if attributor.classify_body is classify else None
    counter = PartCounter(attributor, layout, quick, context.date_order, context.tz, first_part)
    report = ReadReport()
    opened = source.open() if byte_range is None else open_range(source, *byte_range)
    with opened as stream:
        blocks = iter_blocks(stream, origin=source.display, report=report, encoding=encoding)
        return counter.count(blocks, report)


def _count_in_processes(
    reader: CountingReader,
    source: Source,
    encoding: str,
    layout: FastLayout | None,
    context: ReadContext,
) -> list[PartTally] | None:
    """The tallies of the parts of a large plain file, or None to count it here."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if source.member is not None or source.size < PARALLEL_MIN_BYTES or workers < 2:
        return None
    if encoding == "utf-16":
        return None
    starts = _part_starts(source, workers, encoding)
    if starts is None:
        return None
    ranges = list(zip(starts, [*starts[1:], source.size], strict=True))
    # Workers get only what they need: the report stays here.
    settings = ReadContext(tz=context.tz, date_order=context.date_order)
    chat_name = _chat_name(reader, source, encoding, starts[1])
    jobs: list[_Job] = [
        (reader, source, encoding, byte_range, layout, settings, index == 0, chat_name)
        for index, byte_range in enumerate(ranges)
    ]
    return map_forked(_count_part, jobs)


def _chat_name(reader: CountingReader, source: Source, encoding: str, end: int) -> str | None:
    """The chat's name as the first entry shows it (see Attributor.chat_name)."""
    from compliance.archives.whatsapp.scan import parse_header

    with open_range(source, 0, min(end, _SEARCH_BYTES)) as stream:
        head = stream.read().decode(encoding, errors="replace")
    lines = head.split("\n")
    for number, line in enumerate(lines[:-1]):
        header = parse_header(line.rstrip("\r"))
        if header is None:
            continue
        more = []
        for following in lines[number + 1 : -1]:
            if parse_header(following.rstrip("\r")) is not None:
                break
            more.append(following.rstrip("\r"))
        attributor = Attributor(reader)
        attributor.attribute(header[3], more, 0, header[4])
        return attributor.chat_name
    return None


def _part_starts(source: Source, workers: int, encoding: str) -> list[int] | None:
    from compliance.archives.whatsapp.scan import parse_header

    starts = [0]
    with source.open() as handle:
        for index in range(1, workers):
            target = source.size * index // workers
            handle.seek(target)
            window = handle.read(_SEARCH_BYTES)
            found = None
            position = window.find(b"\n")
            while 0 <= position < len(window) - 1:
                end = window.find(b"\n", position + 1)
                if end < 0:
                    break
                line = window[position + 1 : end].decode(encoding, errors="replace")
                if parse_header(line.rstrip("\r")) is not None:
                    found = target + position + 1
                    break
                position = end
            if found is None or found <= starts[-1]:
                return None
            starts.append(found)
    return starts
