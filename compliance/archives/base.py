"""The interface every archive reader implements, and the context a read runs in."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import tzinfo

from compliance.archives.clock import Localizer
from compliance.archives.model import ArchiveFormat, DateOrder, Message, ReadReport
from compliance.archives.sources import Source
from compliance.archives.summary import SummaryCounter


@dataclass(slots=True)
class ReadContext:
    """Settings of one read, and what the reader learns about the archive while reading."""

    tz: tzinfo
    date_order: DateOrder | None = None
    report: ReadReport = field(default_factory=ReadReport)
    # Names of files that sit beside the chat (zip members or folder entries), to tell
    # whether an attachment is present in the archive.
    present_files: frozenset[str] | None = None
    variant: str = ""
    decided_order: DateOrder | None = None
    chats: int = 0

    def localizer(self) -> Localizer:
        return Localizer(self.tz)


@dataclass(frozen=True, slots=True)
class Sniffed:
    """A reader's claim on an input: its variant and how sure it is (higher wins)."""

    variant: str
    confidence: int


class ArchiveReader(ABC):
    """Reads one export format into a stream of :class:`Message`."""

    format: ArchiveFormat
    # A reader of several files (paged HTML, message_N.json) sets this to group them.
    multi_part = False

    @abstractmethod
    def sniff(self, head: str, name: str) -> Sniffed | None:
        """Claim an input from the start of its text (``head``); ``name`` only breaks ties."""

    @abstractmethod
    def read(self, parts: Sequence[Source], context: ReadContext) -> Iterator[Message]:
        """Yield the messages of the archive made of ``parts``, oldest first where possible."""

    def summarize(self, parts: Sequence[Source], context: ReadContext) -> SummaryCounter | None:
        """What ``inspect`` reports, counted without building every message; None where
        a reader does not offer it (then the messages are read and counted)."""
        return None
