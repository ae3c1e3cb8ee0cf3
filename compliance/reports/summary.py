"""The summary a person reads first, the sign-off block, and the rows of the spreadsheets.

Shared by every format, so the verdict, the first actions and the scope read the same in
the terminal, the HTML, the PDF and the spreadsheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from compliance.audit.report import AuditReport, Finding, Severity
from compliance.errors import ExitCode
from compliance.reports.presentation import (
    category_label,
    chat_name,
    clean,
    due_text,
    place,
    report_zone,
    role_label,
    rule_label,
    severity_label,
)
from compliance.reports.texts import ReportTexts

TOP_ACTIONS = 5


def verdict(report: AuditReport, t: ReportTexts) -> str:
    """The audit in one sentence: ``3 findings require immediate action``."""
    if report.exit_code is ExitCode.BAD_INPUT:
        return t("verdict.unreadable")
    counts = report.summary.by_severity
    urgent = counts.get(Severity.CRITICAL.value, 0)
    act = counts.get(Severity.HIGH.value, 0)
    if urgent:
        return t.count("verdict.urgent", urgent)
    if act:
        return t.count("verdict.act", act)
    rest = sum(counts.values())
    return t.count("verdict.minor", rest) if rest else t("verdict.clean")


@dataclass(slots=True, frozen=True)
class TopAction:
    """One thing to do, for how many findings, and the earliest due date among them."""

    severity: Severity
    action: str
    findings: int
    due: str
    rules: tuple[str, ...]


def top_actions(report: AuditReport, t: ReportTexts, limit: int = TOP_ACTIONS) -> list[TopAction]:
    """The distinct actions of the findings, most severe and soonest due first."""
    groups: dict[str, tuple[Severity, int, date | None, list[str]]] = {}
    for finding in report.findings:
        if finding.action is None:
            continue
        known = groups.get(finding.action)
        if known is None:
            groups[finding.action] = (finding.severity, 1, finding.due, [finding.rule.value])
            continue
        severity, count, due, rules = known
        if finding.severity.rank > severity.rank:
            severity = finding.severity
        if finding.due is not None and (due is None or finding.due < due):
            due = finding.due
        if finding.rule.value not in rules:
            rules.append(finding.rule.value)
        groups[finding.action] = (severity, count + 1, due, rules)
    ordered = sorted(
        groups.items(),
        key=lambda item: (-item[1][0].rank, item[1][2] or date.max, -item[1][1]),
    )
    return [
        TopAction(
            severity,
            action,
            count,
            due_text(due, report.as_of, t),
            tuple(rule_label(r, t) for r in rules),
        )
        for action, (severity, count, due, rules) in ordered[:limit]
    ]


def period(report: AuditReport, t: ReportTexts) -> str:
    zone = report_zone(report)
    firsts = [c.first for c in report.chats if c.first is not None]
    lasts = [c.last for c in report.chats if c.last is not None]
    if not firsts or not lasts:
        return t("dash")
    return f"{t.date(min(firsts), zone)} – {t.date(max(lasts), zone)}"


def scope_facts(report: AuditReport, t: ReportTexts) -> list[tuple[str, str]]:
    """What was audited, against what: (label, value) rows."""
    summary = report.summary
    archives = t.number(summary.archives)
    if summary.unreadable_archives:
        archives = t(
            "figures.unreadable", archives=archives, count=t.number(summary.unreadable_archives)
        )
    rows = []
    if report.sign_off.practice:
        rows.append((t("summary.practice"), clean(report.sign_off.practice)))
    rows += [
        (t("summary.archives"), archives),
        (t("summary.chats"), t.number(summary.chats)),
        (t("summary.messages"), t.number(summary.messages)),
        (t("summary.period"), period(report, t)),
        (
            t("summary.policy"),
            t(
                "summary.policy_value",
                days=t.count("day", report.policy.retention_days),
                zone=clean(report.policy.timezone),
            ),
        ),
    ]
    return rows


def baseline_line(report: AuditReport, t: ReportTexts) -> tuple[str, str] | None:
    """(``Since the audit of 2 Nov 2026``, ``3 new, 5 unchanged, 2 resolved``), if compared."""
    baseline = report.baseline
    if baseline is None:
        return None
    return (
        t("summary.baseline", date=t.date(baseline.as_of)),
        t(
            "summary.baseline_counts",
            new=t.number(baseline.new),
            unchanged=t.number(baseline.unchanged),
            resolved=t.number(baseline.resolved),
        ),
    )


def sign_off_facts(report: AuditReport, t: ReportTexts) -> list[tuple[str, str]]:
    """Who audited what, when, with which tool, and the inputs' hashes."""
    sign_off = report.sign_off
    summary = report.summary
    rows = [
        (
            t("sign_off.audited_for"),
            clean(sign_off.practice or "") or t("sign_off.not_named"),
        ),
        (
            t("sign_off.audited_by"),
            clean(sign_off.data_protection_officer or "") or t("sign_off.not_named"),
        ),
        (t("sign_off.date"), t.date(report.as_of)),
        (
            t("sign_off.scope"),
            t(
                "sign_off.scope_value",
                archives=t.count("archive", summary.archives),
                chats=t.count("chat", summary.chats),
                messages=t.count("message", summary.messages),
                period=period(report, t),
            ),
        ),
        (t("sign_off.tool"), f"compliance {clean(report.tool_version)}"),
    ]
    return rows


def input_hashes(report: AuditReport) -> list[tuple[str, str]]:
    """(archive path, SHA-256 or "–") per input."""
    return [(clean(a.path), a.sha256 or "–") for a in report.archives]


SPREADSHEET_COLUMNS = (
    "id",
    "severity",
    "rule",
    "code",
    "category",
    "chat",
    "archive",
    "where",
    "timestamp",
    "from",
    "message",
    "excerpt",
    "count",
    "action",
    "due",
    "baseline",
)


def spreadsheet_header(report: AuditReport, t: ReportTexts) -> list[str]:
    labels = {
        "id": t("column.id"),
        "severity": t("column.severity"),
        "rule": t("column.rule"),
        "code": t("column.kind"),
        "category": t("column.category"),
        "chat": t("column.chat"),
        "archive": t("column.archive"),
        "where": t("column.where"),
        "timestamp": t("column.timestamp"),
        "from": t("column.from"),
        "message": t("column.message"),
        "excerpt": t("column.excerpt_shown" if report.values_shown else "column.excerpt"),
        "count": t("column.count"),
        "action": t("column.action"),
        "due": t("column.due"),
        "baseline": t("column.baseline"),
    }
    return [labels[c] for c in SPREADSHEET_COLUMNS]


def spreadsheet_row(
    finding: Finding, t: ReportTexts, zone: ZoneInfo | None
) -> list[str | int | date | datetime | None]:
    """One finding as spreadsheet cells (dates as dates, so they sort and filter)."""
    stamp = finding.timestamp
    if stamp is not None and stamp.tzinfo is not None:
        # spreadsheets have no time zones: the wall time in the policy's zone
        stamp = (stamp.astimezone(zone) if zone else stamp).replace(tzinfo=None)
    return [
        finding.id,
        severity_label(finding.severity, t),
        rule_label(finding.rule, t),
        finding.code,
        category_label(finding.category, t) if finding.category else None,
        chat_name(finding.chat, t),
        clean(finding.archive),
        place(finding.position) or None,
        stamp,
        role_label(finding.sender_role, t) or None,
        clean(finding.message),
        clean(finding.excerpt) if finding.excerpt else None,
        finding.count,
        finding.action,
        finding.due,
        t(f"baseline_status.{finding.baseline}") if finding.baseline else None,
    ]
