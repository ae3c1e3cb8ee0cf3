"""How a retention period reads: "10 Jahre nach Abschluss der Behandlung (§ 630f Abs. 3 BGB)".

Every document that names a period (record, privacy notice, retention schedule, consent form)
phrases it here, from the one retention catalogue, so they can never disagree.
"""

from __future__ import annotations

from compliance.profile import Country, PracticeProfile
from compliance.records import catalogue
from compliance.records.model import Retention, text_in
from compliance.records.resolve import Period, resolve_period


def length_text(period: Period, language: str) -> str:
    """``"10 Jahre"``, ``"30 days"``; empty when the period has no length."""
    words = catalogue.period_words(language)
    parts = []
    for amount, singular, plural in (
        (period.years, "year", "years"),
        (period.months, "month", "months"),
        (period.days, "day", "days"),
    ):
        if amount is not None:
            parts.append(f"{amount}\u00a0{words[singular if amount == 1 else plural]}")
    return " ".join(parts)


def period_text(period: Period, language: str) -> str:
    """Length and trigger: ``"10 Jahre nach Abschluss der Behandlung"``."""
    length = length_text(period, language)
    if period.trigger is None:
        return length
    return f"{length} {catalogue.period_words(language)[period.trigger.value]}".strip()


def source_text(period: Period, language: str) -> str:
    return text_in(period.source, language) if period.source is not None else ""


def rule_period(profile: PracticeProfile, rule: str) -> Period:
    """The period of a catalogue rule for this practice (what the consent form cites)."""
    return resolve_period(Retention(rule=rule), profile)


def swiss_spelling(text: str, profile: PracticeProfile, language: str) -> str:
    """Swiss German writes "ss" for "ß" (Massnahmen, gross)."""
    if language == "de" and profile.jurisdiction.country is Country.CH:
        return text.replace("ß", "ss")
    return text
