"""Counting what ``inspect`` reports, message by message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from compliance.archives.model import Message

# When a message was sent: the zone-aware timestamp, and the wall time as exported
# (None where the export stores only epoch times).
Moment = tuple[datetime, datetime | None]


@dataclass(slots=True)
class SummaryCounter:
    """Running counts over a stream of messages (or set at once by a reader that counts
    without building messages, see :meth:`ArchiveReader.summarize`)."""

    entries: int = 0
    authored: int = 0
    system: int = 0
    media: int = 0
    participants: set[str] = field(default_factory=set)
    first: Moment | None = None
    last: Moment | None = None
    # Instants, not wall times: same-zone datetimes compare ignoring the DST fold.
    first_at: float = 0.0
    last_at: float = 0.0

    def add(self, message: Message) -> None:
        self.entries += 1
        if message.sender is None:
            self.system += 1
        else:
            self.authored += 1
            self.participants.add(message.sender)
            if message.is_media:
                self.media += 1
        self.add_moment(message.timestamp, message.wall_time)

    def add_moment(self, timestamp: datetime, wall_time: datetime | None) -> None:
        """Take a message's time into account for ``first`` and ``last``."""
        instant = timestamp.timestamp()
        if self.first is None or instant < self.first_at:
            self.first, self.first_at = (timestamp, wall_time), instant
        if self.last is None or instant >= self.last_at:
            self.last, self.last_at = (timestamp, wall_time), instant
