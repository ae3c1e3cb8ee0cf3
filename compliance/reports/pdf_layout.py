"""The building blocks of the PDF report: styles, tables, notices and the timeline drawing."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table
from reportlab.platypus import TableStyle as ReportlabTableStyle

from compliance.audit.report import AuditReport, Severity
from compliance.render.fonts import register_reportlab_fonts
from compliance.render.pdf import MUTED, RULE, TABLE_LABEL_BACKGROUND, TEXT_WIDTH, paragraph_styles
from compliance.reports.presentation import (
    MESSAGES_COLOUR,
    OVERDUE_COLOUR,
    SEVERITY_COLOURS,
    clean,
    texts_of,
)
from compliance.reports.texts import ReportTexts
from compliance.reports.timeline import timeline_chart

# pyphen's dictionaries, through reportlab's hyphenation: words break at syllables, never
# at an arbitrary letter ("WhatsA|pp"); a token no dictionary can split (a path, a code) is
# wrapped at its separators by :func:`wrap_token` instead.
_HYPHENATION = {"de": "de_DE", "en": "en_GB"}

Styles = dict[str, ParagraphStyle]


def markup_text(text: str) -> str:
    """Text from anywhere, escaped for reportlab's paragraph markup."""
    return escape(clean(text))


def severity_ink(severity: Severity) -> colors.Color:
    return colors.HexColor(SEVERITY_COLOURS[severity][0])


def severity_background(severity: Severity) -> colors.Color:
    return colors.HexColor(SEVERITY_COLOURS[severity][1])


def grouped_hash(sha256: str) -> str:
    """A SHA-256 in groups of 16, so that it wraps in a narrow column and reads aloud."""
    return " ".join(sha256[i : i + 16] for i in range(0, len(sha256), 16))


def wrap_token(text: str, width: int) -> str:
    """Markup for a path or code that breaks only after ``/``, ``.``, ``_``, ``-`` or a space.

    Reportlab breaks lines at spaces only; a line break is put after the last separator that
    keeps a line within ``width`` characters, so a long path never breaks inside a name.
    """
    text = clean(text)
    if len(text) <= width:
        return escape(text)
    lines: list[str] = []
    line = ""
    piece = ""
    for character in text:
        piece += character
        if character in "/._- ":
            if line and len(line) + len(piece) > width:
                lines.append(line)
                line = ""
            line += piece
            piece = ""
    if piece:
        if line and len(line) + len(piece) > width:
            lines.append(line)
            line = ""
        line += piece
    lines.append(line)
    return "<br/>".join(escape(part) for part in lines if part)


def report_styles(language: str = "en") -> Styles:
    styles = paragraph_styles()
    _, bold = register_reportlab_fonts()
    hyphenation = _HYPHENATION.get(language, "en_GB")
    for name, style in list(styles.items()):
        styles[name] = ParagraphStyle(
            name,
            parent=style,
            hyphenationLang=hyphenation,
            embeddedHyphenation=1,
            splitLongWords=0,
        )
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


def notice_box(paragraph: Paragraph, background: colors.Color, border: colors.Color) -> Table:
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


def header_row(
    header: list[str], styles: Styles, numeric: frozenset[int] = frozenset()
) -> list[Flowable | str]:
    """Column heads, right-aligned above columns of numbers (their indexes in ``numeric``)."""
    return [
        Paragraph(markup_text(h), styles["head_number" if i in numeric else "head"])
        for i, h in enumerate(header)
    ]


def section_heading(title: str, styles: Styles) -> list[Flowable]:
    """A section heading that starts a new page rather than sit alone at the bottom of one."""
    return [CondPageBreak(110), Paragraph(markup_text(title), styles["section"])]


def grid(
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


def facts_table(rows: list[tuple[str, str]], styles: Styles, label_share: float = 0.32) -> Table:
    cells: list[list[Flowable | str]] = [
        [
            Paragraph(markup_text(label), styles["cell_label"]),
            Paragraph(markup_text(value), styles["cell"]),
        ]
        for label, value in rows
    ]
    return grid(
        cells,
        [label_share * TEXT_WIDTH, (1 - label_share) * TEXT_WIDTH],
        header=False,
        extra=[("BACKGROUND", (0, 0), (0, -1), TABLE_LABEL_BACKGROUND)],
    )


def timeline_drawing(report: AuditReport, t: ReportTexts | None = None) -> Drawing | None:
    chart = timeline_chart(report, width=TEXT_WIDTH, height=170)
    if chart is None:
        return None
    t = t or texts_of(report)
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
    legend_x = chart.plot_right - 190
    for offset, colour, text in (
        (0, messages, t("timeline.messages")),
        (62, overdue, t("timeline.overdue")),
    ):
        drawing.add(Rect(legend_x + offset, y(15), 7, 7, fillColor=colour, strokeColor=None))
        drawing.add(
            String(
                legend_x + offset + 10, y(14), text, fontName=regular, fontSize=7, fillColor=MUTED
            )
        )
    drawing.add(String(0, 2, chart.title, fontName=regular, fontSize=7.5, fillColor=MUTED))
    return drawing
