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
    capped,
    category_label,
    chat_name,
    chat_tallies,
    clean,
    due_text,
    figure_facts,
    incomplete,
    more_line,
    outcome,
    policy_facts,
    ranked,
    report_zone,
    retention_explanation,
    role_label,
    rule_label,
    severity_counts,
    severity_label,
    short_place,
    shorten_middle,
    status_label,
    texts_of,
    values_warning,
)
from compliance.reports.summary import (
    TopAction,
    baseline_line,
    input_hashes,
    scope_facts,
    sign_off_facts,
    top_actions,
    verdict,
)
from compliance.reports.texts import ReportTexts
from compliance.reports.timeline import timeline_chart

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)


def _e(text: str) -> str:
    """Escape text from anywhere (chat names, excerpts, paths) for HTML text and attributes."""
    return escape(clean(text), quote=True)


def _breakable(text: str) -> str:
    """Escaped text that may break after ``/``, ``.`` and ``_`` rather than inside a word."""
    escaped = _e(text)
    for mark in ("/", ".", "_"):
        escaped = escaped.replace(mark, f"{mark}<wbr>")
    return escaped


def _path(text: str, limit: int = 48) -> str:
    """A path shortened in the middle, the whole path in a tooltip; breaks after separators."""
    short = shorten_middle(clean(text), limit)
    if short == clean(text):
        return _breakable(text)
    return f'<span title="{_e(text)}">{_breakable(short)}</span>'


def _date(text: str) -> str:
    return f'<span class="nowrap">{text}</span>'


def render_html(report: AuditReport) -> str:
    """The report as one HTML document."""
    t = texts_of(report)
    zone = report_zone(report)
    title = f"{t('title')} · {t('as_of', date=t.date(report.as_of))}"
    actions = top_actions(report, t, limit=99)
    numbers = {action.action: index for index, action in enumerate(actions, start=1)}
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{t.language}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex, nofollow">',
        f'<meta name="generator" content="compliance {_e(report.tool_version)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{STYLESHEET}</style>",
        "</head>",
        "<body>",
        "<main>",
        _header(report, t, title),
        _summary(report, t, actions),
        _figures(report, t),
        _archives(report, t),
        _policy(report, t),
        _chats(report, t, zone),
        _findings(report, t, zone, numbers),
        _resolved(report, t),
        _by_chat(report, t),
        _sign_off(report, t),
        _footer(report, t),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _header(report: AuditReport, t: ReportTexts, title: str) -> str:
    banners = []
    if report.values_shown:
        banners.append(
            f'<p class="banner danger" role="alert"><strong>{_e(t("warning"))}:</strong> '
            f"{_e(values_warning(t))}</p>"
        )
    unreadable = incomplete(report)
    if unreadable:
        text = t(
            "incomplete",
            unreadable=t.number(len(unreadable)),
            archives=t.count("archive", len(report.archives)),
        )
        banners.append(
            f'<p class="banner warning" role="alert"><strong>{_e(t("incomplete_label"))}:</strong> '
            f'<a href="#archives">{_e(text)}</a></p>'
        )
    values = t("values_shown") if report.values_shown else t("values_masked")
    return (
        "<header>"
        f"<h1>{_e(t('title'))} "
        f'<span class="as-of">{_e(t("as_of", date=t.date(report.as_of)))}</span></h1>'
        f'<p class="meta">{_e(t("tool", version=report.tool_version))} · '
        f"{_e(t('schema', version=report.schema_version))} · {_e(report.policy.timezone)} · "
        f"{_e(values)}</p>" + "".join(banners) + "</header>"
    )


def _summary(report: AuditReport, t: ReportTexts, actions: list[TopAction]) -> str:
    result_class = "fail" if int(report.exit_code) else "pass"
    worst = next((s for s, n in severity_counts(report) if n), None)
    cards = "".join(
        f'<div class="card sev-{s.value}"><span class="count">{t.number(n)}</span>'
        f'<span class="label">{_e(severity_label(s, t))}</span></div>'
        for s, n in severity_counts(report, zeros=True)
    )
    compared = baseline_line(report, t)
    baseline = (
        f'<p class="baseline"><strong>{_e(compared[0])}:</strong> {_e(compared[1])}</p>'
        if compared
        else ""
    )
    items = "".join(
        f'<li><span class="badge sev-{a.severity.value}">{_e(severity_label(a.severity, t))}</span>'
        f' <span class="due">{_e(a.due)}</span> · '
        f'<span class="muted">{_e(t.count("finding", a.findings))} · '
        f"{_e(', '.join(a.rules))}</span>"
        f"<p>{_e(a.action)}</p></li>"
        for a in actions
    )
    todo = f'<ol class="actions">{items}</ol>' if items else f"<p>{_e(t('summary.no_actions'))}</p>"
    return (
        '<section id="summary"><h2>' + _e(t("summary.heading")) + "</h2>"
        f'<p class="verdict sev-{worst.value if worst else "none"}">{_e(verdict(report, t))}</p>'
        f'<p class="result {result_class}">{_e(outcome(report, t))}</p>'
        f'<div class="cards">{cards}</div>{baseline}'
        f'<div class="summary-columns"><div><h3>{_e(t("summary.what_to_do"))}</h3>{todo}</div>'
        f"<div>{_facts_table(t('summary.scope'), scope_facts(report, t))}</div></div>"
        "</section>"
    )


def _figures(report: AuditReport, t: ReportTexts) -> str:
    by_rule = _count_table(
        t,
        t("heading.by_rule"),
        t("column.rule"),
        [(rule_label(rule, t), n) for rule, n in ranked(report.summary.by_rule)],
    )
    by_category = _count_table(
        t,
        t("heading.by_category"),
        t("column.category"),
        [(category_label(c, t), n) for c, n in ranked(report.summary.by_category)],
    )
    return (
        f'<section id="figures" class="page"><h2>{_e(t("heading.figures"))}</h2>'
        '<div class="columns">'
        f"{_facts_table(t('heading.figures'), figure_facts(report, t))}{by_rule}{by_category}"
        "</div>"
        f"{_timeline_svg(report, t)}"
        "</section>"
    )


def _count_table(t: ReportTexts, caption: str, heading: str, rows: list[tuple[str, int]]) -> str:
    if not rows:
        return (
            f'<table class="counts"><caption>{_e(caption)}</caption>'
            f"<tbody><tr><td>{_e(t('none'))}</td></tr></tbody></table>"
        )
    body = "".join(
        f'<tr><td>{_e(label)}</td><td class="num">{t.number(n)}</td></tr>' for label, n in rows
    )
    return (
        f'<table class="counts"><caption>{_e(caption)}</caption>'
        f'<thead><tr><th scope="col">{_e(heading)}</th>'
        f'<th scope="col" class="num">{_e(t("column.findings"))}</th></tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _facts_table(caption: str, rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>' for label, value in rows
    )
    return f'<table class="facts"><caption>{_e(caption)}</caption><tbody>{body}</tbody></table>'


def _timeline_svg(report: AuditReport, t: ReportTexts) -> str:
    chart = timeline_chart(report)
    if chart is None:
        return f'<p class="muted">{_e(t("timeline.none"))}</p>'
    shapes = []
    for tick in chart.value_ticks:
        shapes.append(
            f'<line class="grid" x1="{chart.plot_left:.1f}" y1="{tick.position:.1f}" '
            f'x2="{chart.plot_right:.1f}" y2="{tick.position:.1f}"/>'
            f'<text class="tick" x="{chart.plot_left - 6:.1f}" y="{tick.position + 3.5:.1f}" '
            f'text-anchor="end">{tick.text}</text>'
        )
    for bar in chart.bars:
        tooltip = t(
            "timeline.tooltip",
            month=bar.month,
            messages=t.count("message", bar.messages),
            overdue=t.number(bar.overdue),
        )
        shapes.append(
            f"<g><title>{_e(tooltip)}</title>"
            f'<rect class="messages" x="{bar.x:.1f}" y="{bar.messages_top:.1f}" '
            f'width="{bar.width:.1f}" height="{bar.bottom - bar.messages_top:.1f}"/>'
            f'<rect class="overdue" x="{bar.x:.1f}" y="{bar.overdue_top:.1f}" '
            f'width="{bar.width:.1f}" height="{bar.bottom - bar.overdue_top:.1f}"/></g>'
        )
    for label in chart.month_labels:
        shapes.append(
            f'<text class="tick" x="{label.position:.1f}" y="{chart.plot_bottom + 15:.1f}" '
            f'text-anchor="middle">{_e(label.text)}</text>'
        )
    legend_x = chart.plot_right - 260
    shapes.append(
        f'<rect class="messages" x="{legend_x:.1f}" y="6" width="10" height="10"/>'
        f'<text class="tick" x="{legend_x + 14:.1f}" y="15">{_e(t("timeline.messages"))}</text>'
        f'<rect class="overdue" x="{legend_x + 100:.1f}" y="6" width="10" height="10"/>'
        f'<text class="tick" x="{legend_x + 114:.1f}" y="15">{_e(t("timeline.overdue"))}</text>'
    )
    return (
        '<figure class="timeline">'
        # no xmlns: the HTML parser puts <svg> in its namespace, and the file names no URL at all
        f'<svg viewBox="0 0 {chart.width:.0f} {chart.height:.0f}" '
        f'role="img" aria-label="{_e(chart.title)}">'
        + "".join(shapes)
        + f"</svg><figcaption>{_e(chart.title)}</figcaption></figure>"
    )


def _archives(report: AuditReport, t: ReportTexts) -> str:
    rows = []
    for archive in report.archives:
        kind = " / ".join(_e(p) for p in (archive.format, archive.variant) if p) or "–"
        if archive.status in (ArchiveStatus.UNREADABLE, ArchiveStatus.SKIPPED):
            badge = "sev-critical" if archive.status is ArchiveStatus.UNREADABLE else "sev-low"
            status = (
                f'<span class="badge {badge}">{_e(status_label(archive, t))}</span> '
                f"{_e(archive.error or '')}"
            )
        else:
            status = f'<span class="badge ok">{_e(status_label(archive, t))}</span>'
            if archive.warnings:
                status += (
                    '<ul class="warnings">'
                    + "".join(f"<li>{_e(w)}</li>" for w in archive.warnings)
                    + "</ul>"
                )
        rows.append(
            f'<tr><td class="path">{_path(archive.path, 200)}</td><td>{kind}</td>'
            f'<td class="num">{t.number(archive.messages)}</td>'
            f'<td class="num">{t.number(archive.chats)}</td>'
            f'<td class="num">{t.number(archive.skipped)}</td>'
            f'<td class="hash">{_e(archive.sha256) if archive.sha256 else "–"}</td>'
            f"<td>{status}</td></tr>"
        )
    head = "".join(
        f"<th{cls}>{_e(t('column.' + key))}</th>"
        for key, cls in (
            ("file", ""),
            ("format", ""),
            ("messages", ' class="num"'),
            ("chats", ' class="num"'),
            ("skipped", ' class="num"'),
            ("sha256", ""),
            ("status", ""),
        )
    )
    return (
        f'<section id="archives"><h2>{_e(t("heading.archives"))}</h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _policy(report: AuditReport, t: ReportTexts) -> str:
    return (
        f'<section id="policy"><h2>{_e(t("heading.policy"))}</h2>'
        f"{_facts_table(t('heading.policy_caption'), policy_facts(report, t))}</section>"
    )


def _chats(report: AuditReport, t: ReportTexts, zone: ZoneInfo | None) -> str:
    rows = []
    for chat in report.chats:
        overdue = (
            f'<td class="num overdue-count">{t.number(chat.overdue)}</td>'
            f"<td>{_date(t.date(chat.oldest_overdue, zone))}</td>"
            f"<td>{_date(t.date(chat.delete_by, zone))}</td>"
            if chat.overdue
            else '<td class="num">0</td><td>–</td><td>–</td>'
        )
        rows.append(
            f"<tr><td>{_e(chat_name(chat.chat, t))}</td>"
            f'<td class="path">{_path(chat.archive)}</td>'
            f'<td class="num">{t.number(chat.messages)}</td>'
            f'<td class="num">{t.number(chat.authored)}</td>'
            f'<td class="num">{t.number(chat.participants)}</td>'
            f'<td class="num">{t.number(chat.media)}</td>'
            f"<td>{_date(t.date(chat.first, zone))} – {_date(t.date(chat.last, zone))}</td>"
            f"{overdue}</tr>"
        )
    body = "".join(rows) or f'<tr><td colspan="10">{_e(t("chats.none"))}</td></tr>'
    head = "".join(
        f"<th{' class=' + chr(34) + 'num' + chr(34) if key in _NUMERIC else ''}>"
        f"{_e(t('column.' + key))}</th>"
        for key in (
            "chat",
            "archive",
            "messages",
            "by_you",
            "participants",
            "media",
            "first_last",
            "overdue",
            "oldest_overdue",
            "delete_by",
        )
    )
    return (
        f'<section id="chats"><h2>{_e(t("heading.chats"))}</h2>'
        f"<p>{_e(retention_explanation(report, t))}</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>"
    )


_NUMERIC = {"messages", "by_you", "participants", "media", "overdue"}


def _findings(
    report: AuditReport, t: ReportTexts, zone: ZoneInfo | None, numbers: dict[str, int]
) -> str:
    grouped = report.findings_by_severity()
    heading = f"<h2>{_e(t('heading.findings'))}</h2>"
    if not grouped:
        none = f"<p>{_e(t('findings.none'))}</p>"
        return f'<section id="findings" class="page">{heading}{none}</section>'
    sections = []
    head = "".join(
        f"<th>{_e(t('column.' + key))}</th>" for key in ("kind", "chat", "where", "what", "action")
    )
    for severity, findings in grouped.items():
        shown, left_out = capped(findings)
        rows = "".join(_finding_row(report, t, f, zone, numbers) for f in shown)
        more = f'<p class="more">{_e(more_line(left_out, t))}</p>' if left_out else ""
        sections.append(
            f'<section class="severity" id="severity-{severity.value}">'
            f'<h3><span class="badge sev-{severity.value}">'
            f"{_e(severity_label(severity, t))}</span> "
            f"{_e(t.count('finding', len(findings)))}</h3>"
            '<table class="findings">'
            '<colgroup><col class="kind"><col class="chat"><col class="where">'
            '<col class="what"><col class="todo"></colgroup>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}</section>"
        )
    return f'<section id="findings" class="page">{heading}' + "".join(sections) + "</section>"


def _finding_row(
    report: AuditReport,
    t: ReportTexts,
    finding: Finding,
    zone: ZoneInfo | None,
    numbers: dict[str, int],
) -> str:
    kind = f"<code>{_breakable(finding.code)}</code>"
    if finding.count > 1:
        kind += f' <span class="times">×{t.number(finding.count)}</span>'
    if finding.baseline:
        kind += (
            f' <span class="status {finding.baseline}">'
            f"{_e(t('baseline_status.' + finding.baseline))}</span>"
        )
    what = _e(finding.message)
    if finding.excerpt:
        what += f'<q class="excerpt">{_e(finding.excerpt)}</q>'
    where = [
        _path(finding.archive, 36),
        _breakable(short_place(finding, t)),
        _date(_e(t.moment(finding.timestamp, zone))) if finding.timestamp else "",
        _e(role_label(finding.sender_role, t)),
    ]
    todo = ""
    if finding.action:
        number = numbers.get(finding.action)
        # The summary lists every action in full; a row names its number (the text in a
        # tooltip), and a critical finding carries its whole text where it is read.
        reference = (
            f'<a href="#summary" title="{_e(finding.action)}">'
            f"{_e(t('where.action_ref', n=number))}</a>"
            if number
            else ""
        )
        full = (
            f"<p>{_e(finding.action)}</p>"
            if finding.severity is Severity.CRITICAL or not number
            else ""
        )
        todo = reference + full
    due = due_text(finding.due, report.as_of, t)
    return (
        f'<tr class="sev-{finding.severity.value}"><td>{kind}</td>'
        f"<td>{_e(chat_name(finding.chat, t))}</td>"
        f'<td class="where">{"<br>".join(w for w in where if w)}</td>'
        f"<td>{what}</td>"
        f'<td class="todo">{todo}<br><strong class="due">{_e(due)}</strong></td></tr>'
    )


def _resolved(report: AuditReport, t: ReportTexts) -> str:
    baseline = report.baseline
    if baseline is None:
        return ""
    if not baseline.resolved_findings:
        body = f"<p>{_e(t('resolved.none'))}</p>"
    else:
        rows = "".join(
            f"<tr><td><code>{_breakable(item.code)}</code></td>"
            f"<td>{_e(chat_name(item.chat, t))}</td>"
            f"<td>{_e(item.message or '')}</td></tr>"
            for item in baseline.resolved_findings[:500]
        )
        head = "".join(f"<th>{_e(t('column.' + k))}</th>" for k in ("kind", "chat", "what"))
        body = (
            f"<p>{_e(t('resolved.explanation', path=shorten_middle(clean(baseline.path), 60)))}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        )
    return f'<section id="resolved"><h2>{_e(t("heading.resolved"))}</h2>{body}</section>'


def _by_chat(report: AuditReport, t: ReportTexts) -> str:
    tallies = chat_tallies(report)
    if not tallies:
        return ""
    head = "".join(f'<th class="num">{_e(severity_label(s, t))}</th>' for s in Severity)
    rows = []
    for tally in tallies:
        cells = "".join(
            f'<td class="num"><span class="badge sev-{s.value}">'
            f"{t.number(tally.by_severity[s])}</span></td>"
            if tally.by_severity[s]
            else '<td class="num zero">0</td>'
            for s in Severity
        )
        codes = ", ".join(
            f"<code>{_breakable(code)}</code> {t.number(n)}" for code, n in tally.top_codes
        )
        rows.append(
            f"<tr><td>{_e(chat_name(tally.chat, t))}</td>"
            f'<td class="path">{_path(tally.archive)}</td>{cells}<td>{codes}</td></tr>'
        )
    return (
        f'<section id="by-chat"><h2>{_e(t("heading.by_chat"))}</h2>'
        f"<table><thead><tr><th>{_e(t('column.chat'))}</th><th>{_e(t('column.archive'))}</th>"
        f"{head}<th>{_e(t('column.most_frequent'))}</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _sign_off(report: AuditReport, t: ReportTexts) -> str:
    hashes = "".join(
        f'<tr><td class="path">{_path(path, 200)}</td><td class="hash">{_e(sha)}</td></tr>'
        for path, sha in input_hashes(report)
    )
    lines = "".join(
        f'<div class="signature"><div class="line"></div><p>{_e(t(key))}</p></div>'
        for key in ("sign_off.dpo_line", "sign_off.practitioner_line")
    )
    return (
        f'<section id="sign-off" class="page"><h2>{_e(t("heading.sign_off"))}</h2>'
        f"<p>{_e(t('sign_off.intro'))}</p>"
        f"{_facts_table(t('heading.sign_off'), sign_off_facts(report, t))}"
        f'<table class="hashes"><caption>{_e(t("sign_off.inputs"))}</caption>'
        f"<tbody>{hashes}</tbody></table>"
        f'<div class="signatures">{lines}</div></section>'
    )


def _footer(report: AuditReport, t: ReportTexts) -> str:
    return (
        "<footer><p>"
        + _e(t("footer", version=report.tool_version, date=t.date(report.as_of)))
        + "</p></footer>"
    )
