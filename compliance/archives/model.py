"""The shared message model every archive reader yields, and the summary of one archive."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ArchiveFormat(StrEnum):
    """The messenger (or export tool) an archive comes from."""

    WHATSAPP = "whatsapp"
    TELEGRAM = "telegram"
    SIGNAL = "signal"
    THREEMA = "threema"
    MATRIX = "matrix"
    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    IMESSAGE = "imessage"


class DateOrder(StrEnum):
    """The order of day, month and year in an export's dates."""

    DMY = "DMY"
    MDY = "MDY"
    YMD = "YMD"


class MessageKind(StrEnum):
    """What a message is, independent of the messenger."""

    TEXT = "text"
    MEDIA = "media"
    SYSTEM = "system"
    DELETED = "deleted"
    LOCATION = "location"
    CONTACT = "contact"
    POLL = "poll"
    CALL = "call"
    STICKER = "sticker"


# Kinds that stand for a file or a media placeholder (the "media" count of inspect).
MEDIA_KINDS = frozenset({MessageKind.MEDIA, MessageKind.CONTACT, MessageKind.STICKER})


@dataclass(slots=True, frozen=True)
class Attachment:
    """A file a message refers to; ``present`` is None when the export cannot tell."""

    name: str | None
    media_type: str | None = None
    size: int | None = None
    present: bool | None = None


# Not frozen (a frozen dataclass's __init__ costs three times as much, once per message);
# hashable all the same, and never changed once made.
@dataclass(slots=True, unsafe_hash=True)
class SourcePosition:
    """Where a message sits in its archive: file (or zip member), line or JSON index."""

    file: str
    line: int | None = None
    index: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.index is not None:
            return f"{self.file}#{self.index}"
        return self.file


@dataclass(slots=True)
class Message:
    """One entry of a chat export, as exported.

    ``timestamp`` is zone-aware; ``wall_time`` is the naive time the export wrote (None
    where the export stores only epoch times) and ``raw_time`` the exported text of it.
    """

    timestamp: datetime
    wall_time: datetime | None
    raw_time: str
    sender: str | None
    text: str
    kind: MessageKind
    position: SourcePosition
    attachments: tuple[Attachment, ...] = ()
    chat_id: str | None = None
    chat_title: str | None = None

    @property
    def is_authored(self) -> bool:
        """True when a person (not the app) wrote this entry."""
        return self.sender is not None

    @property
    def is_media(self) -> bool:
        """True for an authored attachment or media placeholder."""
        return self.sender is not None and (bool(self.attachments) or self.kind in MEDIA_KINDS)


@dataclass(slots=True)
class ReadReport:
    """What went wrong while reading: lost lines or records, and human-readable warnings."""

    skipped: int = 0
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


@dataclass(slots=True)
class ArchiveSummary:
    """What ``compliance inspect`` reports for one archive."""

    path: str
    format: ArchiveFormat
    variant: str
    entries: int
    authored: int
    system: int
    media: int
    participants: list[str]
    first: str | None
    last: str | None
    date_order: DateOrder | None
    chats: int
    skipped: int
    warnings: list[str]

    def to_json(self) -> dict[str, object]:
        """The JSON object of ``inspect --format json`` (exactly the documented keys)."""
        return {
            "path": self.path,
            "format": str(self.format),
            "variant": self.variant,
            "entries": self.entries,
            "authored": self.authored,
            "system": self.system,
            "media": self.media,
            "participants": list(self.participants),
            "first": self.first,
            "last": self.last,
            "date_order": str(self.date_order) if self.date_order else None,
            "chats": self.chats,
            "skipped": self.skipped,
            "warnings": list(self.warnings),
        }
