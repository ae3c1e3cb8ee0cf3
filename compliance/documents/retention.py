"""The retention schedule (Löschkonzept): each data category with its period, legal source,
trigger and deletion method, plus the yearly review dates as a calendar (.ics, icalendar).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, date, datetime

from compliance.documents.model import Document
from compliance.documents.records_common import base_context, build_document, format_date
from compliance.documents.template import load_template
from compliance.profile import PracticeProfile
from compliance.records.model import text_in
from compliance.records.periods import period_text, source_text
from compliance.records.resolve import resolve_activities

TEMPLATE_KIND = "retention"
# The review follows the turn of the year, when most periods ("from the end of the calendar
# year") have just expired.
REVIEW_MONTH, REVIEW_DAY = 1, 15


@dataclass(frozen=True)
class ScheduleEntry:
    data: str
    period: str
    trigger: str
    source: str
    method: str
    activities: tuple[str, ...]
    verified: bool


def schedule(profile: PracticeProfile, language: str) -> list[ScheduleEntry]:
    """One entry per data category and period, with the activities that keep it."""
    loaded = load_template(TEMPLATE_KIND, language)
    none = loaded.word("values", "none")
    entries: dict[tuple[str, str, str], ScheduleEntry] = {}
    for activity in resolve_activities(profile):
        name = text_in(activity.name, language) if activity.name else activity.key
        for period in activity.retention:
            data = text_in(period.data, language) if period.data else name
            key = (data, period_text(period, language), source_text(period, language))
            known = entries.get(key)
            if known is not None:
                if name not in known.activities:
                    entries[key] = ScheduleEntry(
                        **{**known.__dict__, "activities": (*known.activities, name)}
                    )
                continue
            entries[key] = ScheduleEntry(
                data=data,
                period=period_text(period, language) or none,
                trigger=loaded.word("triggers", period.trigger.value) if period.trigger else none,
                source=source_text(period, language) or none,
                method=text_in(period.method, language) if period.method else none,
                activities=(name,),
                verified=period.confirmed,
            )
    return list(entries.values())


def next_review(as_of: date) -> date:
    """The first review day on or after ``as_of``."""
    candidate = date(as_of.year, REVIEW_MONTH, REVIEW_DAY)
    return candidate if candidate >= as_of else date(as_of.year + 1, REVIEW_MONTH, REVIEW_DAY)


def build_retention(profile: PracticeProfile, language: str, *, generated: date) -> Document:
    """The retention schedule in ``language``; pure, no I/O."""
    loaded = load_template(TEMPLATE_KIND, language)
    context = base_context(profile, language)

    def row(key: str) -> str:
        return loaded.word("rows", key)

    categories = []
    for entry in schedule(profile, language):
        rows = [
            (row("period"), entry.period),
            (row("trigger"), entry.trigger),
            (row("source"), entry.source),
            (row("method"), entry.method),
            (row("activities"), ", ".join(entry.activities)),
        ]
        if not entry.verified:
            rows.append((row("check"), loaded.word("values", "not_verified")))
        categories.append({"category_caption": entry.data, "category_rows": rows})
    review_day = "15. Januar" if language == "de" else "15 January"
    context.update(
        generated=format_date(generated, language),
        categories=categories,
        review_day=review_day,
        next_review=format_date(next_review(generated), language),
    )
    return build_document("LK", profile, loaded, context, generated.isoformat())


def retention_csv(profile: PracticeProfile, language: str) -> bytes:
    loaded = load_template(TEMPLATE_KIND, language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [loaded.word("table", "data")]
        + [loaded.word("rows", k) for k in ("period", "trigger", "source", "method", "activities")]
    )
    for entry in schedule(profile, language):
        row = [entry.data, entry.period, entry.trigger, entry.source, entry.method]
        writer.writerow([*row, "; ".join(entry.activities)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def retention_ics(profile: PracticeProfile, language: str, *, generated: date) -> bytes:
    """A yearly all-day event on the review day, listing every period to check."""
    from icalendar import Calendar, Event, vRecur

    from compliance.documents.context import document_id

    loaded = load_template(TEMPLATE_KIND, language)
    context = base_context(profile, language)
    first = next_review(generated)
    lines = [loaded.word("calendar", "description")] + [
        f"- {entry.data}: {entry.period} ({entry.source})" for entry in schedule(profile, language)
    ]
    calendar = Calendar()
    calendar.add("prodid", "-//practice-compliance//retention schedule//EN")
    calendar.add("version", "2.0")
    event = Event()
    uid = document_id("LK", profile.model_dump(mode="json", exclude_defaults=True), language)
    event.add("uid", f"{uid.lower()}@practice-compliance.invalid")
    # Fixed, not the clock: the same inputs give the same file.
    event.add("dtstamp", datetime(generated.year, generated.month, generated.day, tzinfo=UTC))
    event.add("dtstart", first)
    event.add("summary", loaded.word("calendar", "summary").format(**context))
    event.add("description", "\n".join(lines))
    event.add("rrule", vRecur(freq="yearly"))
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
