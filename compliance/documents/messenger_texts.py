"""Ready-to-paste messenger texts (status, away messages) and the reachability calendar (.ics).

The texts say what the agreement says, shortly: the hours, the next time the
practitioner can be reached and the emergency numbers, within the length limits of
every messenger in the profile. The calendar lets the phone's focus or
do-not-disturb schedule follow the agreed hours, holidays and vacations.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from compliance import catalog
from compliance.catalog import NumberKind, data_root
from compliance.documents.agreement import long_date
from compliance.documents.context import join_words
from compliance.documents.reachability import (
    WEEK,
    day_after,
    next_reachable,
    public_holidays,
    upcoming_vacations,
)
from compliance.profile import PracticeProfile
from compliance.yamlio import load_yaml, validate


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextTemplates(_Data):
    language: str
    version: str
    days: dict[str, str]
    emergency_word: str
    time_format: str
    status: list[str] = Field(min_length=1)
    after_hours: list[str] = Field(min_length=1)
    vacation: list[str] = Field(min_length=1)
    labels: dict[str, str]


class TextLimit(_Data):
    status_max: int | None
    message_max: int
    source: str
    confidence: catalog.Confidence


class TextLimits(_Data):
    version: int
    checked_on: date
    default: TextLimit
    messengers: dict[str, TextLimit]


@cache
def text_templates(language: str) -> TextTemplates:
    path = data_root() / "templates" / "messenger_texts" / f"{language}.yaml"
    loaded: TextTemplates = validate(load_yaml(path), TextTemplates)
    return loaded


@cache
def text_limits() -> TextLimits:
    loaded: TextLimits = validate(
        load_yaml(data_root() / "checklists" / "messenger_text_limits.yaml"), TextLimits
    )
    return loaded


def limits_for(profile: PracticeProfile) -> tuple[int | None, int]:
    """The strictest status and message limits over the profile's messengers."""
    table = text_limits()
    chosen = [table.messengers.get(key, table.default) for key in profile.messaging.messengers]
    status = [c.status_max for c in chosen if c.status_max is not None]
    return (min(status) if status else None), min(c.message_max for c in chosen)


@dataclass(frozen=True)
class MessengerText:
    label: str
    text: str
    limit: int


def hours_summary(profile: PracticeProfile, templates: TextTemplates) -> str:
    """``Mo 09:00–12:00, 14:00–17:00; Di–Do 09:00–17:00; Fr 09:00–13:00``."""
    hours = profile.availability.hours
    groups: list[tuple[list[str], str]] = []
    previous = None
    for day in WEEK:
        spans = hours.get(day, [])
        text = ", ".join(f"{s.start:%H:%M}–{s.end:%H:%M}" for s in spans)
        if spans and text == previous and groups:
            groups[-1][0].append(day.value)
        elif spans:
            groups.append(([day.value], text))
        previous = text if spans else None
    parts = []
    for days, text in groups:
        first, last = templates.days[days[0]], templates.days[days[-1]]
        name = first if len(days) == 1 else f"{first}–{last}"
        parts.append(f"{name} {text}")
    return "; ".join(parts)


def _emergency(profile: PracticeProfile, templates: TextTemplates) -> tuple[str, str]:
    """The emergency number and first crisis line, short: ``112 (Notruf) …``."""
    language = templates.language
    numbers = catalog.emergency_numbers()[profile.jurisdiction.country]
    emergency = next(n for n in numbers if n.kind is NumberKind.EMERGENCY and n.in_consent_form)
    crisis = [n for n in numbers if n.kind is NumberKind.CRISIS_LINE and n.in_consent_form]
    parts = [f"{emergency.number} ({templates.emergency_word})"]
    if crisis:
        service = re.sub(r"\s*\(.*?\)", "", crisis[0].service.in_(language)).strip()
        parts.append(f"{service} {crisis[0].number}")
    or_word = "oder" if language == "de" else "or"
    return join_words(parts, or_word), emergency.number


def _fit(variants: list[str], values: dict[str, str], limit: int) -> str:
    """The first variant that fits ``limit``; the last one otherwise, cut at a word."""
    filled = [" ".join(v.format(**values).split()) for v in variants]
    for text in filled:
        if len(text) <= limit:
            return text
    cut = filled[-1][: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def messenger_texts(profile: PracticeProfile, language: str, as_of: date) -> list[MessengerText]:
    """The status text, the after-hours message and one away message per coming vacation."""
    templates = text_templates(language)
    status_max, message_max = limits_for(profile)
    emergency, emergency_number = _emergency(profile, templates)
    values = {
        "hours": hours_summary(profile, templates),
        "emergency": emergency,
        "emergency_number": emergency_number,
        "response_days": str(profile.availability.response_time_working_days),
    }
    labels = templates.labels
    texts = []
    if status_max is not None:
        texts.append(
            MessengerText(
                labels["status"].format(limit=status_max),
                _fit(templates.status, values, status_max),
                status_max,
            )
        )
    texts.append(
        MessengerText(
            labels["after_hours"], _fit(templates.after_hours, values, message_max), message_max
        )
    )
    for start, end in upcoming_vacations(profile, as_of):
        back = next_reachable(profile, day_after(end))
        when = (
            templates.time_format.format(
                date=long_date(back.date(), language), time=f"{back:%H:%M}"
            )
            if back
            else ""
        )
        vacation_values = {
            **values,
            "vacation_end": long_date(end, language),
            "next_reachable": when,
        }
        label = labels["vacation"].format(
            start=long_date(start, language), end=long_date(end, language)
        )
        texts.append(
            MessengerText(
                label, _fit(templates.vacation, vacation_values, message_max), message_max
            )
        )
    return texts


def texts_file(profile: PracticeProfile, language: str, as_of: date) -> str:
    """The texts as one plain-text file, each under its label."""
    templates = text_templates(language)
    names = join_words(
        [catalog.messengers()[k].name for k in profile.messaging.messengers],
        "und" if language == "de" else "and",
    )
    lines = [templates.labels["title"].format(messenger_names=names), ""]
    for item in messenger_texts(profile, language, as_of):
        lines.extend([f"## {item.label}", "", item.text, ""])
    return "\n".join(lines)


def calendar_ics(profile: PracticeProfile, language: str, as_of: date) -> bytes:
    """An iCalendar file of the reachable hours (weekly), public holidays and vacations."""
    import icalendar

    labels = text_templates(language).labels
    zone = profile.zone
    stamp = datetime.combine(as_of, time(0, 0), tzinfo=zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//compliance//messenger availability//EN")
    calendar.add("version", "2.0")

    def add(uid_parts: tuple[Any, ...], **fields: Any) -> None:
        event = icalendar.Event()
        uid = hashlib.sha256(repr(uid_parts).encode()).hexdigest()[:24]
        event.add("uid", f"{uid}@compliance")
        event.add("dtstamp", stamp)
        for name, value in fields.items():
            event.add(name, value)
        calendar.add_component(event)

    # The weekly spans start in the week of `as_of`, on their own weekday.
    monday = as_of - timedelta(days=as_of.weekday())
    for index, day in enumerate(WEEK):
        for span in profile.availability.hours.get(day, []):
            first = monday + timedelta(days=index)
            if first < as_of:
                first += timedelta(days=7)
            add(
                ("hours", day.value, span.start, span.end),
                summary=labels["calendar_hours"],
                dtstart=datetime.combine(first, span.start, tzinfo=zone),
                dtend=datetime.combine(first, span.end, tzinfo=zone),
                rrule={"freq": "weekly"},
                transp="OPAQUE",
            )
    if profile.availability.public_holidays_off:
        for holiday in public_holidays(profile, as_of, language):
            add(
                ("holiday", holiday.day),
                summary=labels["calendar_holiday"].format(name=holiday.name),
                dtstart=holiday.day,
                dtend=holiday.day + timedelta(days=1),
                transp="TRANSPARENT",
            )
    for start, end in upcoming_vacations(profile, as_of):
        add(
            ("vacation", start, end),
            summary=labels["calendar_vacation"],
            dtstart=start,
            dtend=end + timedelta(days=1),
            transp="TRANSPARENT",
        )
    if hasattr(calendar, "add_missing_timezones"):
        calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data
