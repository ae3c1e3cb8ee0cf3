"""When the practitioner can be reached: weekly hours, public holidays, vacations, next slot.

The agreement, the ready-to-paste away texts and the calendar file all read the
same facts from here, so that they never disagree about a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from compliance.profile import Country, PracticeProfile, TimeSpan, Weekday

WEEK: tuple[Weekday, ...] = tuple(Weekday)
YEAR_DAYS = 365

# holidays' own language codes for the names of public holidays.
_HOLIDAY_LANGUAGE = {"de": "de", "en": "en_US"}


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str


def spans_text(spans: list[TimeSpan], joiner: str) -> str:
    """``09:00–12:00 und 14:00–17:00``."""
    return joiner.join(f"{s.start:%H:%M}–{s.end:%H:%M}" for s in spans)


def holiday_region(profile: PracticeProfile) -> str | None:
    """The state, Austrian state or canton whose public holidays apply."""
    jurisdiction = profile.jurisdiction
    if jurisdiction.country is Country.DE:
        return str(jurisdiction.state) if jurisdiction.state else None
    return jurisdiction.region


@cache
def _holidays(country: str, region: str | None, first: date, language: str) -> tuple[Holiday, ...]:
    import holidays  # large calendars: loaded only when a document needs them

    last = first + timedelta(days=YEAR_DAYS - 1)
    calendar = holidays.country_holidays(
        country,
        subdiv=region,
        years=range(first.year, last.year + 1),
        language=_HOLIDAY_LANGUAGE[language],
    )
    return tuple(
        Holiday(day, name) for day, name in sorted(calendar.items()) if first <= day <= last
    )


def public_holidays(profile: PracticeProfile, first: date, language: str) -> tuple[Holiday, ...]:
    """The public holidays of the practice's region in the twelve months from ``first``."""
    return _holidays(profile.jurisdiction.country.value, holiday_region(profile), first, language)


def is_day_off(profile: PracticeProfile, day: date, holiday_days: set[date]) -> bool:
    availability = profile.availability
    if availability.public_holidays_off and day in holiday_days:
        return True
    return any(v.start <= day <= v.end for v in availability.vacations)


def next_reachable(profile: PracticeProfile, after: datetime) -> datetime | None:
    """The start of the first reachable span at or after ``after`` (a naive local time)."""
    hours = profile.availability.hours
    if not any(hours.values()):
        return None
    first = after.date()
    holiday_days = {h.day for h in public_holidays(profile, first, "en")}
    holiday_days |= {h.day for h in public_holidays(profile, first + timedelta(YEAR_DAYS), "en")}
    for offset in range(2 * YEAR_DAYS):
        day = first + timedelta(days=offset)
        if is_day_off(profile, day, holiday_days):
            continue
        for span in hours.get(WEEK[day.weekday()], []):
            start = datetime.combine(day, span.start)
            if start >= after:
                return start
    return None


def upcoming_vacations(profile: PracticeProfile, first: date) -> list[tuple[date, date]]:
    """Vacations that have not ended before ``first``, in order."""
    return sorted((v.start, v.end) for v in profile.availability.vacations if v.end >= first)


def day_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0, 0))
