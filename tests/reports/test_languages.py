"""Every report format in German and English: the texts are data, every finding has its action."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from string import Formatter
from typing import Any

import jsonschema
import pytest
import yaml
from openpyxl import load_workbook
from pypdf import PdfReader

from compliance.audit.report import Finding, Rule, Severity
from compliance.reports import ReportFormat, render_report
from compliance.reports.texts import LANGUAGES, default_language, texts_for
from tests.conftest import REPO_ROOT
from tests.reports.sample_report import GOOD_ARCHIVE, sample_findings, sample_report

TEXTS = REPO_ROOT / "compliance" / "templates" / "report"
SCHEMA = json.loads(
    (REPO_ROOT / "compliance" / "schemas" / "audit-report.schema.json").read_text("utf-8")
)


def _keys(node: Any, prefix: str = "") -> dict[str, set[str]]:
    """Every text's dotted key, with the placeholders it uses."""
    found: dict[str, set[str]] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            found.update(_keys(value, f"{prefix}{key}."))
    elif isinstance(node, str):
        found[prefix.rstrip(".")] = {name for _, name, _, _ in Formatter().parse(node) if name}
    return found


def test_both_languages_have_the_same_texts_and_placeholders() -> None:
    de, en = (yaml.safe_load((TEXTS / f"{lang}.yaml").read_text("utf-8")) for lang in ("de", "en"))
    de_keys, en_keys = _keys(de), _keys(en)
    assert de_keys.keys() == en_keys.keys()
    skip = {"language", "locale"}
    for key in de_keys.keys() - skip:
        assert de_keys[key] == en_keys[key], key


def test_every_action_of_the_table_has_words_in_both_languages() -> None:
    table = yaml.safe_load((TEXTS / "actions.yaml").read_text("utf-8"))
    keys = set(table["actions"])
    used = {table["default"]}
    for section in ("by_category", "by_code", "by_rule", "by_severity"):
        used |= set(table[section].values())
    assert used <= keys
    for language in LANGUAGES:
        texts = texts_for(language)
        for key in keys:
            assert texts.has(f"action.{key}"), (language, key)


@pytest.mark.parametrize(
    ("language", "hours", "expected"),
    [
        ("en", 0.5, "30 minutes"),
        ("en", 1.0, "1 hour"),
        ("en", 5.5, "6 hours"),
        ("en", 24.0, "1 day"),
        ("en", 30.25, "1 day 6 hours"),
        ("en", 9959.1, "414 days 23 hours"),
        ("de", 9959.1, "414 Tage 23 Stunden"),
        ("de", 25.0, "1 Tag 1 Stunde"),
        ("de", 48.0, "2 Tage"),
        ("de", None, "–"),
    ],
)
def test_durations_read_as_a_person_writes_them(
    language: str, hours: float | None, expected: str
) -> None:
    assert texts_for(language).duration(hours) == expected


def test_numbers_and_dates_per_language() -> None:
    from datetime import date

    assert texts_for("de").number(12345) == "12.345"
    assert texts_for("en").number(12345) == "12,345"
    assert texts_for("de").date(date(2026, 7, 2)) == "02.07.2026"
    assert texts_for("en").date(date(2026, 7, 2)) == "2 Jul 2026"
    swiss = texts_for("de", "CH")
    assert swiss.number(12345) == "12'345"
    assert "ß" not in swiss("action.group") and "schliessen" in swiss("action.group")
    assert swiss.law("secrecy") == "Art.\u00a0321 StGB"


@pytest.mark.parametrize(
    ("environment", "profile", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, None, "de"),
        ({"LANG": "en_US.UTF-8"}, None, "en"),
        ({"LANG": "C.UTF-8"}, None, "en"),
        ({"LANG": "en_US.UTF-8"}, ["de", "en"], "de"),
        ({"LANG": "de_DE.UTF-8"}, ["en"], "en"),
    ],
)
def test_default_language(
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    profile: list[str] | None,
    expected: str,
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert default_language(profile) == expected


def _channel_finding() -> Finding:
    return Finding(
        rule=Rule.CHANNEL,
        code="channel.not_agreed",
        severity=Severity.HIGH,
        archive=GOOD_ARCHIVE,
        chat="Anna Beispiel",
        message="chat on Telegram, which the practice profile does not agree with clients",
    )


def _report(language: str):  # type: ignore[no-untyped-def]
    findings = [*sample_findings(), _channel_finding()]
    return sample_report(findings, lang=language)


def _text_of(report_format: ReportFormat, data: bytes) -> str:
    if report_format is ReportFormat.PDF:
        reader = PdfReader(io.BytesIO(data))
        return " ".join(page.extract_text() or "" for page in reader.pages)
    if report_format is ReportFormat.XLSX:
        book = load_workbook(io.BytesIO(data), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return data.decode("utf-8-sig")


def _squeezed(text: str) -> str:
    # hyphenation and line breaks put "-" and spaces into a text: compare the letters only
    return re.sub(r"[\s\-\u00ad]+", "", text.replace("&#x27;", "'").replace("&quot;", '"'))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("report_format", list(ReportFormat))
def test_every_rule_shows_its_action(language: str, report_format: ReportFormat) -> None:
    report = _report(language)
    assert {f.rule for f in report.findings} == set(Rule)
    output = _text_of(report_format, render_report(report, report_format))
    squeezed = _squeezed(output)
    for finding in report.findings:
        assert finding.action, finding.code
        assert _squeezed(finding.action) in squeezed, (report_format, finding.code)
    heading = {"de": "Was zuerst zu tun ist", "en": "What to do first"}[language]
    if report_format in (ReportFormat.TEXT, ReportFormat.HTML, ReportFormat.PDF):
        assert _squeezed(heading) in squeezed  # the summary's list of actions


@pytest.mark.parametrize("language", LANGUAGES)
def test_json_in_both_languages_validates_and_keeps_its_keys(language: str) -> None:
    data = json.loads(render_report(_report(language), ReportFormat.JSON))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["schema"] == "compliance/audit-report" and data["schema_version"] == "2.0"
    assert data["lang"] == language
    crisis = next(f for f in data["findings"] if f["category"] == "CRISIS")
    assert crisis["due"] == "2025-07-01"  # the audit's date: immediately
    assert crisis["severity"] == "critical" and crisis["rule"] == "sensitive"  # never translated
    overdue = next(f for f in data["findings"] if f["code"] == "retention.overdue")
    assert overdue["due"] < data["as_of"]  # overdue since


def test_crisis_action_names_the_country_numbers_and_the_channel() -> None:
    de = _report("de").findings
    crisis = next(f for f in de if f.category == "CRISIS")
    assert crisis.action is not None
    for text in ("außerhalb dieses Chats", "Klientenakte", "kein Notfallkanal", "112"):
        assert text in crisis.action
    assert "0800\u00a0111\u00a00\u00a0111" in crisis.action  # a number never breaks


def test_german_report_has_no_english_headings(tmp_path: Path) -> None:
    text = render_report(_report("de"), ReportFormat.TEXT).decode("utf-8")
    for english in ("Summary", "Findings", "Retention per chat", "What to do"):
        assert english not in text, english
    html = render_report(_report("de"), ReportFormat.HTML).decode("utf-8")
    assert '<html lang="de">' in html and "Zusammenfassung" in html


def test_csv_rows_follow_the_findings_in_both_languages() -> None:
    for language, delimiter in (("de", ";"), ("en", ",")):
        report = _report(language)
        text = render_report(report, ReportFormat.CSV).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert len(rows) == len(report.findings) + len(report.archives) + 1
        assert [row[0] for row in rows[1 : len(report.findings) + 1]] == [
            f.id for f in report.findings
        ]


def test_a_new_category_falls_back_to_its_rule_or_severity() -> None:
    from compliance.audit.actions import action_key

    assert action_key("sensitive", "sensitive.THREAT", "THREAT", "critical") == "crisis"
    assert action_key("sensitive", "sensitive.NEW", "NEW", "high") == "sensitive"
    assert action_key("newrule", "newrule.x", None, "medium") == "review"
    assert replace(_channel_finding()).code == "channel.not_agreed"
