"""The PDF report for the data-protection officer's file: A4, Noto Sans, "page x of y".

Page layout, fonts, styles and the footer come from :mod:`compliance.render.pdf`, so an
audit report looks like the practice's other documents. Invariant mode makes the same
report give the same bytes.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus import TableStyle as ReportlabTableStyle

from compliance.audit.report import AuditReport, Finding, Severity
from compliance.render.fonts import register_reportlab_fonts
from compliance.render.pdf import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    NOTICE_BACKGROUND,
    NOTICE_BORDER,
    RULE,
    TABLE_LABEL_BACKGROUND,
    TEXT_WIDTH,
    _footer_canvas,
    _styles,
)
from compliance.reports.presentation import (
    MESSAGES_COLOUR,
    OVERDUE_COLOUR,
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
    timestamp,
    values_warning,
)
from compliance.reports.timeline import timeline_chart

Styles = dict[str, ParagraphStyle]


def _x(text: str) -> str:
    """Text from anywhere, escaped for reportlab's paragraph markup."""
    return escape(clean(text))


def _ink(severity: Severity) -> colors.Color:
    return colors.HexColor(SEVERITY_COLOURS[severity][0])


def _background(severity: Severity) -> colors.Color:
    return colors.HexColor(SEVERITY_COLOURS[severity][1])


def _grouped_hash(sha256: str) -> str:
    """A SHA-256 in groups of 16, so that it wraps in a narrow column and reads aloud."""
    return " ".join(sha256[i : i + 16] for i in range(0, len(sha256), 16))


def render_pdf_report(report: AuditReport) -> bytes:
    """The report as PDF bytes."""
    styles = _report_styles()
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
        Paragraph(_x(title), styles["title"]),
        Paragraph(
            _x(
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
    template.build(story, canvasmaker=_footer_canvas(footer))
    return buffer.getvalue()


def _report_styles() -> Styles:
    styles = _styles()
    _, bold = register_reportlab_fonts()
    styles["section"] = ParagraphStyle(
        "section", parent=styles["heading"], fontSize=13.5, leading=17, spaceBefore=12
    )
    styles["cell_small"] = ParagraphStyle(
        "cell_small", parent=styles["cell"], fontSize=7.6, leading=9.8
    )
    styles["cell_number"] = ParagraphStyle("cell_number", parent=styles["cell"], alignment=2)
    styles["excerpt"] = ParagraphStyle(
        "excerpt", parent=styles["cell_small"], textColor=MUTED, leftIndent=4
    )
    styles["head"] = ParagraphStyle("head", parent=styles["cell_label"], fontSize=7.8, leading=10)
    styles["head_number"] = ParagraphStyle("head_number", parent=styles["head"], alignment=2)
    styles["count"] = ParagraphStyle(
        "count", parent=styles["cell"], fontName=bold, fontSize=17, leading=20
    )
    return styles


def _box(paragraph: Paragraph, background: colors.Color, border: colors.Color) -> Table:
    box = Table([[paragraph]], colWidths=[TEXT_WIDTH])
    box.setStyle(
        ReportlabTableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("LINEBEFORE", (0, 0), (0, -1), 3, border),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return box


_NUMBER_COLUMNS = {
    "Messages",
    "Chats",
    "Skipped",
    "Members",
    "Media",
    "Overdue",
    *SEVERITY_LABELS.values(),
}


def _header_row(header: list[str], styles: Styles) -> list[Flowable | str]:
    """Column heads, right-aligned above columns of numbers."""
    return [Paragraph(h, styles["head_number" if h in _NUMBER_COLUMNS else "head"]) for h in header]


def _section(title: str, styles: Styles) -> list[Flowable]:
    """A section heading that starts a new page rather than sit alone at the bottom of one."""
    return [CondPageBreak(110), Paragraph(_x(title), styles["section"])]


def _notices(report: AuditReport, styles: Styles) -> list[Flowable]:
    notices: list[Flowable] = []
    if report.values_shown:
        notices += [
            _box(
                Paragraph(f"<b>Warning:</b> {_x(values_warning())}", styles["notice"]),
                _background(Severity.CRITICAL),
                _ink(Severity.CRITICAL),
            ),
            Spacer(1, 5),
        ]
    unreadable = [a for a in report.archives if a.error is not None]
    if unreadable:
        notices += [
            _box(
                Paragraph(
                    f"<b>Incomplete:</b> {number(len(unreadable))} of "
                    f"{plural(len(report.archives), 'archive')} could not be read "
                    "(see Archives).",
                    styles["notice"],
                ),
                NOTICE_BACKGROUND,
                NOTICE_BORDER,
            ),
            Spacer(1, 5),
        ]
    return notices


def _grid(
    rows: list[list[Flowable | str]],
    widths: list[float],
    *,
    header: bool = True,
    extra: list[tuple[object, ...]] | None = None,
) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), TABLE_LABEL_BACKGROUND))
    table.setStyle(ReportlabTableStyle(commands + (extra or [])))
    return table


def _facts(rows: list[tuple[str, str]], styles: Styles, label_share: float = 0.32) -> Table:
    cells: list[list[Flowable | str]] = [
        [Paragraph(_x(label), styles["cell_label"]), Paragraph(_x(value), styles["cell"])]
        for label, value in rows
    ]
    return _grid(
        cells,
        [label_share * TEXT_WIDTH, (1 - label_share) * TEXT_WIDTH],
        header=False,
        extra=[("BACKGROUND", (0, 0), (0, -1), TABLE_LABEL_BACKGROUND)],
    )


def _summary(report: AuditReport, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph("Summary", styles["section"])]
    failed = int(report.exit_code) != 0
    story.append(
        Paragraph(
            f'<font color="{SEVERITY_COLOURS[Severity.CRITICAL][0] if failed else "#15803d"}">'
            f"<b>{_x(outcome(report))}</b></font>",
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
            ("BACKGROUND", (column, 0), (column, -1), _background(severity)),
            ("LINEABOVE", (column, 0), (column, 0), 3, _ink(severity)),
            ("TEXTCOLOR", (column, 0), (column, -1), _ink(severity)),
            ("LINEAFTER", (column, 0), (column, -1), 4, colors.white),
        ]
    cards.setStyle(ReportlabTableStyle(card_style))
    story += [cards, Spacer(1, 8)]
    chart = _timeline_drawing(report)
    if chart is not None:
        story += [chart, Spacer(1, 6)]
    story += [_facts(figure_facts(report), styles), Spacer(1, 8)]

    def counts_table(heading: str, rows: list[tuple[str, int]]) -> Table:
        cells: list[list[Flowable | str]] = [
            [Paragraph(heading, styles["head"]), Paragraph("Findings", styles["head"])]
        ]
        cells += [
            [Paragraph(_x(label), styles["cell"]), Paragraph(number(n), styles["cell_number"])]
            for label, n in rows
        ] or [[Paragraph("none", styles["cell"]), ""]]
        half = (TEXT_WIDTH - 12) / 2
        return _grid(cells, [half * 0.7, half * 0.3])

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


def _timeline_drawing(report: AuditReport) -> Drawing | None:
    chart = timeline_chart(report, width=TEXT_WIDTH, height=170)
    if chart is None:
        return None
    regular, _ = register_reportlab_fonts()
    height = chart.height
    drawing = Drawing(chart.width, height + 14)

    def y(top_down: float) -> float:  # the chart's origin is top left, reportlab's bottom left
        return height - top_down

    for tick in chart.value_ticks:
        drawing.add(
            Line(
                chart.plot_left,
                y(tick.position),
                chart.plot_right,
                y(tick.position),
                strokeColor=RULE,
                strokeWidth=0.5,
            )
        )
        drawing.add(
            String(
                chart.plot_left - 4,
                y(tick.position) - 2.5,
                tick.text,
                fontName=regular,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
    messages, overdue = colors.HexColor(MESSAGES_COLOUR), colors.HexColor(OVERDUE_COLOUR)
    for bar in chart.bars:
        for top, colour in ((bar.messages_top, messages), (bar.overdue_top, overdue)):
            if bar.bottom - top > 0:
                drawing.add(
                    Rect(
                        bar.x,
                        y(bar.bottom),
                        bar.width,
                        bar.bottom - top,
                        fillColor=colour,
                        strokeColor=None,
                    )
                )
    for label in chart.month_labels:
        drawing.add(
            String(
                label.position,
                y(chart.plot_bottom) - 11,
                label.text,
                fontName=regular,
                fontSize=7,
                fillColor=MUTED,
                textAnchor="middle",
            )
        )
    legend_x = chart.plot_right - 170
    for offset, colour, text in (
        (0, messages, "messages"),
        (62, overdue, "overdue (past retention)"),
    ):
        drawing.add(Rect(legend_x + offset, y(15), 7, 7, fillColor=colour, strokeColor=None))
        drawing.add(
            String(
                legend_x + offset + 10, y(14), text, fontName=regular, fontSize=7, fillColor=MUTED
            )
        )
    drawing.add(String(0, 2, chart.title, fontName=regular, fontSize=7.5, fillColor=MUTED))
    return drawing


def _archives(report: AuditReport, styles: Styles) -> list[Flowable]:
    header = ["File", "Format", "Messages", "Chats", "Skipped", "Status"]
    rows: list[list[Flowable | str]] = [_header_row(header, styles)]
    for archive in report.archives:
        file_cell = _x(archive.path)
        if archive.sha256:
            file_cell += (
                f'<br/><font size="6.8" color="#59636e">SHA-256 {_grouped_hash(archive.sha256)}'
                "</font>"
            )
        if archive.error is not None:
            status = (
                f'<font color="{SEVERITY_COLOURS[Severity.CRITICAL][0]}"><b>unreadable</b>'
                f"</font>: {_x(archive.error)}"
            )
        else:
            status = "read" + "".join(f"<br/>warning: {_x(w)}" for w in archive.warnings)
        kind = " / ".join(_x(p) for p in (archive.format, archive.variant) if p) or "–"
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
    return [*_section("Archives", styles), _grid(rows, [w * TEXT_WIDTH for w in widths])]


def _policy(report: AuditReport, styles: Styles) -> list[Flowable]:
    return [*_section("Policy", styles), _facts(policy_facts(report), styles)]


def _chats(report: AuditReport, styles: Styles) -> list[Flowable]:
    zone = report_zone(report)
    header = ["Chat", "Messages", "Members", "Media", "First – last", "Overdue", "Delete by"]
    rows: list[list[Flowable | str]] = [_header_row(header, styles)]
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
                    f'{_x(chat_name(chat.chat))}<br/><font size="6.8" color="#59636e">'
                    f"{_x(chat.archive)}</font>",
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
        *_section("Chats and retention", styles),
        Paragraph(
            _x(retention_explanation(report)),
            styles["body"],
        ),
        _grid(rows, [w * TEXT_WIDTH for w in widths]),
    ]


def _findings(report: AuditReport, styles: Styles) -> list[Flowable]:
    zone = report_zone(report)
    story: list[Flowable] = [
        *_section("Findings by severity", styles),
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
                f"{plural(sum(f.count for f in findings), 'finding')}",
                styles["heading"],
            )
        )
        rows: list[list[Flowable | str]] = [_header_row(header, styles)]
        rows += [_finding_row(finding, styles, zone) for finding in shown]
        story.append(
            _grid(rows, widths, extra=[("LINEBEFORE", (0, 1), (0, -1), 2.5, _ink(severity))])
        )
        if left_out:
            story.append(Paragraph(_x(more_line(left_out)), styles["small"]))
    return story


def _finding_row(finding: Finding, styles: Styles, zone: ZoneInfo | None) -> list[Flowable | str]:
    kind = _x(finding.code)
    if finding.count > 1:
        kind += f" <b>×{number(finding.count)}</b>"
    facts = [place(finding.position) or clean(finding.archive)]
    if finding.timestamp is not None:
        facts.append(timestamp(finding.timestamp, zone))
    if finding.sender_role is not None:
        facts.append(ROLE_LABELS.get(finding.sender_role.value, finding.sender_role.value))
    what = _x(finding.message)
    if finding.excerpt:
        what += f'<br/><font color="#59636e"><i>“{_x(finding.excerpt)}”</i></font>'
    return [
        Paragraph(kind, styles["cell_small"]),
        Paragraph(_x(chat_name(finding.chat)), styles["cell_small"]),
        Paragraph("<br/>".join(escape(f) for f in facts), styles["cell_small"]),
        Paragraph(what, styles["cell_small"]),
    ]


def _by_chat(report: AuditReport, styles: Styles) -> list[Flowable]:
    tallies = chat_tallies(report)
    if not tallies:
        return []
    header = ["Chat", *(SEVERITY_LABELS[s] for s in Severity), "Most frequent"]
    rows: list[list[Flowable | str]] = [_header_row(header, styles)]
    for tally in tallies:
        rows.append(
            [
                Paragraph(_x(chat_name(tally.chat)), styles["cell_small"]),
                *(Paragraph(number(tally.by_severity[s]), styles["cell_number"]) for s in Severity),
                Paragraph(
                    ", ".join(f"{_x(code)} {number(n)}" for code, n in tally.top_codes),
                    styles["cell_small"],
                ),
            ]
        )
    widths = [0.2] + [0.095] * 5 + [0.325]
    return [
        *_section("Findings by chat", styles),
        _grid(rows, [w * TEXT_WIDTH for w in widths]),
    ]
