"""The terminal report: order, groups, colour only when asked, no terminal control from chats."""

from __future__ import annotations

import re

from compliance.audit.report import AuditReport, FailOn, Severity
from compliance.reports import summary_line
from compliance.reports.text import render_text
from tests.reports.sample_report import ANNA, PARENTS, many_findings, sample_report


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n\n", start)
    return text[start : end if end != -1 else None]


def test_summary_comes_first_then_severities_most_severe_first(report: AuditReport) -> None:
    text = render_text(report)
    order = [
        "Summary",
        "Archives",
        "CRITICAL · 2 findings",
        "HIGH · 5 findings",
        "MEDIUM · 3 findings",
        "LOW · 2 findings",
        "INFO · 1 finding",
        "Retention per chat",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_summary_figures(report: AuditReport) -> None:
    summary = _section(render_text(report), "Summary")
    assert "2 findings require immediate action" in summary
    assert "Archives          2 (1 unreadable)" in summary
    assert "13: 2 Critical, 5 High, 3 Medium, 2 Low, 1 Info" in summary
    assert "11,700 messages past 30 days of retention" in summary
    # durations as a person writes them, not "30.2 h"
    assert "median 6 hours, 90th percentile 1 day 6 hours" in summary
    assert "Result: not passed (findings rated high or higher)" in summary


def test_crisis_leads_the_critical_findings(report: AuditReport) -> None:
    # the group chat finding comes first in the report, but crisis language is listed first
    assert report.findings[0].code == "parties.group_chat"
    critical = _section(render_text(report), "CRITICAL")
    assert critical.index("sensitive.CRISIS") < critical.index("parties.group_chat")
    assert critical.index(ANNA) < critical.index(PARENTS)


def test_findings_are_grouped_by_chat_within_a_severity(report: AuditReport) -> None:
    high = _section(render_text(report), "HIGH")
    lines = high.splitlines()
    chats = [
        line.strip() for line in lines if line.startswith("  ") and not line.startswith("    ")
    ]
    assert chats == [
        f"{ANNA}  (exports/telegram/result.json)",
        'Ben <b>"Bär"</b>  (exports/telegram/result.json)',
    ]
    assert high.count("retention.overdue") == 3


def test_unreadable_archive_is_named_with_its_error(report: AuditReport) -> None:
    archives = _section(render_text(report), "\nArchives\n")
    assert "UNREADABLE  exports/WhatsApp Chat mit Carla.zip: not a ZIP file" in archives
    assert "sha256 3f2a9c4e5b6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b" in archives


def test_retention_lines_per_chat(report: AuditReport) -> None:
    retention = _section(render_text(report), "Retention per chat")
    assert (
        f"{ANNA} (exports/telegram/result.json): 9,000 messages, 6 Jan 2025 – 20 Jun 2025; "
        "8,400 messages overdue (oldest 6 Jan 2025, "
        "should have been moved and deleted by 5 Feb 2025)"
    ) in retention
    assert "45 messages, 1 Mar 2025 – 2 Mar 2025; nothing overdue" in retention


def test_no_colour_unless_asked(report: AuditReport) -> None:
    plain = render_text(report)
    coloured = render_text(report, color=True)
    assert "\x1b" not in plain
    assert "\x1b[1;31mCRITICAL · 2 findings\x1b[0m" in coloured
    assert re.sub("\x1b\\[[0-9;]*m", "", coloured) == plain


def test_chat_text_cannot_send_terminal_controls(report: AuditReport) -> None:
    # the crafted voice-message excerpt starts with ESC [2J (clear screen)
    for text in (render_text(report), render_text(report, color=True)):
        assert "\x1b[2J" not in text
        assert "\ufffd[2Jclear screen" in text


def test_values_warning_only_when_values_are_shown() -> None:
    assert "WARNING" not in render_text(sample_report())
    assert "WARNING: Values are shown unmasked" in render_text(sample_report(values_shown=True))


def test_thousands_of_findings_collapse_into_counted_lines() -> None:
    report = sample_report(many_findings(1000))
    text = render_text(report)
    assert len(report.findings) == 5000
    assert len(text.splitlines()) < 120
    critical = _section(text, "CRITICAL")
    # 1000 critical findings, alternating between two chats: one line per chat and code
    assert "retention.critical ×500  result.json#0–998" in critical
    assert "retention.critical ×500  result.json#1–999" in critical


def test_compact_can_be_forced_and_turned_off(report: AuditReport) -> None:
    compact = _section(render_text(report, compact=True), "HIGH")
    assert (
        "retention.overdue ×3  result.json#10–14 · 6 Jan 2025, 18:30 … 1 Feb 2025, 12:00" in compact
    )
    assert "e.g." not in compact  # the overdue findings carry no excerpt
    full = sample_report(many_findings(150))
    assert "×" not in render_text(full, compact=False)


def test_no_findings() -> None:
    report = sample_report([])
    text = render_text(report)
    assert "Findings\n  none" in text
    # one of the sample's two archives is unreadable: never a clean result
    assert "Result: not passed, because 1 archive could not be read" in text
    report.archives = [a for a in report.archives if a.was_read]
    assert "Result: passed (nothing rated high or higher)" in render_text(report)


def test_summary_line() -> None:
    assert summary_line(sample_report()) == (
        "2 archives (1 unreadable), 12,345 messages in 3 chats: "
        "13 findings (critical: 2, high: 5, medium: 3, low: 2, info: 1); exit 1"
    )
    quiet = sample_report(
        [f for f in sample_report().findings if f.severity is Severity.LOW],
        fail_on=FailOn.HIGH,
        values_shown=True,
    )
    assert summary_line(quiet) == (
        "2 archives (1 unreadable), 12,345 messages in 3 chats: 2 findings (low: 2); exit 3 "
        "(values shown unmasked)"
    )
    assert summary_line(sample_report([])).endswith("no findings; exit 3")
