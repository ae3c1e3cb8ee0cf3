"""What to do about each finding, and by when: the action tables of ``templates/report/``.

``actions.yaml`` says which action applies to a finding (by category, code, rule, severity,
then a default, so a new category needs only a data row) and how its due date is found;
the action's words are in ``de.yaml`` and ``en.yaml``. Crisis actions name the country's
emergency and crisis numbers from ``checklists/emergency_numbers.yaml``.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding
from compliance.datadir import data_root
from compliance.datayaml import load_yaml_data
from compliance.reports.texts import ReportTexts, action_table, texts_for

IMMEDIATELY, RETENTION, WITHIN_DAYS, NO_DUE = "immediately", "retention", "within_days", "none"


def action_key(rule: str, code: str, category: str | None, severity: str) -> str:
    """The key of the action for a finding (``crisis``, ``retention``, ``review``, ...)."""
    table = action_table()
    for section, value in (
        ("by_category", category),
        ("by_code", code),
        ("by_severity", severity),
        ("by_rule", rule),
    ):
        if value is not None and value in (table.get(section) or {}):
            key: str = table[section][value]
            return key
    default: str = table["default"]
    return default


def due_rule(key: str) -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = action_table()["actions"]
    return rules.get(key, {"due": NO_DUE})


#: What :func:`crisis_numbers` reads of an entry (the others hold dates and sources).
_NUMBER_FIELDS = ("number", "service", "kind", "in_consent_form")


@cache
def _emergency_entries() -> dict[str, list[dict[str, Any]]]:
    countries: dict[str, list[dict[str, Any]]] = load_yaml_data(
        data_root() / "checklists" / "emergency_numbers.yaml", _numbers_by_country, "numbers"
    )
    return countries


def _numbers_by_country(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {
        country: [{key: entry[key] for key in _NUMBER_FIELDS if key in entry} for entry in entries]
        for country, entries in data["countries"].items()
    }


def crisis_numbers(texts: ReportTexts, country: str | None) -> str:
    """The emergency and crisis numbers the consent form prints, for ``country`` (default DE)."""
    entries = _emergency_entries().get(country or "DE") or _emergency_entries().get("DE", [])
    chosen = [
        e
        for e in entries
        if e.get("in_consent_form") and e.get("kind") in {"emergency", "crisis_line"}
    ]
    numbers: dict[str, list[str]] = {}  # a service with two numbers is named once
    for entry in chosen:
        service = entry["service"].get(texts.language) or entry["service"]["en"]
        number = str(entry["number"]).replace(" ", "\u00a0")  # a number never breaks
        numbers.setdefault(service, []).append(number)
    return "; ".join(f"{service} {' / '.join(found)}" for service, found in numbers.items())


def action_text(texts: ReportTexts, key: str, country: str | None) -> str:
    """The action's words, with the crisis numbers and legal references of the country."""
    if not texts.has(f"action.{key}"):
        key = "review"
    params = {
        "numbers": crisis_numbers(texts, country),
        "special": texts.law("special_categories"),
        "secrecy": texts.law("secrecy"),
    }
    return texts(f"action.{key}", **params)


def annotate(findings: list[Finding], policy: AuditPolicy, as_of: date) -> None:
    """Give every finding its ``action`` and ``due`` date (in place)."""
    texts = texts_for(policy.report_lang, policy.region)
    country = policy.region
    actions: dict[tuple[str, str, str | None, str], tuple[str, dict[str, Any]]] = {}
    due_by_day: dict[date, date] = {}
    zone = policy.zone
    days = timedelta(days=policy.retention_days)
    for finding in findings:
        lookup = (finding.rule, finding.code, finding.category, finding.severity)
        known = actions.get(lookup)
        if known is None:
            key = action_key(*lookup)
            known = actions[lookup] = (action_text(texts, key, country), due_rule(key))
        text, rule = known
        finding.action = text
        kind = rule.get("due", NO_DUE)
        if kind == IMMEDIATELY:
            finding.due = as_of
        elif kind == WITHIN_DAYS:
            finding.due = as_of + timedelta(days=int(rule.get("days", 0)))
        elif kind == RETENTION:
            stamp = finding.timestamp
            if stamp is None:
                finding.due = as_of
                continue
            # most times already carry the policy's zone: converting each would cost the most
            if stamp.tzinfo is None or stamp.tzinfo is zone:
                sent = stamp.date()
            else:
                sent = stamp.astimezone(zone).date()
            due = due_by_day.get(sent)
            if due is None:
                due = due_by_day[sent] = sent + days
            finding.due = due
        else:
            finding.due = None
