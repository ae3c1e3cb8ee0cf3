"""Turns a WhatsApp-style header with its continuation lines into a Message: timestamps, kinds."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from compliance.archives.base import ReadContext
from compliance.archives.model import (
    Attachment,
    DateOrder,
    Message,
    MessageKind,
    SourcePosition,
)
from compliance.archives.sources import Source
from compliance.archives.whatsapp import vocabulary
from compliance.archives.whatsapp.grammar import LRM, DatePart, TimePart, calendar_date
from compliance.archives.whatsapp.scan import Header
from compliance.archives.whatsapp.vocabulary import chat_title


class ChatRules(Protocol):
    """What a line-based chat reader (WhatsApp's, Signal's and Threema's text) tells the
    message builder and the attributor."""

    named_system_entries: bool

    def body_classifier(self) -> Callable[[str], tuple[MessageKind, tuple[Attachment, ...]]]:
        """The function that classifies an authored body."""
        ...

    def is_present(self, source: Source, name: str, present: frozenset[str] | None) -> bool | None:
        """Whether an attachment's file is in the archive (None when that cannot be told)."""
        ...


_QUOTES = re.compile('["“”„«»]')
_UNKNOWN_MEDIA = Attachment(None, None, None, False)
_NOTICE_STARTS = frozenset(LRM)


class MessageBuilder:
    """Turns a header with its continuation lines into a Message (timestamps, kinds)."""

    def __init__(
        self,
        reader: ChatRules,
        source: Source,
        context: ReadContext,
        orders: dict[str, DateOrder],
        first_year: int,
    ) -> None:
        self.reader = reader
        self.source = source
        self.attributor = Attributor(reader)
        self.display = source.display
        self.context = context
        self.orders = orders
        localizer = context.localizer()
        self.localizer = localizer
        self.tz = localizer.tz
        self.present = context.present_files
        self.count = 0
        self.dates: dict[DatePart, tuple[int, int, int]] = {}
        self.year = first_year
        self.last_no_year: tuple[int, int] | None = None
        # The day of the previous header: consecutive messages mostly share it, and
        # ``parse_date`` hands out one DatePart per date text, so an identity test tells
        # a new day, and the calendar date and its DST check are worked out once a day.
        self.day_part: DatePart | None = None
        self.day: tuple[int, int, int] | None = None
        self.plain_day = True
        # The previous message's time of day (``parse_time`` hands out one tuple per
        # time text) and its two datetimes on a plain day: messages in one minute (an
        # Android export's steps) share them instead of making both again.
        self.last_clock: TimePart | None = None
        self.last_times: tuple[datetime, datetime] | None = None
        # The chat's name sits in the (localised) file name of the .txt or the zip.
        self.chat_title = chat_title(source.name) or chat_title(source.path.name)
        self.chat_id = source.display

    def build(self, line: int, header: Header, more_lines: list[str]) -> Message | None:
        raw_time, date, clock, rest, marked = header
        if date is not self.day_part:
            self._start_day(date)
        day = self.day
        if day is None:
            self.context.report.skipped += 1
            self.context.report.warn(
                f"{self.display}:{line}: impossible date {raw_time!r}; skipped"
            )
            return None
        if clock is self.last_clock and self.last_times is not None:
            naive, timestamp = self.last_times
        else:
            year, month, day_of_month = day
            hour, minute, second, _with_seconds = clock
            naive = datetime(year, month, day_of_month, hour, minute, second)
            if self.plain_day:
                timestamp = datetime(year, month, day_of_month, hour, minute, second, 0, self.tz)
                self.last_clock, self.last_times = clock, (naive, timestamp)
            else:
                # on a day with a DST change each message is localized (the fold rule
                # looks at the previous one)
                timestamp = self.localizer.localize(naive)
        sender, kind, text, attachments = self.attributor.attribute(
            rest, more_lines, self.count, marked
        )
        if attachments:
            attachments = tuple(
                Attachment(
                    a.name,
                    a.media_type,
                    a.size,
                    self.reader.is_present(self.source, a.name, self.present),
                )
                if a.name
                else a
                for a in attachments
            )
        self.count += 1
        return Message(
            timestamp,
            naive,
            raw_time,
            sender,
            text,
            kind,
            SourcePosition(self.display, line),
            attachments,
            self.chat_id,
            self.chat_title,
        )

    def _start_day(self, date: DatePart) -> None:
        """The calendar date of a header whose date differs from the previous header's."""
        self.day_part = date
        self.last_clock = self.last_times = None
        if date.no_year:
            if self.last_no_year is not None and (date.b, date.a) < self.last_no_year:
                self.year += 1
            self.last_no_year = (date.b, date.a)
            ymd = calendar_date(date, DateOrder.DMY, self.year)
        else:
            known = self.dates.get(date)
            if known is None:
                if len(self.dates) > 20_000:
                    self.dates.clear()
                known = self.dates[date] = self._calendar_date(date)
            ymd = known
        if not is_date(ymd):
            self.day = None
            return
        self.day = ymd
        self.plain_day = self.localizer.plain_day(*ymd)

    def _calendar_date(self, date: DatePart) -> tuple[int, int, int]:
        ymd, swapped_to = read_date(date, self.orders)
        if swapped_to is not None:
            self.context.report.warn(swap_warning(self.display, swapped_to))
        return ymd


def read_date(
    date: DatePart, orders: dict[str, DateOrder]
) -> tuple[tuple[int, int, int], DateOrder | None]:
    """The calendar date of a header date under its layout's order, and the other order
    when the date was read with that one; an impossible date comes back as it is."""
    order = orders.get(date.layout, DateOrder.DMY)
    ymd = calendar_date(date, order)
    if order is DateOrder.YMD or is_date(ymd):
        return ymd, None
    # The phone's region changed within one layout (day and month swapped): a date
    # that only fits the other order is read with it, and the read says so.
    other = DateOrder.MDY if order is DateOrder.DMY else DateOrder.DMY
    swapped = calendar_date(date, other)
    if is_date(swapped):
        return swapped, other
    return ymd, None


def swap_warning(display: str, other: DateOrder) -> str:
    return (
        f"{display}: some dates only fit {other} (the date order changed "
        f"within the file); those were read as {other}"
    )


class Attributor:
    """Who wrote an entry and what it is: the sender split, the kind, and the rule for
    iOS app entries that carry the chat's name as sender. Message building and counting
    (``inspect``) share it, so both see the same senders and kinds."""

    __slots__ = (
        "chat_name",
        "classify_body",
        "named_system_entries",
        "senders",
        "verdicts",
    )

    def __init__(self, reader: ChatRules) -> None:
        self.classify_body: Callable[[str], tuple[MessageKind, tuple[Attachment, ...]]] = (
            reader.body_classifier()
        )
        self.named_system_entries = reader.named_system_entries
        # Senders seen so far (for "Name:text" lines that lost their space), and a
        # verdict per name on whether it is a sender at all; both bounded.
        self.senders: set[str] = set()
        self.verdicts: dict[str, bool] = {}
        # The name iOS writes as the "sender" of the app's notices (the chat's name),
        # learnt from the first entry when that is such a notice.
        self.chat_name: str | None = None

    def attribute(
        self, rest: str, more_lines: list[str], count: int, marked_line: bool = False
    ) -> tuple[str | None, MessageKind, str, tuple[Attachment, ...]]:
        """Sender (None for app entries), kind, text and attachments of an entry whose
        header line ends in ``rest``; ``count`` entries of the file came before it;
        ``marked_line``: the line started with an LRM, iOS's mark of media and app entries."""
        if more_lines:
            while more_lines and not more_lines[-1].strip():
                more_lines.pop()
            body = "\n".join([rest, *more_lines]) if more_lines else rest
        else:
            body = rest
        cut = rest.find(": ")
        sender: str | None = rest[:cut] if cut > 0 else None
        if sender is not None and self.verdicts.get(sender):  # seen before: the common case
            text = body[cut + 2 :]
        else:
            sender, text = _split_sender(rest, body, self.senders, self.verdicts)
        if sender is None:
            return None, MessageKind.SYSTEM, text, ()
        kind, attachments = self.classify_body(text)
        # Most texts start with neither a mark nor their sender's name: one cheap test
        # for them (this runs once per message).
        if (
            kind is MessageKind.TEXT
            and self.named_system_entries
            and (
                marked_line
                or count < 3
                or text[:1] in _NOTICE_STARTS
                or sender == self.chat_name
                or text.startswith(sender)
            )
        ):
            if self._is_app_entry(sender, text, count, marked_line):
                if count == 0:
                    self.chat_name = sender
                return None, MessageKind.SYSTEM, body, ()
            if marked_line and text.startswith(LRM) and "\n" not in text and len(text) < 120:
                # Structurally a media placeholder (LRM before the bracket and before
                # the text) in a language the tables do not know: media of unknown kind.
                kind, attachments = MessageKind.MEDIA, (_UNKNOWN_MEDIA,)
        if len(self.senders) < 10_000:
            self.senders.add(sender)
        return sender, kind, text, attachments

    def _is_app_entry(self, sender: str, text: str, count: int, marked_line: bool) -> bool:
        if (text.startswith(LRM) or count < 3) and _looks_like_system(text, count):
            return True
        if text.startswith(sender) and text[len(sender) : len(sender) + 1] == " ":
            # The app's note of someone's act names the actor twice: as the "sender" and
            # at the start ("Anna: Anna changed the group's icon", a timer change).
            return vocabulary.SYSTEM_PHRASES.search(text[:300]) is not None
        if sender == self.chat_name:
            # The chat's name writes the app's notices; in a one-to-one chat it is also
            # the client's name, so only a notice's words (or marks) make it the app's.
            return vocabulary.is_notice(text) or (marked_line and text.startswith(LRM))
        return False

    def names_an_app_entry(self, text: str) -> bool:
        """True when a text that starts with an invisible mark is an app entry written
        with the chat's name as sender, whatever lines may follow it (only named readers)."""
        return self.named_system_entries and _looks_like_system(text, 3)


def _looks_like_system(text: str, count: int) -> bool:
    # iOS writes app entries with the chat's name as "sender" and an LRM before the text.
    head = text[:300]
    if text.startswith(LRM):
        return vocabulary.SYSTEM_PHRASES.search(head) is not None
    return count < 3 and vocabulary.is_notice(head)


def _split_sender(
    rest: str, body: str, known: set[str], verdicts: dict[str, bool]
) -> tuple[str | None, str]:
    cut = rest.find(": ")
    if cut < 0:
        if rest.endswith(":"):
            return rest[:-1], body[len(rest) :]
        colon = rest.find(":")
        if colon > 0 and rest[:colon] in known:  # "Name:text" with the space lost
            return rest[:colon], body[colon + 1 :]
        return None, body
    sender = rest[:cut]
    # A chat has few senders: judge each name once (bounded, for files full of odd lines).
    is_sender = verdicts.get(sender)
    if is_sender is None:
        is_sender = not (
            len(sender) > 80
            or (_QUOTES.search(sender) and vocabulary.SYSTEM_PHRASES.search(sender))
        )
        if len(verdicts) < 10_000:
            verdicts[sender] = is_sender
    if not is_sender:
        return None, body
    return sender, body[cut + 2 :]


def is_date(ymd: tuple[int, int, int]) -> bool:
    try:
        datetime(*ymd)
    except ValueError:
        return False
    return True
