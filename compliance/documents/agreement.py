"""The messenger-use agreement: reachability, response time, content, emergencies, risks, duties.

It sets the expectations a consent form does not: when the practitioner reads and
answers messages, what the read tick means, what belongs in the session, that the
messenger is never an emergency channel, what the chosen messenger's own risks are
(derived from the catalogue's facts, never stated as certain unless confirmed),
what both sides do to protect the chat, and what happens to it when the work ends.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from compliance import catalog
from compliance.catalog import Confidence, NumberKind
from compliance.documents.context import document_id, join_words, practice_context
from compliance.documents.model import Document
from compliance.documents.reachability import (
    WEEK,
    public_holidays,
    spans_text,
    upcoming_vacations,
)
from compliance.documents.template import (
    LoadedTemplate,
    document_meta,
    fill,
    load_template,
    render_template,
)
from compliance.messenger_use import Device, GroupChats, Visibility
from compliance.messengers.facts import messenger_risks
from compliance.profile import Country, PracticeProfile

TEMPLATE_KIND = "agreement"
_BABEL_LOCALE = {"de": "de_DE", "en": "en_GB"}


def long_date(day: date, language: str) -> str:
    """``Freitag, 25. Dezember 2026`` / ``Friday, 25 December 2026``."""
    from babel.dates import format_date

    return str(format_date(day, "full", locale=_BABEL_LOCALE[language]))


def _timezone_label(profile: PracticeProfile, language: str) -> str:
    from babel.dates import get_timezone_name

    return str(get_timezone_name(profile.zone, "long", locale=_BABEL_LOCALE[language]))


def _country_name(code: str, language: str) -> str:
    from babel import Locale

    return str(Locale.parse(_BABEL_LOCALE[language]).territories.get(code, code))


def _risk_sentences(
    profile: PracticeProfile, key: str, loaded: LoadedTemplate, language: str
) -> list[str]:
    messenger = catalog.messengers()[key]
    group_chats = profile.messenger_use.group_chats is GroupChats.NAMED_GROUPS
    sentences = []
    signed = key in profile.messaging.processing_agreements
    for risk in messenger_risks(messenger, group_chats=group_chats, agreement_signed=signed):
        group = "risk_certain" if risk.certain else "risk_possible"
        values = {
            "messenger": messenger.name,
            "country": _country_name(risk.country, language) if risk.country else "",
        }
        sentences.append(fill(loaded.word(group, risk.key), values, loaded.path))
    return sentences


def _numbers(profile: PracticeProfile, language: str) -> tuple[list[str], list[str]]:
    """The emergency and crisis numbers, and the youth lines (confirmed ones only)."""
    emergency, youth = [], []
    for number in catalog.emergency_numbers()[profile.jurisdiction.country]:
        line = f"{number.number}: {number.service.in_(language)} ({number.hours.in_(language)})"
        if number.in_consent_form:
            emergency.append(line)
        elif number.kind is NumberKind.YOUTH_LINE and number.confidence is Confidence.CONFIRMED:
            youth.append(line)
    return emergency, youth


def agreement_context(
    profile: PracticeProfile, loaded: LoadedTemplate, as_of: date
) -> dict[str, Any]:
    """What the agreement says beyond what every document says about the practice."""
    language = loaded.template.language
    availability = profile.availability
    use = profile.messenger_use
    joiner = loaded.word("reach", "span_joiner")
    hours_rows = [
        (
            loaded.word("weekdays", day.value),
            spans_text(availability.hours[day], joiner)
            if availability.hours.get(day)
            else loaded.word("reach", "closed"),
        )
        for day in WEEK
    ]
    holidays = [
        f"{long_date(h.day, language)}: {h.name}" for h in public_holidays(profile, as_of, language)
    ]
    vacations = [
        fill(
            loaded.word("reach", "vacation"),
            {"start": long_date(start, language), "end": long_date(end, language)},
            loaded.path,
        )
        for start, end in upcoming_vacations(profile, as_of)
    ]
    emergency, youth = _numbers(profile, language)
    keys = profile.messaging.messengers
    checked = max(
        getattr(catalog.messengers()[key].facts, name).checked_on
        for key in keys
        for name in catalog.MessengerFacts.model_fields
    )
    end = use.end_of_work
    return {
        "hours_rows": hours_rows,
        "timezone_label": _timezone_label(profile, language),
        "practice_city": profile.practice.city,
        "holidays": holidays,
        "has_holidays": bool(holidays),
        "holidays_off": availability.public_holidays_off,
        "vacations": vacations,
        "has_vacations": bool(vacations),
        "read_receipts_on": profile.messaging.read_receipts,
        "online_hidden": use.online_status is Visibility.HIDDEN,
        "read_when_time": use.read_only_when_time_to_answer,
        "device_off": use.device_off_outside_hours,
        "device_work_phone": use.device is Device.WORK_PHONE,
        "device_work_profile": use.device is Device.WORK_PROFILE,
        "group_never": use.group_chats is GroupChats.NEVER,
        "group_named": use.group_chats is GroupChats.NAMED_GROUPS,
        "group_settings": join_words(list(use.group_settings), loaded.word("words", "and")),
        "emergency_list": emergency,
        "youth_lines": youth,
        "has_youth_lines": bool(youth),
        "messenger_risks": [
            {
                "messenger_name": catalog.messengers()[key].name,
                "risks": _risk_sentences(profile, key, loaded, language),
            }
            for key in keys
        ],
        "facts_checked_on": long_date(checked, language),
        "end_days": str(end.within_days),
        "end_record": end.to_record,
        "end_export": end.export,
        "end_delete": end.delete_both_devices,
    }


def build_agreement(
    profile: PracticeProfile,
    language: str,
    *,
    as_of: date,
    client: str | None = None,
    minor: bool = False,
) -> Document:
    """Build the agreement for one client (or a blank one); pure, no I/O.

    ``as_of`` starts the twelve months whose public holidays are listed; it is part of
    the document id, so the same day gives the same file.
    """
    loaded = load_template(TEMPLATE_KIND, language)
    template = loaded.template
    context = practice_context(profile, loaded)
    context.update(agreement_context(profile, loaded, as_of))
    context["allowed_labels"] = [label for _, label in context["allowed_content"]]
    context.update(
        client_name=client.strip()
        if client and client.strip()
        else loaded.word("words", "blank_line"),
        has_client=bool(client and client.strip()),
        minor=minor,
    )
    doc_id = document_id(
        "MA",
        loaded.sha256,
        profile.model_dump(mode="json", exclude_defaults=True),
        client,
        minor,
        language,
        as_of.isoformat(),
    )
    meta = document_meta(loaded, context, doc_id, language, context["practitioner_name"])
    document = Document(
        title=fill(template.title, context, loaded.path),
        subtitle=fill(template.subtitle, context, loaded.path) if template.subtitle else None,
        blocks=tuple(render_template(loaded, context)),
        meta=meta,
    )
    if profile.jurisdiction.country is Country.CH and language == "de":
        return swiss_spelling(document)
    return document


# Swiss Standard German: "ss" for "ß", and the FADP's word for processing on behalf.
_SWISS_WORDS = (("ß", "ss"), ("Auftragsverarbeitung", "Auftragsbearbeitung"))


def _respell(value: Any) -> Any:
    if isinstance(value, str):
        for german, swiss in _SWISS_WORDS:
            value = value.replace(german, swiss)
        return value
    if isinstance(value, tuple):
        return tuple(_respell(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _respell(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def swiss_spelling(document: Document) -> Document:
    """Swiss Standard German (``_SWISS_WORDS``) in every text of the document."""
    respelled: Document = _respell(document)
    return respelled
