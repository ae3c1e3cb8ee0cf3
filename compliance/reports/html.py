"""The HTML report: one self-contained file that makes no request, reads well and prints well.

Everything that comes from a chat is escaped; styles are inline; the chart is inline SVG;
and a Content-Security-Policy forbids the browser to load anything, so even a mistake
in here could not make the report call out.
"""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from compliance.audit.report import ArchiveStatus, AuditReport, Finding, Severity
from compliance.reports.html_style import STYLESHEET
from compliance.reports.presentation import (
    ROLE_LABELS,
    RULE_LABELS,
    SEVERITY_LABELS,
    capped,
    chat_name,
    chat_tallies,
    clean,
    day,
    figure_facts,
    incomplete,
    more_line,
    number,
    outcome,
    place,
    plural,
    policy_facts,
    ranked,
    report_zone,
    retention_explanation,
    severity_counts,
    status_label,
    timestamp,
    values_warning,
)
from compliance.reports.timeline import timeline_chart

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)


def _e(text: str) -> str:
    """Escape text from anywhere (chat names, excerpts, paths) for HTML text and attributes."""
    return escape(clean(text), quote=True)


def _path(text: str) -> str:
    """An escaped path that may break after its slashes rather than inside a name."""
    return _e(text).replace("/", "/<wbr>")


def _date(text: str) -> str:
    return f'<span class="nowrap">{text}</span>'


def render_html(report: AuditReport) -> str:
    """The report as one HTML document."""
    zone = report_zone(report)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex, nofollow">',
        f'<meta name="generator" content="compliance {_e(report.tool_version)}">',
        f"<title>Archive audit as of {report.as_of.isoformat()}</title>",
        f"<style>{STYLESHEET}</style>",
        "</head>",
        "<body>",
        "<main>",
        _header(report),
        _summary(report),
        _archives(report),
        _policy(report),
        _chats(report, zone),
        _findings(report, zone),
        _by_chat(report),
        _footer(report),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _header(report: AuditReport) -> str:
    banners = []
    if report.values_shown:
        banners.append(
            f'<p class="banner danger" role="alert"><strong>Warning:</strong> '
            f"{_e(values_warning())}</p>"
        )
    unreadable = incomplete(report)
    if unreadable:
        banners.append(
            f'<p class="banner warning" role="alert"><strong>Incomplete:</strong> '
            f"{number(len(unreadable))} of {plural(report.summary.archives, 'archive')} could "
            'not be read; see <a href="#archives">Archives</a>.</p>'
        )
    return (
        "<header>"
        f'<h1>Archive audit <span class="as-of">as of {report.as_of.isoformat()}</span></h1>'
        f'<p class="meta">compliance {_e(report.tool_version)} · report schema '
        f"{_e(report.schema_version)} · time zone {_e(report.policy.timezone)} · "
        f"retention {plural(report.policy.retention_days, 'day')} · "
        f"values {'shown unmasked' if report.values_shown else 'masked'}</p>"
        + "".join(banners)
        + "</header>"
    )


def _summary(report: AuditReport) -> str:
    result_class = "fail" if int(report.exit_code) else "pass"
    cards = "".join(
        f'<div class="card sev-{s.value}"><span class="count">{number(n)}</span>'
        f'<span class="label">{SEVERITY_LABELS[s]}</span></div>'
        for s, n in severity_counts(report, zeros=True)
    )
    by_rule = _count_table(
        "Findings by rule",
        "Rule",
        [(RULE_LABELS.get(rule, rule), n) for rule, n in ranked(report.summary.by_rule)],
    )
    by_category = _count_table(
        "Findings by category", "Category", ranked(report.summary.by_category)
    )
    return (
        '<section id="summary"><h2>Summary</h2>'
        f'<p class="result {result_class}">{_e(outcome(report))}</p>'
        f'<div class="cards">{cards}</div>'
        '<div class="columns">'
        f"{_facts_table('Figures', figure_facts(report))}{by_rule}{by_category}"
        "</div>"
        f"{_timeline_svg(report)}"
        "</section>"
    )


def _count_table(caption: str, heading: str, rows: list[tuple[str, int]]) -> str:
    if not rows:
        return (
            f'<table class="counts"><caption>{caption}</caption>'
            "<tbody><tr><td>none</td></tr></tbody></table>"
        )
    body = "".join(
        f'<tr><td>{_e(label)}</td><td class="num">{number(n)}</td></tr>' for label, n in rows
    )
    return (
        f'<table class="counts"><caption>{caption}</caption>'
        f'<thead><tr><th scope="col">{heading}</th>'
        '<th scope="col" class="num">Findings</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _facts_table(caption: str, rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>' for label, value in rows
    )
    return f'<table class="facts"><caption>{caption}</caption><tbody>{body}</tbody></table>'


def _timeline_svg(report: AuditReport) -> str:
    chart = timeline_chart(report)
    if chart is None:
        return '<p class="muted">No dated messages, so no timeline.</p>'
    shapes = []
    for tick in chart.value_ticks:
        shapes.append(
            f'<line class="grid" x1="{chart.plot_left:.1f}" y1="{tick.position:.1f}" '
            f'x2="{chart.plot_right:.1f}" y2="{tick.position:.1f}"/>'
            f'<text class="tick" x="{chart.plot_left - 6:.1f}" y="{tick.position + 3.5:.1f}" '
            f'text-anchor="end">{tick.text}</text>'
        )
    for bar in chart.bars:
        tooltip = f"{bar.month}: {number(bar.messages)} messages, {number(bar.overdue)} overdue"
        shapes.append(
            f"<g><title>{tooltip}</title>"
            f'<rect class="messages" x="{bar.x:.1f}" y="{bar.messages_top:.1f}" '
            f'width="{bar.width:.1f}" height="{bar.bottom - bar.messages_top:.1f}"/>'
            f'<rect class="overdue" x="{bar.x:.1f}" y="{bar.overdue_top:.1f}" '
            f'width="{bar.width:.1f}" height="{bar.bottom - bar.overdue_top:.1f}"/></g>'
        )
    for label in chart.month_labels:
        shapes.append(
            f'<text class="tick" x="{label.position:.1f}" y="{chart.plot_bottom + 15:.1f}" '
            f'text-anchor="middle">{label.text}</text>'
        )
    legend_x = chart.plot_right - 230
    shapes.append(
        f'<rect class="messages" x="{legend_x:.1f}" y="6" width="10" height="10"/>'
        f'<text class="tick" x="{legend_x + 14:.1f}" y="15">messages</text>'
        f'<rect class="overdue" x="{legend_x + 90:.1f}" y="6" width="10" height="10"/>'
        f'<text class="tick" x="{legend_x + 104:.1f}" y="15">overdue (past retention)</text>'
    )
    return (
        '<figure class="timeline">'
        # no xmlns: the HTML parser puts <svg> in its namespace, and the file names no URL at all
        f'<svg viewBox="0 0 {chart.width:.0f} {chart.height:.0f}" '
        f'role="img" aria-label="{_e(chart.title)}">'
        + "".join(shapes)
        + f"</svg><figcaption>{_e(chart.title)}</figcaption></figure>"
    )


def _archives(report: AuditReport) -> str:
    rows = []
    for archive in report.archives:
        kind = " / ".join(_e(p) for p in (archive.format, archive.variant) if p) or "–"
        if archive.status is ArchiveStatus.UNREADABLE:
            status = f'<span class="badge sev-critical">unreadable</span> {_e(archive.error or "")}'
        elif archive.status is ArchiveStatus.SKIPPED:
            status = f'<span class="badge sev-low">skipped</span> {_e(archive.error or "")}'
        else:
            status = f'<span class="badge ok">{status_label(archive)}</span>'
            if archive.warnings:
                status += (
                    '<ul class="warnings">'
                    + "".join(f"<li>{_e(w)}</li>" for w in archive.warnings)
                    + "</ul>"
                )
        rows.append(
            f'<tr><td class="path">{_path(archive.path)}</td><td>{kind}</td>'
            f'<td class="num">{number(archive.messages)}</td>'
            f'<td class="num">{number(archive.chats)}</td>'
            f'<td class="num">{number(archive.skipped)}</td>'
            f'<td class="hash">{_e(archive.sha256) if archive.sha256 else "–"}</td>'
            f"<td>{status}</td></tr>"
        )
    return (
        '<section id="archives" class="page"><h2>Archives</h2>'
        '<table><thead><tr><th>File</th><th>Format</th><th class="num">Messages</th>'
        '<th class="num">Chats</th><th class="num">Skipped</th><th>SHA-256</th><th>Status</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _policy(report: AuditReport) -> str:
    return (
        '<section id="policy"><h2>Policy</h2>'
        f"{_facts_table('What the audit measured against', policy_facts(report))}</section>"
    )


def _chats(report: AuditReport, zone: ZoneInfo | None) -> str:
    rows = []
    for chat in report.chats:
        overdue = (
            f'<td class="num overdue-count">{number(chat.overdue)}</td>'
            f"<td>{_date(day(chat.oldest_overdue, zone))}</td>"
            f"<td>{_date(day(chat.delete_by, zone))}</td>"
            if chat.overdue
            else '<td class="num">0</td><td>–</td><td>–</td>'
        )
        rows.append(
            f'<tr><td>{_e(chat_name(chat.chat))}</td><td class="path">{_path(chat.archive)}</td>'
            f'<td class="num">{number(chat.messages)}</td>'
            f'<td class="num">{number(chat.authored)}</td>'
            f'<td class="num">{number(chat.participants)}</td>'
            f'<td class="num">{number(chat.media)}</td>'
            f"<td>{_date(day(chat.first, zone))} – {_date(day(chat.last, zone))}</td>{overdue}</tr>"
        )
    body = "".join(rows) or '<tr><td colspan="10">No chats were read.</td></tr>'
    return (
        '<section id="chats"><h2>Chats and retention</h2>'
        f"<p>{_e(retention_explanation(report))}</p>"
        '<table><thead><tr><th>Chat</th><th>Archive</th><th class="num">Messages</th>'
        '<th class="num">By you</th><th class="num">Participants</th><th class="num">Media</th>'
        '<th>First – last</th><th class="num">Overdue</th><th>Oldest overdue</th><th>Delete by</th>'
        f"</tr></thead><tbody>{body}</tbody></table></section>"
    )


def _findings(report: AuditReport, zone: ZoneInfo | None) -> str:
    grouped = report.findings_by_severity()
    if not grouped:
        return '<section id="findings" class="page"><h2>Findings</h2><p>No findings.</p></section>'
    sections = []
    for severity, findings in grouped.items():
        shown, left_out = capped(findings)
        rows = "".join(_finding_row(f, zone) for f in shown)
        more = f'<p class="more">{_e(more_line(left_out))}</p>' if left_out else ""
        sections.append(
            f'<section class="severity" id="severity-{severity.value}">'
            f'<h3><span class="badge sev-{severity.value}">{SEVERITY_LABELS[severity]}</span> '
            f"{plural(len(findings), 'finding')}</h3>"
            '<table class="findings">'
            '<colgroup><col class="kind"><col class="chat"><col class="where"><col class="when">'
            '<col class="from"><col class="what"></colgroup>'
            "<thead><tr><th>Kind</th><th>Chat</th><th>Where</th><th>When</th>"
            f"<th>From</th><th>What</th></tr></thead><tbody>{rows}</tbody></table>{more}</section>"
        )
    return (
        '<section id="findings" class="page"><h2>Findings by severity</h2>'
        + "".join(sections)
        + "</section>"
    )


def _finding_row(finding: Finding, zone: ZoneInfo | None) -> str:
    kind = f"<code>{_e(finding.code)}</code>"
    if finding.category and not finding.code.endswith(finding.category):
        kind += f' <span class="category">{_e(finding.category)}</span>'
    if finding.count > 1:
        kind += f' <span class="times">×{number(finding.count)}</span>'
    what = _e(finding.message)
    if finding.excerpt:
        what += f'<q class="excerpt">{_e(finding.excerpt)}</q>'
    role = ROLE_LABELS.get(finding.sender_role.value, "") if finding.sender_role else ""
    return (
        f'<tr class="sev-{finding.severity.value}"><td>{kind}</td>'
        f"<td>{_e(chat_name(finding.chat))}</td>"
        f'<td class="path">{_path(place(finding.position) or finding.archive)}</td>'
        f'<td class="when">{timestamp(finding.timestamp, zone) if finding.timestamp else "–"}</td>'
        f"<td>{_e(role) or '–'}</td><td>{what}</td></tr>"
    )


def _by_chat(report: AuditReport) -> str:
    tallies = chat_tallies(report)
    if not tallies:
        return ""
    head = "".join(f'<th class="num">{SEVERITY_LABELS[s]}</th>' for s in Severity)
    rows = []
    for tally in tallies:
        cells = "".join(
            f'<td class="num"><span class="badge sev-{s.value}">'
            f"{number(tally.by_severity[s])}</span></td>"
            if tally.by_severity[s]
            else '<td class="num zero">0</td>'
            for s in Severity
        )
        codes = ", ".join(f"<code>{_e(code)}</code> {number(n)}" for code, n in tally.top_codes)
        rows.append(
            f'<tr><td>{_e(chat_name(tally.chat))}</td><td class="path">{_path(tally.archive)}</td>'
            f"{cells}<td>{codes}</td></tr>"
        )
    return (
        '<section id="by-chat" class="page"><h2>Findings by chat</h2>'
        f"<table><thead><tr><th>Chat</th><th>Archive</th>{head}<th>Most frequent</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _footer(report: AuditReport) -> str:
    return (
        "<footer><p>Made offline by compliance "
        f"{_e(report.tool_version)} for the archive audit as of {report.as_of.isoformat()}. "
        "This report describes client communication: store it as carefully as the chats, "
        "and delete it when it is no longer needed.</p></footer>"
    )
