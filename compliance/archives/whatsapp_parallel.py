"""Counting a large text export with several processes, each reading one part of the file.

Both passes run in parallel: the parts' date evidence is merged before the second
pass, so every part reads its dates with the order decided from the whole file. Parts
start at header lines; their counts merge in file order, which gives the figures of one
process except at a part's first lines: a DST-fold time there is read as its first
occurrence, and a "Name:text" line (colon without space) is split only by a sender
already seen in that part. Year-less exports, UTF-16 and zip members stay sequential.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import tzinfo
from pickle import PicklingError
from typing import TYPE_CHECKING

from compliance.archives.base import ReadContext
from compliance.archives.model import DateOrder, ReadReport
from compliance.archives.sources import Source, read_head
from compliance.archives.summary import SummaryCounter
from compliance.archives.textio import sniff_encoding

if TYPE_CHECKING:
    from compliance.archives.whatsapp import FilePart, LineChatReader, Prescan

PARALLEL_MIN_BYTES = 32 * 1024 * 1024
MAX_WORKERS = 4
_SEARCH_BYTES = 1024 * 1024


def summarize_in_processes(
    reader: LineChatReader, source: Source, context: ReadContext
) -> SummaryCounter | None:
    """The counts of a large plain-file export, or None to count it in one process."""
    try:
        return _summarize(reader, source, context)
    except (BrokenProcessPool, OSError, PicklingError, RuntimeError):
        return None  # no worker processes here (sandbox, limits): one process reads it


def _summarize(
    reader: LineChatReader, source: Source, context: ReadContext
) -> SummaryCounter | None:
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if source.member is not None or source.size < PARALLEL_MIN_BYTES or workers < 2:
        return None
    encoding = sniff_encoding(read_head(source))
    if encoding == "utf-16":
        return None
    starts = _part_starts(reader, source, workers, encoding)
    if starts is None:
        return None
    ranges = list(zip(starts, [*starts[1:], source.size], strict=True))
    with _pool(len(ranges)) as pool:
        scans = list(pool.map(_prescan_part, [(reader, source, encoding, r) for r in ranges]))
        if any(scan.last_no_year is not None for scan in scans):
            return None  # years are counted across the whole file: stay sequential
        merged = _merge_scans(scans)
        reader.encoding_of(source, context)  # the same warning as a sequential read
        orders, first_year = reader.decide(source, context, merged)
        from compliance.archives.whatsapp import FilePart

        offsets = [0]
        for scan in scans[:-1]:
            offsets.append(offsets[-1] + scan.lines)
        jobs = [
            (
                reader,
                source,
                encoding,
                FilePart(start, end, offset),
                orders,
                first_year,
                context.tz,
                context.present_files,
            )
            for (start, end), offset in zip(ranges, offsets, strict=True)
        ]
        results = list(pool.map(_count_part, jobs))
    total = SummaryCounter()
    for counter, report in results:
        total.merge(counter)
        context.report.skipped += report.skipped
        for warning in report.warnings:
            context.report.warn(warning)
    if total.entries == 0:
        context.report.warn(f"{source.display}: no message header found")
    return total


def _pool(workers: int) -> Executor:
    # fork starts workers without importing everything again; spawn where fork is missing.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))


def _part_starts(
    reader: LineChatReader, source: Source, workers: int, encoding: str
) -> list[int] | None:
    from compliance.archives.whatsapp_scan import parse_header

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


def _prescan_part(args: tuple[LineChatReader, Source, str, tuple[int, int]]) -> Prescan:
    reader, source, encoding, byte_range = args
    return reader.prescan(source, encoding, byte_range)


def _merge_scans(scans: list[Prescan]) -> Prescan:
    merged = scans[0]
    for scan in scans[1:]:
        merged.vote.merge(scan.vote)
        merged.lines += scan.lines
    return merged


def _count_part(
    args: tuple[
        LineChatReader,
        Source,
        str,
        FilePart,
        dict[str, DateOrder],
        int,
        tzinfo,
        frozenset[str] | None,
    ],
) -> tuple[SummaryCounter, ReadReport]:
    reader, source, encoding, part, orders, first_year, tz, present = args
    context = ReadContext(tz=tz, present_files=present)
    counter = SummaryCounter()
    for message in reader.messages_in(source, context, encoding, orders, first_year, part):
        counter.add(message)
    return counter, context.report
