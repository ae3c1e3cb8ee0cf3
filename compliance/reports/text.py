"""The terminal report: summary first, findings by severity and chat, then retention per chat."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from compliance.audit.report import ArchiveStatus, AuditReport, Finding, Severity
from compliance.reports.presentation import (
    RULE_LABELS,
    FindingGroup,
    by_chat,
    chat_name,
    clean,
    day,
    group_findings,
    hours,
    number,
    outcome,
    place,
    plural,
    report_zone,
    severity_counts,
    severity_phrase,
    status_label,
    timestamp,
    values_warning,
)

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
    summary = report.summary
    archives = plural(summary.archives, "archive")
    if summary.unreadable_archives:
        archives += f" ({number(summary.unreadable_archives)} unreadable)"
    if summary.skipped_files:
        archives += f", {plural(summary.skipped_files, 'file')} skipped"
    if report.nothing_read:
        archives = f"no readable chat export found ({archives})"
    line = (
        f"{archives}, {plural(summary.messages, 'message')} in {plural(summary.chats, 'chat')}: "
        f"{severity_phrase(report)}; exit {int(report.exit_code)}"
    )
    if report.values_shown:
        line += " (values shown unmasked)"
    return line


def render_text(report: AuditReport, *, color: bool = False, compact: bool | None = None) -> str:
    """The report for a terminal; ``compact`` (default: above 200 findings) groups repeats."""
    out = _Writer(color)
    zone = report_zone(report)
    if compact is None:
        compact = len(report.findings) > COMPACT_ABOVE
    _header(out, report)
    _summary(out, report)
    _archives(out, report)
    _findings(out, report, zone, compact)
    _retention(out, report, zone)
    return "\n".join(out.lines).rstrip() + "\n"


def _header(out: _Writer, report: AuditReport) -> None:
    out.add(out.paint(f"Archive audit as of {report.as_of.isoformat()}", "1"))
    policy = report.policy
    out.add(
        f"compliance {report.tool_version} · report schema {report.schema_version} · "
        f"time zone {policy.timezone} · retention {plural(policy.retention_days, 'day')} · "
        f"fail on {report.fail_on.value}"
    )
    if report.values_shown:
        out.add(out.paint(f"WARNING: {values_warning()}", "1", "31"))


def _summary(out: _Writer, report: AuditReport) -> None:
    summary = report.summary
    out.heading("Summary")
    rows: list[tuple[str, str]] = []
    archives = plural(summary.archives, "archive")
    if summary.unreadable_archives:
        archives += f", {number(summary.unreadable_archives)} unreadable"
    if summary.skipped_files:
        archives += f", {plural(summary.skipped_files, 'file')} skipped (no chat export)"
    rows.append(
        (
            "Read",
            f"{archives}, {plural(summary.messages, 'message')}, "
            f"{plural(summary.chats, 'chat')}, {number(summary.skipped)} skipped",
        )
    )
    counts = severity_counts(report, zeros=True)
    rows.append(
        (
            "Findings",
            f"{number(summary.findings)}: "
            + ", ".join(
                out.paint(f"{number(n)} {s.value}", *_SEVERITY_STYLE[s]) if n else f"0 {s.value}"
                for s, n in counts
            ),
        )
    )
    if summary.by_rule:
        rows.append(("By rule", _tally(summary.by_rule, RULE_LABELS)))
    if summary.by_category:
        rows.append(("By category", _tally(summary.by_category, {})))
    rows.append(
        (
            "Overdue",
            f"{plural(summary.overdue_messages, 'message')} past "
            f"{plural(report.policy.retention_days, 'day')} of retention",
        )
    )
    times = summary.response_times
    if times is not None:
        rows.append(
            (
                "Responses",
                f"{number(times.answered)} answered: median {hours(times.median_hours)}, "
                f"90th percentile {hours(times.p90_hours)} (promised {hours(times.promised_hours)}"
                f"; {number(times.slower_than_promised)} slower)",
            )
        )
    rows.append(("Result", outcome(report)))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        out.add(f"  {label.ljust(width)}  {value}")


def _tally(counts: dict[str, int], labels: dict[str, str]) -> str:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{labels.get(key, clean(key))} {number(n)}" for key, n in ordered)


def _archives(out: _Writer, report: AuditReport) -> None:
    out.heading("Archives")
    if not report.archives:
        out.add("  none")
    for archive in report.archives:
        if archive.status is ArchiveStatus.UNREADABLE:
            status = out.paint("UNREADABLE", "1", "31")
            out.add(f"  {status}  {clean(archive.path)}: {clean(archive.error or '')}")
            continue
        if archive.status is ArchiveStatus.SKIPPED:
            status = out.paint("skipped", "33")
            out.add(f"  {status}  {clean(archive.path)}: {clean(archive.error or '')}")
            continue
        kind = (
            "/".join(clean(p) for p in (archive.format, archive.variant) if p) or "unknown format"
        )
        details = (
            f"{kind}, {plural(archive.messages, 'message')}, {plural(archive.chats, 'chat')}, "
            f"{number(archive.skipped)} skipped"
        )
        label = status_label(archive)
        out.add(f"  {out.paint(label, '32')}  {clean(archive.path)} ({details})")
        if archive.sha256:
            out.add(f"        sha256 {archive.sha256}")
        for warning in archive.warnings:
            out.add(f"        warning: {clean(warning)}")


def _findings(out: _Writer, report: AuditReport, zone: ZoneInfo | None, compact: bool) -> None:
    grouped = report.findings_by_severity()
    if not grouped:
        out.heading("Findings")
        out.add("  none")
        return
    for severity, findings in grouped.items():
        total = len(findings)
        style = _SEVERITY_STYLE[severity]
        out.heading(
            f"{severity.value.upper()} · {plural(total, 'finding')}",
            *(style if "1" in style else ("1", *style)),
        )
        for (archive, chat), chat_findings in by_chat(findings).items():
            out.add(f"  {out.paint(chat_name(chat), '1')}  ({clean(archive)})")
            if compact:
                for group in group_findings(chat_findings):
                    _group_lines(out, group, zone)
            else:
                for finding in chat_findings:
                    _finding_lines(out, finding, zone)


def _finding_lines(out: _Writer, finding: Finding, zone: ZoneInfo | None) -> None:
    facts = [
        place(finding.position),
        timestamp(finding.timestamp, zone) if finding.timestamp else "",
        finding.sender_role.value.replace("_", " ") if finding.sender_role else "",
    ]
    times = f" ×{number(finding.count)}" if finding.count > 1 else ""
    out.add(f"    {_code(out, finding)}{times}  " + " · ".join(f for f in facts if f))
    out.add(f"        {clean(finding.message)}")
    if finding.excerpt:
        out.add(f"        “{clean(finding.excerpt)}”")


def _group_lines(out: _Writer, group: FindingGroup, zone: ZoneInfo | None) -> None:
    if group.count == 1:
        _finding_lines(out, group.first, zone)
        return
    first, last = group.time_span()
    span = (
        timestamp(first, zone)
        if first == last
        else (f"{timestamp(first, zone)} … {timestamp(last, zone)}")
    )
    facts = [group.line_span(), span if first else ""]
    out.add(
        f"    {_code(out, group.first)} ×{number(group.count)}  "
        + " · ".join(f for f in facts if f)
    )
    out.add(f"        {clean(group.first.message)}")
    if group.first.excerpt:
        out.add(f"        e.g. “{clean(group.first.excerpt)}”")


def _code(out: _Writer, finding: Finding) -> str:
    return out.paint(clean(finding.code), *_SEVERITY_STYLE[finding.severity])


def _retention(out: _Writer, report: AuditReport, zone: ZoneInfo | None) -> None:
    out.heading(
        f"Retention per chat ({plural(report.policy.retention_days, 'day')}, "
        f"as of {report.as_of.isoformat()})"
    )
    if not report.chats:
        out.add("  no chats were read")
        return
    for chat in report.chats:
        span = f"{day(chat.first, zone)} – {day(chat.last, zone)}" if chat.first else "no dates"
        state = (
            out.paint(f"{plural(chat.overdue, 'message')} overdue", "31")
            + f" (oldest {day(chat.oldest_overdue, zone)}, should have been moved and deleted "
            f"by {day(chat.delete_by, zone)})"
            if chat.overdue
            else "nothing overdue"
        )
        out.add(
            f"  {chat_name(chat.chat)} ({clean(chat.archive)}): "
            f"{plural(chat.messages, 'message')}, {span}; {state}"
        )
