"""Counting what ``inspect`` reports, message by message, in mergeable parts."""

from __future__ import annotations

from dataclasses import dataclass, field

from compliance.archives.model import Message


@dataclass(slots=True)
class SummaryCounter:
    """Running counts over a stream of messages; parts of one archive merge in order."""

    entries: int = 0
    authored: int = 0
    system: int = 0
    media: int = 0
    participants: set[str] = field(default_factory=set)
    first: Message | None = None
    last: Message | None = None
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
        instant = message.timestamp.timestamp()
        if self.first is None or instant < self.first_at:
            self.first, self.first_at = message, instant
        if self.last is None or instant >= self.last_at:
            self.last, self.last_at = message, instant

    def merge(self, later: SummaryCounter) -> None:
        """Add the counts of the part that follows this one in the archive."""
        self.entries += later.entries
        self.authored += later.authored
        self.system += later.system
        self.media += later.media
        self.participants |= later.participants
        if later.first is not None and (self.first is None or later.first_at < self.first_at):
            self.first, self.first_at = later.first, later.first_at
        if later.last is not None and (self.last is None or later.last_at >= self.last_at):
            self.last, self.last_at = later.last, later.last_at
