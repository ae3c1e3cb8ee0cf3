"""Wall times to zone-aware datetimes, with a deterministic rule for DST folds and gaps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from compliance.archives.faults import DamagedRecord
from compliance.errors import UsageError

DEFAULT_TZ = "Europe/Berlin"

# Times a chat message can have. Outside, a record is damaged: the rules add days and
# years to message times, which must not overflow Python's datetime (years 1 to 9999).
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
_EARLIEST_EPOCH = EARLIEST.timestamp()
_LATEST_EPOCH = LATEST.timestamp()


def zone(name: str) -> ZoneInfo:
    """The IANA time zone called ``name``; a usage error names a wrong one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"unknown time zone {name!r} (use an IANA name like Europe/Berlin)"
        ) from None


class Localizer:
    """Turns an export's naive wall times into aware datetimes in one zone.

    Rules (deterministic): a wall time that occurs twice (autumn fold) is read as the
    first occurrence unless that would put it before the previous message while the
    second occurrence would not; a wall time that does not exist (spring gap) is moved
    forward by the gap, as the clock on the phone did.
    """

    __slots__ = ("_previous", "_transition_days", "tz")

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self._transition_days: dict[tuple[int, int, int], bool] = {}
        self._previous: datetime | None = None

    def localize(self, naive: datetime) -> datetime:
        key = (naive.year, naive.month, naive.day)
        special = self._transition_days.get(key)
        if special is None:
            special = self._transition_days[key] = self._has_transition(naive)
        aware = naive.replace(tzinfo=self.tz)
        if special:
            aware = self._careful(naive)
        self._previous = aware
        return aware

    def plain_day(self, year: int, month: int, day: int) -> bool:
        """True when the day has no DST transition, so that every wall time on it means
        exactly ``datetime(..., tzinfo=tz)``. Readers that know the day of many messages
        at once use this to skip :meth:`localize`; the fold rule only ever compares
        messages of the same transition day, which still go through :meth:`localize`."""
        key = (year, month, day)
        special = self._transition_days.get(key)
        if special is None:
            special = self._transition_days[key] = self._has_transition(datetime(year, month, day))
        return not special

    def _has_transition(self, naive: datetime) -> bool:
        start = naive.replace(hour=0, minute=0, second=0, tzinfo=self.tz)
        end = naive.replace(hour=23, minute=59, second=59, tzinfo=self.tz)
        return start.utcoffset() != end.utcoffset()

    def _careful(self, naive: datetime) -> datetime:
        first = naive.replace(tzinfo=self.tz, fold=0)
        second = naive.replace(tzinfo=self.tz, fold=1)
        if first.utcoffset() == second.utcoffset():
            return first
        round_trip = first.astimezone(UTC).astimezone(self.tz).replace(tzinfo=None)
        if round_trip != naive:  # in the gap
            gap = (first.utcoffset() or timedelta()) - (second.utcoffset() or timedelta())
            return (naive + abs(gap)).replace(tzinfo=self.tz)
        previous = self._previous
        # Same-zone datetimes compare by wall time, ignoring fold: compare in UTC.
        if previous is not None and (
            first.astimezone(UTC) < previous.astimezone(UTC) <= second.astimezone(UTC)
        ):
            return second
        return first


def from_epoch(seconds: float, tz: tzinfo) -> datetime:
    """An epoch time (UTC) in the given zone; :class:`DamagedRecord` when out of range."""
    # The comparison is False for NaN as well, so NaN is refused too.
    if not _EARLIEST_EPOCH <= seconds < _LATEST_EPOCH:
        raise DamagedRecord("time out of range")
    return datetime.fromtimestamp(seconds, UTC).astimezone(tz)


def in_range(moment: datetime) -> bool:
    """True when an aware time lies in the years a chat message can have."""
    return EARLIEST <= moment < LATEST


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a trailing ``Z``."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"
