"""The terminal report: summary first, findings by severity and chat, then retention per chat."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from compliance.audit.report import ArchiveStatus, AuditReport, Finding, Severity
from compliance.reports.presentation import (
    FindingGroup,
    by_chat,
    chat_name,
    clean,
    due_text,
    group_findings,
    outcome,
    place,
    report_zone,
    role_label,
    rule_label,
    severity_counts,
    severity_label,
    severity_phrase,
    status_label,
    texts_of,
    values_warning,
)
from compliance.reports.summary import baseline_line, scope_facts, top_actions, verdict
from compliance.reports.texts import ReportTexts

# Above this many findings, repeated findings of one kind in one chat collapse into one line.
COMPACT_ABOVE = 200

# ANSI SGR codes written here rather than with click.style: the library never imports click.
_SEVERITY_STYLE = {
    Severity.CRITICAL: ("1", "31"),
    Severity.HIGH: ("31",),
    Severity.MEDIUM: ("33",),
    Severity.LOW: ("36",),
    Severity.INFO: ("2",),
}


class _Writer:
    def __init__(self, color: bool) -> None:
        self.color = color
        self.lines: list[str] = []

    def paint(self, text: str, *codes: str) -> str:
        if not self.color or not codes:
            return text
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"

    def add(self, line: str = "") -> None:
        self.lines.append(line)

    def heading(self, title: str, *codes: str) -> None:
        """A blank line, then ``title`` in bold or in the given style."""
        if self.lines and self.lines[-1]:
            self.add()
        self.add(self.paint(title, *(codes or ("1",))))


def summary_line(report: AuditReport) -> str:
    """The line for stderr: ``3 archives, 12,345 messages in 7 chats: 2 high findings; exit 1``."""
    t = texts_of(report)
    summary = report.summary
    archives = t.count("archive", summary.archives)
    if summary.unreadable_archives:
        archives = t(
            "summary_line.unreadable",
            archives=archives,
            count=t.number(summary.unreadable_archives),
        )
    if summary.skipped_files:
        archives = t(
            "summary_line.skipped_files",
            archives=archives,
            count=t.count("file", summary.skipped_files),
        )
    if report.nothing_read:
        archives = t("summary_line.nothing_read", archives=archives)
    line = t(
        "summary_line.line",
        archives=archives,
        messages=t.count("message", summary.messages),
        chats=t.count("chat", summary.chats),
        findings=severity_phrase(report, t),
        code=int(report.exit_code),
    )
    if report.baseline is not None:
        line += t(
            "summary_line.baseline",
            new=t.number(report.baseline.new),
            resolved=t.number(report.baseline.resolved),
            date=t.date(report.baseline.as_of),
        )
    if report.values_shown:
        line += t("summary_line.values_shown")
    return line


def render_text(report: AuditReport, *, color: bool = False, compact: bool | None = None) -> str:
    """The report for a terminal; ``compact`` (default: above 200 findings) groups repeats."""
    out = _Writer(color)
    t = texts_of(report)
    zone = report_zone(report)
    if compact is None:
        compact = len(report.findings) > COMPACT_ABOVE
    _header(out, report, t)
    _summary(out, report, t)
    _archives(out, report, t)
    _findings(out, report, t, zone, compact)
    _resolved(out, report, t)
    _retention(out, report, t, zone)
    return "\n".join(out.lines).rstrip() + "\n"


def _header(out: _Writer, report: AuditReport, t: ReportTexts) -> None:
    out.add(out.paint(f"{t('title')} · {t('as_of', date=t.date(report.as_of))}", "1"))
    out.add(
        f"{t('tool', version=report.tool_version)} · {t('schema', version=report.schema_version)}"
        f" · {clean(report.policy.timezone)}"
    )
    if report.values_shown:
        out.add(out.paint(f"{t('warning').upper()}: {values_warning(t)}", "1", "31"))


def _rows(out: _Writer, rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        out.add(f"  {label.ljust(width)}  {value}")


def _summary(out: _Writer, report: AuditReport, t: ReportTexts) -> None:
    summary = report.summary
    out.heading(t("summary.heading"))
    worst = next((s for s, n in severity_counts(report) if n), None)
    out.add("  " + out.paint(verdict(report, t), *(_SEVERITY_STYLE[worst] if worst else ("1",))))
    out.add("  " + outcome(report, t))
    counts = severity_counts(report, zeros=True)
    rows: list[tuple[str, str]] = [
        (
            t("text.findings"),
            f"{t.number(summary.findings)}: "
            + ", ".join(
                out.paint(f"{t.number(n)} {severity_label(s, t)}", *_SEVERITY_STYLE[s])
                if n
                else f"0 {severity_label(s, t)}"
                for s, n in counts
            ),
        )
    ]
    compared = baseline_line(report, t)
    if compared is not None:
        rows.append(compared)
    rows += scope_facts(report, t)
    if summary.by_rule:
        rows.append((t("text.by_rule"), _tally(summary.by_rule, lambda k: rule_label(k, t), t)))
    rows.append(
        (
            t("text.overdue"),
            t(
                "figures.overdue_value",
                messages=t.count("message", summary.overdue_messages),
                days=t.count("day", report.policy.retention_days),
            ),
        )
    )
    times = summary.response_times
    if times is not None:
        rows.append(
            (
                t("text.responses"),
                t(
                    "text.responses_value",
                    answered=t.number(times.answered),
                    median=t.duration(times.median_hours),
                    p90=t.duration(times.p90_hours),
                    promised=t.duration(times.promised_hours),
                    slower=t.number(times.slower_than_promised),
                ),
            )
        )
    _rows(out, rows)
    actions = top_actions(report, t)
    out.heading(t("summary.what_to_do"))
    if not actions:
        out.add(f"  {t('summary.no_actions')}")
    for index, action in enumerate(actions, start=1):
        label = out.paint(severity_label(action.severity, t), *_SEVERITY_STYLE[action.severity])
        out.add(
            f"  {index}. [{label}] "
            + t(
                "summary.action_count", findings=t.count("finding", action.findings), due=action.due
            )
        )
        out.add(f"     {action.action}")


def _tally(counts: dict[str, int], label: Callable[[str], str], t: ReportTexts) -> str:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{label(key)} {t.number(n)}" for key, n in ordered)


def _archives(out: _Writer, report: AuditReport, t: ReportTexts) -> None:
    out.heading(t("heading.archives"))
    if not report.archives:
        out.add(f"  {t('none')}")
    for archive in report.archives:
        if archive.status is ArchiveStatus.UNREADABLE:
            status = out.paint(status_label(archive, t).upper(), "1", "31")
            out.add(f"  {status}  {clean(archive.path)}: {clean(archive.error or '')}")
            continue
        if archive.status is ArchiveStatus.SKIPPED:
            status = out.paint(status_label(archive, t), "33")
            out.add(f"  {status}  {clean(archive.path)}: {clean(archive.error or '')}")
            continue
        kind = "/".join(clean(p) for p in (archive.format, archive.variant) if p) or t(
            "text.unknown_format"
        )
        details = t(
            "text.archive_details",
            kind=kind,
            messages=t.count("message", archive.messages),
            chats=t.count("chat", archive.chats),
            skipped=t.number(archive.skipped),
        )
        label = status_label(archive, t)
        out.add(f"  {out.paint(label, '32')}  {clean(archive.path)} ({details})")
        if archive.sha256:
            out.add(f"        sha256 {archive.sha256}")
        for warning in archive.warnings:
            out.add(f"        {t('archive_status.warning')}: {clean(warning)}")


def _findings(
    out: _Writer, report: AuditReport, t: ReportTexts, zone: ZoneInfo | None, compact: bool
) -> None:
    grouped = report.findings_by_severity()
    if not grouped:
        out.heading(t("column.findings"))
        out.add(f"  {t('none')}")
        return
    for severity, findings in grouped.items():
        total = len(findings)
        style = _SEVERITY_STYLE[severity]
        out.heading(
            f"{severity_label(severity, t).upper()} · {t.count('finding', total)}",
            *(style if "1" in style else ("1", *style)),
        )
        for (archive, chat), chat_findings in by_chat(findings).items():
            out.add(f"  {out.paint(chat_name(chat, t), '1')}  ({clean(archive)})")
            told: set[str] = set()
            if compact:
                for group in group_findings(chat_findings):
                    _group_lines(out, report, t, group, zone, told)
            else:
                for finding in chat_findings:
                    _finding_lines(out, report, t, finding, zone, told)


def _finding_lines(
    out: _Writer,
    report: AuditReport,
    t: ReportTexts,
    finding: Finding,
    zone: ZoneInfo | None,
    told: set[str],
) -> None:
    facts = [
        place(finding.position),
        t.moment(finding.timestamp, zone) if finding.timestamp else "",
        role_label(finding.sender_role, t),
        t(f"baseline_status.{finding.baseline}") if finding.baseline else "",
    ]
    times = f" ×{t.number(finding.count)}" if finding.count > 1 else ""
    out.add(f"    {_code(out, finding)}{times}  " + " · ".join(f for f in facts if f))
    out.add(f"        {clean(finding.message)}")
    if finding.excerpt:
        out.add(f"        “{clean(finding.excerpt)}”")
    _action_lines(out, report, t, finding, told)


def _action_lines(
    out: _Writer, report: AuditReport, t: ReportTexts, finding: Finding, told: set[str]
) -> None:
    due = due_text(finding.due, report.as_of, t)
    if finding.action and finding.action not in told:
        # the action once per chat; later findings of the same kind give only their due date
        told.add(finding.action)
        out.add(f"        → {t('text.todo')}: {finding.action}")
    if finding.due is not None:
        out.add(f"        → {t('text.due')}: {due}")


def _group_lines(
    out: _Writer,
    report: AuditReport,
    t: ReportTexts,
    group: FindingGroup,
    zone: ZoneInfo | None,
    told: set[str],
) -> None:
    if group.count == 1:
        _finding_lines(out, report, t, group.first, zone, told)
        return
    first, last = group.time_span()
    span = (
        t.moment(first, zone)
        if first == last
        else (f"{t.moment(first, zone)} … {t.moment(last, zone)}")
    )
    facts = [group.line_span(t), span if first else ""]
    out.add(
        f"    {_code(out, group.first)} ×{t.number(group.count)}  "
        + " · ".join(f for f in facts if f)
    )
    out.add(f"        {clean(group.first.message)}")
    if group.first.excerpt:
        out.add(f"        {t('text.example')} “{clean(group.first.excerpt)}”")
    dues = [f.due for f in group.findings if f.due is not None]
    earliest = group.first
    if dues:
        earliest = next(f for f in group.findings if f.due == min(dues))
    _action_lines(out, report, t, earliest, told)


def _code(out: _Writer, finding: Finding) -> str:
    return out.paint(clean(finding.code), *_SEVERITY_STYLE[finding.severity])


def _resolved(out: _Writer, report: AuditReport, t: ReportTexts) -> None:
    baseline = report.baseline
    if baseline is None:
        return
    out.heading(t("heading.resolved"))
    if not baseline.resolved_findings:
        out.add(f"  {t('resolved.none')}")
        return
    out.add(f"  {t('resolved.explanation', path=clean(baseline.path))}")
    for item in baseline.resolved_findings:
        out.add(
            f"  ✓ {clean(item.code)}  {chat_name(item.chat, t)}"
            + (f" · {clean(item.message)}" if item.message else "")
        )


def _retention(out: _Writer, report: AuditReport, t: ReportTexts, zone: ZoneInfo | None) -> None:
    out.heading(
        t(
            "text.retention_heading",
            days=t.count("day", report.policy.retention_days),
            date=t.date(report.as_of),
        )
    )
    if not report.chats:
        out.add(f"  {t('text.no_chats')}")
        return
    for chat in report.chats:
        span = (
            f"{t.date(chat.first, zone)} – {t.date(chat.last, zone)}"
            if chat.first
            else t("chats.no_dates")
        )
        state = (
            out.paint(
                t(
                    "text.retention_state",
                    messages=t.count("message", chat.overdue),
                    oldest=t.date(chat.oldest_overdue, zone),
                    deadline=t.date(chat.delete_by, zone),
                ),
                "31",
            )
            if chat.overdue
            else t("chats.nothing_overdue")
        )
        out.add(
            f"  {chat_name(chat.chat, t)} ({clean(chat.archive)}): "
            f"{t.count('message', chat.messages)}, {span}; {state}"
        )
