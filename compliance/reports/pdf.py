"""The PDF report for the data-protection officer's file: A4, Noto Sans, "page x of y".

Page layout, fonts, styles and the footer come from :mod:`compliance.render.pdf`, so an
audit report looks like the practice's other documents; the report's own tables and chart
are built in :mod:`compliance.reports.pdf_layout`. Invariant mode makes the same
report give the same bytes.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus import TableStyle as ReportlabTableStyle

from compliance.audit.report import ArchiveStatus, AuditReport, Finding, Severity
from compliance.render.pdf import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NOTICE_BACKGROUND,
    NOTICE_BORDER,
    TEXT_WIDTH,
    footer_canvas,
)
from compliance.reports.pdf_layout import (
    Styles,
    facts_table,
    grid,
    grouped_hash,
    header_row,
    markup_text,
    notice_box,
    report_styles,
    section_heading,
    severity_background,
    severity_ink,
    timeline_drawing,
)
from compliance.reports.presentation import (
    ROLE_LABELS,
    RULE_LABELS,
    SEVERITY_COLOURS,
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


def render_pdf_report(report: AuditReport) -> bytes:
    """The report as PDF bytes."""
    styles = report_styles()
    buffer = io.BytesIO()
    title = f"Archive audit as of {report.as_of.isoformat()}"
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        subject="compliance audit report",
        creator=f"compliance {report.tool_version}",
        producer=f"compliance {report.tool_version}",
        lang="en",
        invariant=1,
    )
    story: list[Flowable] = [
        Paragraph(markup_text(title), styles["title"]),
        Paragraph(
            markup_text(
                f"compliance {report.tool_version} · report schema {report.schema_version} · "
                f"time zone {report.policy.timezone} · "
                f"values {'shown unmasked' if report.values_shown else 'masked'}"
            ),
            styles["subtitle"],
        ),
    ]
    story += _notices(report, styles)
    story += _summary(report, styles)
    story += _archives(report, styles)
    story += _policy(report, styles)
    story += _chats(report, styles)
    story += _findings(report, styles)
    story += _by_chat(report, styles)
    footer = (
        f"Archive audit as of {report.as_of.isoformat()} · compliance {report.tool_version}"
        " · page {page} of {pages}"
    )
    template.build(story, canvasmaker=footer_canvas(footer))
    return buffer.getvalue()


def _notices(report: AuditReport, styles: Styles) -> list[Flowable]:
    notices: list[Flowable] = []
    if report.values_shown:
        notices += [
            notice_box(
                Paragraph(f"<b>Warning:</b> {markup_text(values_warning())}", styles["notice"]),
                severity_background(Severity.CRITICAL),
                severity_ink(Severity.CRITICAL),
            ),
            Spacer(1, 5),
        ]
    unreadable = incomplete(report)
    if unreadable:
        notices += [
            notice_box(
                Paragraph(
                    f"<b>Incomplete:</b> {number(len(unreadable))} of "
                    f"{plural(report.summary.archives, 'archive')} could not be read "
                    "(see Archives).",
                    styles["notice"],
                ),
                NOTICE_BACKGROUND,
                NOTICE_BORDER,
            ),
            Spacer(1, 5),
        ]
    return notices


def _summary(report: AuditReport, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("Summary", styles["section"])]
    failed = int(report.exit_code) != 0
    story.append(
        Paragraph(
            f'<font color="{SEVERITY_COLOURS[Severity.CRITICAL][0] if failed else "#15803d"}">'
            f"<b>{markup_text(outcome(report))}</b></font>",
            styles["body"],
        )
    )
    counts = severity_counts(report, zeros=True)
    cards = Table(
        [
            [Paragraph(number(n), styles["count"]) for _, n in counts],
            [Paragraph(SEVERITY_LABELS[s].upper(), styles["cell_label"]) for s, _ in counts],
        ],
        colWidths=[TEXT_WIDTH / len(counts)] * len(counts),
    )
    card_style: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    for column, (severity, _) in enumerate(counts):
        card_style += [
            ("BACKGROUND", (column, 0), (column, -1), severity_background(severity)),
            ("LINEABOVE", (column, 0), (column, 0), 3, severity_ink(severity)),
            ("TEXTCOLOR", (column, 0), (column, -1), severity_ink(severity)),
            ("LINEAFTER", (column, 0), (column, -1), 4, colors.white),
        ]
    cards.setStyle(ReportlabTableStyle(card_style))
    story += [cards, Spacer(1, 8)]
    chart = timeline_drawing(report)
    if chart is not None:
        story += [chart, Spacer(1, 6)]
    story += [facts_table(figure_facts(report), styles), Spacer(1, 8)]

    def counts_table(heading: str, rows: list[tuple[str, int]]) -> Table:
        cells: list[list[Flowable | str]] = [
            [Paragraph(heading, styles["head"]), Paragraph("Findings", styles["head"])]
        ]
        cells += [
            [
                Paragraph(markup_text(label), styles["cell"]),
                Paragraph(number(n), styles["cell_number"]),
            ]
            for label, n in rows
        ] or [[Paragraph("none", styles["cell"]), ""]]
        half = (TEXT_WIDTH - 12) / 2
        return grid(cells, [half * 0.7, half * 0.3])

    by_rule = counts_table(
        "Rule", [(RULE_LABELS.get(rule, rule), n) for rule, n in ranked(report.summary.by_rule)]
    )
    by_category = counts_table("Category", ranked(report.summary.by_category))
    side_by_side = Table(
        [[by_rule, "", by_category]], colWidths=[(TEXT_WIDTH - 12) / 2, 12, (TEXT_WIDTH - 12) / 2]
    )
    side_by_side.setStyle(
        ReportlabTableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [side_by_side, Spacer(1, 8)]
    return story


def _archives(report: AuditReport, styles: Styles) -> list[Flowable]:
    header = ["File", "Format", "Messages", "Chats", "Skipped", "Status"]
    rows: list[list[Flowable | str]] = [header_row(header, styles)]
    for archive in report.archives:
        file_cell = markup_text(archive.path)
        if archive.sha256:
            file_cell += (
                f'<br/><font size="6.8" color="#59636e">SHA-256 {grouped_hash(archive.sha256)}'
                "</font>"
            )
        if archive.status is ArchiveStatus.UNREADABLE:
            status = (
                f'<font color="{SEVERITY_COLOURS[Severity.CRITICAL][0]}"><b>unreadable</b>'
                f"</font>: {markup_text(archive.error or '')}"
            )
        elif archive.status is ArchiveStatus.SKIPPED:
            status = f"skipped: {markup_text(archive.error or '')}"
        else:
            status = status_label(archive) + "".join(
                f"<br/>warning: {markup_text(w)}" for w in archive.warnings
            )
        kind = " / ".join(markup_text(p) for p in (archive.format, archive.variant) if p) or "–"
        rows.append(
            [
                Paragraph(file_cell, styles["cell"]),
                Paragraph(kind, styles["cell_small"]),
                Paragraph(number(archive.messages), styles["cell_number"]),
                Paragraph(number(archive.chats), styles["cell_number"]),
                Paragraph(number(archive.skipped), styles["cell_number"]),
                Paragraph(status, styles["cell_small"]),
            ]
        )
    widths = [0.35, 0.13, 0.11, 0.08, 0.1, 0.23]
    if len(rows) == 1:
        rows.append([Paragraph("No archives were given.", styles["cell"])] + [""] * 5)
    return [*section_heading("Archives", styles), grid(rows, [w * TEXT_WIDTH for w in widths])]


def _policy(report: AuditReport, styles: Styles) -> list[Flowable]:
    return [*section_heading("Policy", styles), facts_table(policy_facts(report), styles)]


def _chats(report: AuditReport, styles: Styles) -> list[Flowable]:
    zone = report_zone(report)
    header = ["Chat", "Messages", "Members", "Media", "First – last", "Overdue", "Delete by"]
    rows: list[list[Flowable | str]] = [header_row(header, styles)]
    for chat in report.chats:
        overdue = (
            f'<font color="{SEVERITY_COLOURS[Severity.CRITICAL][0]}"><b>'
            f"{number(chat.overdue)}</b></font>"
            if chat.overdue
            else "0"
        )
        rows.append(
            [
                Paragraph(
                    f'{markup_text(chat_name(chat.chat))}<br/><font size="6.8" color="#59636e">'
                    f"{markup_text(chat.archive)}</font>",
                    styles["cell"],
                ),
                Paragraph(number(chat.messages), styles["cell_number"]),
                Paragraph(number(chat.participants), styles["cell_number"]),
                Paragraph(number(chat.media), styles["cell_number"]),
                Paragraph(
                    f"{day(chat.first, zone)} –<br/>{day(chat.last, zone)}", styles["cell_small"]
                ),
                Paragraph(overdue, styles["cell_number"]),
                Paragraph(day(chat.delete_by, zone) if chat.overdue else "–", styles["cell_small"]),
            ]
        )
    if len(rows) == 1:
        rows.append([Paragraph("No chats were read.", styles["cell"])] + [""] * 6)
    widths = [0.3, 0.11, 0.11, 0.08, 0.15, 0.11, 0.14]
    return [
        *section_heading("Chats and retention", styles),
        Paragraph(
            markup_text(retention_explanation(report)),
            styles["body"],
        ),
        grid(rows, [w * TEXT_WIDTH for w in widths]),
    ]


def _findings(report: AuditReport, styles: Styles) -> list[Flowable]:
    zone = report_zone(report)
    story: list[Flowable] = [
        *section_heading("Findings by severity", styles),
    ]
    grouped = report.findings_by_severity()
    if not grouped:
        return [*story, Paragraph("No findings.", styles["body"])]
    header = ["Kind", "Chat", "Where, when, from", "What"]
    widths = [w * TEXT_WIDTH for w in (0.22, 0.18, 0.22, 0.38)]
    for severity, findings in grouped.items():
        shown, left_out = capped(findings)
        story.append(CondPageBreak(80))  # a heading, the table head and a row or two together
        story.append(
            Paragraph(
                f'<font color="{SEVERITY_COLOURS[severity][0]}">'
                f"{SEVERITY_LABELS[severity]}</font>: "
                f"{plural(len(findings), 'finding')}",
                styles["heading"],
            )
        )
        rows: list[list[Flowable | str]] = [header_row(header, styles)]
        rows += [_finding_row(finding, styles, zone) for finding in shown]
        story.append(
            grid(rows, widths, extra=[("LINEBEFORE", (0, 1), (0, -1), 2.5, severity_ink(severity))])
        )
        if left_out:
            story.append(Paragraph(markup_text(more_line(left_out)), styles["small"]))
    return story


def _finding_row(finding: Finding, styles: Styles, zone: ZoneInfo | None) -> list[Flowable | str]:
    kind = markup_text(finding.code)
    if finding.count > 1:
        kind += f" <b>×{number(finding.count)}</b>"
    facts = [place(finding.position) or clean(finding.archive)]
    if finding.timestamp is not None:
        facts.append(timestamp(finding.timestamp, zone))
    if finding.sender_role is not None:
        facts.append(ROLE_LABELS.get(finding.sender_role.value, finding.sender_role.value))
    what = markup_text(finding.message)
    if finding.excerpt:
        what += f'<br/><font color="#59636e"><i>“{markup_text(finding.excerpt)}”</i></font>'
    return [
        Paragraph(kind, styles["cell_small"]),
        Paragraph(markup_text(chat_name(finding.chat)), styles["cell_small"]),
        Paragraph("<br/>".join(escape(f) for f in facts), styles["cell_small"]),
        Paragraph(what, styles["cell_small"]),
    ]


def _by_chat(report: AuditReport, styles: Styles) -> list[Flowable]:
    tallies = chat_tallies(report)
    if not tallies:
        return []
    header = ["Chat", *(SEVERITY_LABELS[s] for s in Severity), "Most frequent"]
    rows: list[list[Flowable | str]] = [header_row(header, styles)]
    for tally in tallies:
        rows.append(
            [
                Paragraph(markup_text(chat_name(tally.chat)), styles["cell_small"]),
                *(Paragraph(number(tally.by_severity[s]), styles["cell_number"]) for s in Severity),
                Paragraph(
                    ", ".join(f"{markup_text(code)} {number(n)}" for code, n in tally.top_codes),
                    styles["cell_small"],
                ),
            ]
        )
    widths = [0.2] + [0.095] * 5 + [0.325]
    return [
        *section_heading("Findings by chat", styles),
        grid(rows, [w * TEXT_WIDTH for w in widths]),
    ]
