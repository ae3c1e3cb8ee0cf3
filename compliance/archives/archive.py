"""An opened archive: its detected format and files, a lazy message stream, and its summary."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from compliance.archives.base import ArchiveReader, ReadContext
from compliance.archives.clock import iso_utc
from compliance.archives.model import (
    ArchiveFormat,
    ArchiveSummary,
    DateOrder,
    Message,
    ReadReport,
)
from compliance.archives.sources import Source
from compliance.archives.summary import Moment, SummaryCounter
from compliance.archives.whatsapp.grammar import STRIP_TABLE

# Formats whose export writes wall times; the others store only epoch times.
_WALL_TIME_FORMATS = frozenset(
    {
        ArchiveFormat.WHATSAPP,
        ArchiveFormat.SIGNAL,
        ArchiveFormat.THREEMA,
        ArchiveFormat.TELEGRAM,
        ArchiveFormat.IMESSAGE,
    }
)


@dataclass(slots=True)
class Archive:
    """One chat archive. Iterate :meth:`messages` (a generator); afterwards ``report``,
    ``variant``, ``date_order`` and ``chats`` describe the read."""

    path: str
    format: ArchiveFormat
    reader: ArchiveReader
    parts: Sequence[Source]
    tz: tzinfo
    date_order_override: DateOrder | None = None
    variant: str = ""
    present_files: frozenset[str] | None = None
    report: ReadReport = field(default_factory=ReadReport)
    date_order: DateOrder | None = None
    chats: int = 0

    def messages(self) -> Iterator[Message]:
        """Stream the messages; each call reads the archive again from the start."""
        context = self._context()
        try:
            yield from self.reader.read(self.parts, context)
        finally:
            self._learn(context)

    def _context(self) -> ReadContext:
        context = ReadContext(
            tz=self.tz,
            date_order=self.date_order_override,
            present_files=self.present_files,
            variant=self.variant,
        )
        self.report = context.report
        return context

    def _learn(self, context: ReadContext) -> None:
        self.variant = context.variant or self.variant
        self.date_order = context.decided_order
        self.chats = context.chats

    def __iter__(self) -> Iterator[Message]:
        return self.messages()

    def summarize(self) -> ArchiveSummary:
        """Read the whole archive once and count what ``inspect`` reports."""
        context = self._context()
        counter = self.reader.summarize(self.parts, context)
        if counter is not None:
            self._learn(context)
        else:
            counter = SummaryCounter()
            for message in self.messages():
                counter.add(message)
        return ArchiveSummary(
            path=self.path,
            format=self.format,
            variant=self.variant,
            entries=counter.entries,
            authored=counter.authored,
            system=counter.system,
            media=counter.media,
            participants=sorted({clean_name(name) for name in counter.participants} - {""}),
            first=self._moment(counter.first),
            last=self._moment(counter.last),
            date_order=self.date_order,
            chats=self.chats,
            skipped=self.report.skipped,
            warnings=list(self.report.warnings),
        )

    def _moment(self, moment: Moment | None) -> str | None:
        if moment is None:
            return None
        timestamp, wall_time = moment
        if wall_time is not None and self.format in _WALL_TIME_FORMATS:
            # The export's own wall time, with the offset it has in the --tz zone.
            return _iso_wall(timestamp)
        return iso_utc(timestamp)


def _iso_wall(moment: datetime) -> str:
    """``2024-03-12T09:15:00+01:00``: a zone-aware time to the second, with its UTC offset."""
    return moment.replace(microsecond=0).isoformat()


def clean_name(name: str) -> str:
    """A participant name without invisible marks, NFC-normalised, trimmed."""
    cleaned = name.translate(STRIP_TABLE).replace("\u00a0", " ").replace("\u202f", " ")
    return unicodedata.normalize("NFC", cleaned).strip()
