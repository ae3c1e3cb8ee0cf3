"""The policy an audit measures against: retention, reachable hours, holidays, vacations, consent.

Built from the practice profile (``availability``, ``messaging.retention_days``,
jurisdiction for public holidays) and the command-line options, which win.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo

from compliance.audit.report import Policy

if TYPE_CHECKING:
    # Only types: an audit without a profile does not load the profile models (pydantic).
    from compliance.profile import Availability, PracticeProfile, TimeSpan

# The profile's weekday keys (a StrEnum, so plain strings find them).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_RETENTION_DAYS = 30


def name_key(name: str) -> str:
    """A sender name compared without case, invisible marks or Unicode variants."""
    visible = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cf", "Cc"})
    return unicodedata.normalize("NFKC", visible).casefold().strip()


@dataclass
class AuditPolicy:
    """Everything the rules need to decide, resolved once per audit."""

    zone: tzinfo
    zone_name: str
    as_of: datetime  # the moment the audit judges retention at (aware)
    retention_days: int = DEFAULT_RETENTION_DAYS
    availability: Availability | None = None
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    practitioner_names: tuple[str, ...] = ()
    consent_date: date | None = None
    withdrawal_date: date | None = None
    show_values: bool = False
    lang: str = "auto"
    region: str = "DE"
    report_lang: str = "en"  # the language of the report's texts (--lang)
    # The messengers the practice profile agrees with clients; None without a profile.
    agreed_messengers: tuple[str, ...] | None = None
    _holiday_years: dict[int, frozenset[date]] = field(default_factory=dict)

    @cached_property
    def practitioner_keys(self) -> frozenset[str]:
        return frozenset(name_key(n) for n in self.practitioner_names)

    @cached_property
    def retention_cutoff(self) -> datetime:
        """Messages sent before this moment are overdue (calendar days in the policy's zone)."""
        local = self.as_of.astimezone(self.zone).replace(tzinfo=None) - timedelta(
            days=self.retention_days
        )
        return _aware(local, self.zone)

    def deadline(self, sent: datetime) -> datetime:
        """When a message sent at ``sent`` should have been moved to the record and deleted."""
        local = sent.astimezone(self.zone).replace(tzinfo=None) + timedelta(
            days=self.retention_days
        )
        return _aware(local, self.zone)

    def holidays_in(self, year: int) -> frozenset[date]:
        if self.holiday_country is None:
            return frozenset()
        if year not in self._holiday_years:
            # Imported here: loading every country's calendars slows each start-up, and
            # only audits with reachable hours and public holidays need them.
            import holidays as holiday_calendars

            calendar = holiday_calendars.country_holidays(
                self.holiday_country, subdiv=self.holiday_subdivision, years=year
            )
            self._holiday_years[year] = frozenset(calendar.keys())
        return self._holiday_years[year]

    def is_holiday(self, day: date) -> bool:
        return day in self.holidays_in(day.year)

    def on_vacation(self, day: date) -> bool:
        if self.availability is None:
            return False
        return any(v.start <= day <= v.end for v in self.availability.vacations)

    def spans(self, day: date) -> list[TimeSpan]:
        if self.availability is None:
            return []
        # Weekday is a StrEnum: its members and their plain strings are the same keys.
        hours = cast("dict[str, list[TimeSpan]]", self.availability.hours)
        return hours.get(WEEKDAYS[day.weekday()], [])

    def is_working_day(self, day: date) -> bool:
        if not self.spans(day):
            return False
        if (
            self.availability is not None
            and self.availability.public_holidays_off
            and self.is_holiday(day)
        ):
            return False
        return not self.on_vacation(day)

    def within_hours(self, local: datetime) -> bool:
        moment = local.time()
        return any(span.start <= moment < span.end for span in self.spans(local.date()))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``."""
        days = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                days += 1
        return days

    def describe(self) -> Policy:
        availability = self.availability
        hours: dict[str, list[str]] = {}
        if availability is not None:
            for weekday, spans in availability.hours.items():
                hours[str(weekday)] = [
                    f"{s.start.strftime('%H:%M')}-{s.end.strftime('%H:%M')}" for s in spans
                ]
        region = None
        if self.holiday_country and availability is not None and availability.public_holidays_off:
            region = "-".join(p for p in (self.holiday_country, self.holiday_subdivision) if p)
        return Policy(
            timezone=self.zone_name,
            retention_days=self.retention_days,
            hours=hours,
            response_time_working_days=availability.response_time_working_days
            if availability
            else 0,
            public_holidays=region,
            vacations=tuple((v.start, v.end) for v in availability.vacations)
            if availability
            else (),
            practitioner_names=self.practitioner_names,
            consent_date=self.consent_date,
            withdrawal_date=self.withdrawal_date,
        )


def _aware(local: datetime, zone: tzinfo) -> datetime:
    """Attach ``zone`` to a wall time; in a DST gap the later offset is taken."""
    return local.replace(tzinfo=zone)


def policy_from(
    profile: PracticeProfile | None,
    *,
    as_of: datetime,
    zone_name: str | None,
    me: tuple[str, ...],
    retention_days: int | None = None,
    consent_date: date | None = None,
    withdrawal_date: date | None = None,
    show_values: bool = False,
    lang: str = "auto",
    report_lang: str = "en",
) -> AuditPolicy:
    """Resolve the audit policy from the profile (if any) and the options."""
    names = list(me)
    country: str | None = None
    subdivision: str | None = None
    availability: Availability | None = None
    retention = retention_days
    agreed: tuple[str, ...] | None = None
    if profile is not None:
        agreed = tuple(str(key) for key in profile.messaging.messengers)
        names.append(profile.practitioner.name)
        if profile.practitioner.title:
            names.append(f"{profile.practitioner.title} {profile.practitioner.name}")
        names.append(profile.practice.name)
        availability = profile.availability
        country = profile.jurisdiction.country.value
        if country == "DE" and profile.jurisdiction.state:
            subdivision = profile.jurisdiction.state.value
        elif profile.jurisdiction.region:
            subdivision = profile.jurisdiction.region  # Austrian state or Swiss canton
        if retention is None:
            retention = profile.messaging.retention_days
        zone_name = zone_name or profile.timezone
    zone_name = zone_name or "Europe/Berlin"
    zone = ZoneInfo(zone_name)
    return AuditPolicy(
        zone=zone,
        zone_name=zone_name,
        as_of=as_of if as_of.tzinfo else as_of.replace(tzinfo=zone),
        retention_days=retention or DEFAULT_RETENTION_DAYS,
        availability=availability,
        holiday_country=country,
        holiday_subdivision=subdivision,
        practitioner_names=tuple(dict.fromkeys(n for n in names if n)),
        consent_date=consent_date,
        withdrawal_date=withdrawal_date,
        show_values=show_values,
        lang=lang,
        region=country or "DE",
        report_lang=report_lang,
        agreed_messengers=agreed,
    )
