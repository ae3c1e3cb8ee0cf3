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
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)
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
    wrap_token,
)
from compliance.reports.presentation import (
    SEVERITY_COLOURS,
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


def render_pdf_report(report: AuditReport) -> bytes:
    """The report as PDF bytes: the summary page first, the sign-off block last."""
    t = texts_of(report)
    styles = report_styles(t.language)
    buffer = io.BytesIO()
    title = f"{t('title')} · {t('as_of', date=t.date(report.as_of))}"
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
        lang=t.language,
        invariant=1,
    )
    values = t("values_shown") if report.values_shown else t("values_masked")
    actions = top_actions(report, t, limit=99)
    numbers = {action.action: index for index, action in enumerate(actions, start=1)}
    labels = {archive.path: f"A{index}" for index, archive in enumerate(report.archives, start=1)}
    story: list[Flowable] = [
        Paragraph(markup_text(title), styles["title"]),
        Paragraph(
            markup_text(
                f"{t('tool', version=report.tool_version)} · "
                f"{t('schema', version=report.schema_version)} · "
                f"{report.policy.timezone} · {values}"
            ),
            styles["subtitle"],
        ),
    ]
    story += _notices(report, t, styles)
    story += _summary(report, t, styles, actions)
    story.append(PageBreak())
    story += _figures(report, t, styles)
    story += _archives(report, t, styles, labels)
    story += _policy(report, t, styles)
    story += _chats(report, t, styles, labels)
    story += _findings(report, t, styles, numbers, labels)
    story += _resolved(report, t, styles)
    story += _by_chat(report, t, styles, labels)
    story += _sign_off(report, t, styles)
    footer = f"{title} · compliance {report.tool_version} · " + t(
        "page", page="{page}", pages="{pages}"
    )
    template.build(story, canvasmaker=footer_canvas(footer))
    return buffer.getvalue()


def _notices(report: AuditReport, t: ReportTexts, styles: Styles) -> list[Flowable]:
    notices: list[Flowable] = []
    if report.values_shown:
        notices += [
            notice_box(
                Paragraph(
                    f"<b>{markup_text(t('warning'))}:</b> {markup_text(values_warning(t))}",
                    styles["notice"],
                ),
                severity_background(Severity.CRITICAL),
                severity_ink(Severity.CRITICAL),
            ),
            Spacer(1, 5),
        ]
    unreadable = incomplete(report)
    if unreadable:
        text = t(
            "incomplete",
            unreadable=t.number(len(unreadable)),
            archives=t.count("archive", len(report.archives)),
        )
        notices += [
            notice_box(
                Paragraph(
                    f"<b>{markup_text(t('incomplete_label'))}:</b> {markup_text(text)}",
                    styles["notice"],
                ),
                NOTICE_BACKGROUND,
                NOTICE_BORDER,
            ),
            Spacer(1, 5),
        ]
    return notices


def _summary(
    report: AuditReport, t: ReportTexts, styles: Styles, actions: list[TopAction]
) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(markup_text(t("summary.heading")), styles["section"])]
    failed = int(report.exit_code) != 0
    worst = next((s for s, n in severity_counts(report) if n), None)
    ink = SEVERITY_COLOURS[worst][0] if worst else "#15803d"
    story.append(
        Paragraph(
            f'<font color="{ink}" size="15"><b>{markup_text(verdict(report, t))}</b></font>',
            styles["title"],
        )
    )
    story.append(
        Paragraph(
            f'<font color="{SEVERITY_COLOURS[Severity.CRITICAL][0] if failed else "#15803d"}">'
            f"<b>{markup_text(outcome(report, t))}</b></font>",
            styles["body"],
        )
    )
    counts = severity_counts(report, zeros=True)
    cards = Table(
        [
            [Paragraph(t.number(n), styles["count"]) for _, n in counts],
            [
                Paragraph(markup_text(severity_label(s, t).upper()), styles["cell_label"])
                for s, _ in counts
            ],
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
    compared = baseline_line(report, t)
    if compared is not None:
        story.append(
            Paragraph(
                f"<b>{markup_text(compared[0])}:</b> {markup_text(compared[1])}", styles["body"]
            )
        )
    story.append(Paragraph(markup_text(t("summary.what_to_do")), styles["heading"]))
    if not actions:
        story.append(Paragraph(markup_text(t("summary.no_actions")), styles["body"]))
    rows: list[list[Flowable | str]] = []
    for index, action in enumerate(actions, start=1):
        head = (
            f'<font color="{SEVERITY_COLOURS[action.severity][0]}">'
            f"<b>{markup_text(severity_label(action.severity, t))}</b></font> · "
            f"<b>{markup_text(action.due)}</b> · "
            f"{markup_text(t.count('finding', action.findings))} · "
            f"{markup_text(', '.join(action.rules))}"
        )
        rows.append(
            [
                Paragraph(f"<b>{index}.</b>", styles["cell"]),
                Paragraph(f"{head}<br/>{markup_text(action.action)}", styles["cell"]),
            ]
        )
    if rows:
        table = grid(rows, [0.05 * TEXT_WIDTH, 0.95 * TEXT_WIDTH], header=False)
        story += [table, Spacer(1, 6)]
    story.append(Paragraph(markup_text(t("summary.scope")), styles["heading"]))
    story.append(facts_table(scope_facts(report, t), styles))
    return story


def _figures(report: AuditReport, t: ReportTexts, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(markup_text(t("heading.figures")), styles["section"])]
    chart = timeline_drawing(report, t)
    if chart is not None:
        story += [chart, Spacer(1, 6)]
    story += [facts_table(figure_facts(report, t), styles), Spacer(1, 8)]

    def counts_table(heading: str, rows: list[tuple[str, int]]) -> Table:
        cells: list[list[Flowable | str]] = [
            [
                Paragraph(markup_text(heading), styles["head"]),
                Paragraph(markup_text(t("column.findings")), styles["head_number"]),
            ]
        ]
        cells += [
            [
                Paragraph(markup_text(label), styles["cell"]),
                Paragraph(t.number(n), styles["cell_number"]),
            ]
            for label, n in rows
        ] or [[Paragraph(markup_text(t("none")), styles["cell"]), ""]]
        half = (TEXT_WIDTH - 12) / 2
        return grid(cells, [half * 0.7, half * 0.3])

    by_rule = counts_table(
        t("column.rule"),
        [(rule_label(rule, t), n) for rule, n in ranked(report.summary.by_rule)],
    )
    by_category = counts_table(
        t("column.category"),
        [(category_label(c, t), n) for c, n in ranked(report.summary.by_category)],
    )
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


def _archives(
    report: AuditReport, t: ReportTexts, styles: Styles, labels: dict[str, str]
) -> list[Flowable]:
    header = [
        "",
        t("column.file"),
        t("column.format"),
        t("column.messages"),
        t("column.chats"),
        t("column.skipped"),
        t("column.status"),
    ]
    rows: list[list[Flowable | str]] = [header_row(header, styles, frozenset({3, 4, 5}))]
    for archive in report.archives:
        file_cell = wrap_token(archive.path, 44)
        if archive.sha256:
            file_cell += (
                f'<br/><font size="6.8" color="#59636e">SHA-256 {grouped_hash(archive.sha256)}'
                "</font>"
            )
        if archive.status is ArchiveStatus.UNREADABLE:
            status = (
                f'<font color="{SEVERITY_COLOURS[Severity.CRITICAL][0]}">'
                f"<b>{markup_text(t('archive_status.unreadable'))}</b>"
                f"</font>: {markup_text(archive.error or '')}"
            )
        elif archive.status is ArchiveStatus.SKIPPED:
            status = f"{markup_text(status_label(archive, t))}: {markup_text(archive.error or '')}"
        else:
            status = markup_text(status_label(archive, t)) + "".join(
                f"<br/>{markup_text(t('archive_status.warning'))}: {markup_text(w)}"
                for w in archive.warnings
            )
        kind = " / ".join(markup_text(p) for p in (archive.format, archive.variant) if p) or "–"
        rows.append(
            [
                Paragraph(f"<b>{labels[archive.path]}</b>", styles["cell_small"]),
                Paragraph(file_cell, styles["cell"]),
                Paragraph(kind, styles["cell_small"]),
                Paragraph(t.number(archive.messages), styles["cell_number"]),
                Paragraph(t.number(archive.chats), styles["cell_number"]),
                Paragraph(t.number(archive.skipped), styles["cell_number"]),
                Paragraph(status, styles["cell_small"]),
            ]
        )
    widths = [0.05, 0.37, 0.13, 0.12, 0.07, 0.11, 0.15]
    if len(rows) == 1:
        rows.append([Paragraph(markup_text(t("findings.no_archives")), styles["cell"])] + [""] * 6)
    return [
        *section_heading(t("heading.archives"), styles),
        grid(rows, [w * TEXT_WIDTH for w in widths]),
    ]


def _policy(report: AuditReport, t: ReportTexts, styles: Styles) -> list[Flowable]:
    return [
        *section_heading(t("heading.policy"), styles),
        facts_table(policy_facts(report, t), styles),
    ]


def _chats(
    report: AuditReport, t: ReportTexts, styles: Styles, labels: dict[str, str]
) -> list[Flowable]:
    zone = report_zone(report)
    header = [
        t("column.chat"),
        t("column.messages"),
        t("column.participants"),
        t("column.media"),
        t("column.first_last"),
        t("column.overdue"),
        t("column.delete_by"),
    ]
    rows: list[list[Flowable | str]] = [header_row(header, styles, frozenset({1, 2, 3, 5}))]
    for chat in report.chats:
        overdue = (
            f'<font color="{SEVERITY_COLOURS[Severity.CRITICAL][0]}"><b>'
            f"{t.number(chat.overdue)}</b></font>"
            if chat.overdue
            else "0"
        )
        rows.append(
            [
                Paragraph(
                    f"{markup_text(chat_name(chat.chat, t))}"
                    f' <font size="6.8" color="#59636e">[{labels.get(chat.archive, "")}]</font>',
                    styles["cell"],
                ),
                Paragraph(t.number(chat.messages), styles["cell_number"]),
                Paragraph(t.number(chat.participants), styles["cell_number"]),
                Paragraph(t.number(chat.media), styles["cell_number"]),
                Paragraph(
                    f"{t.date(chat.first, zone)} –<br/>{t.date(chat.last, zone)}",
                    styles["cell_small"],
                ),
                Paragraph(overdue, styles["cell_number"]),
                Paragraph(
                    t.date(chat.delete_by, zone) if chat.overdue else "–", styles["cell_small"]
                ),
            ]
        )
    if len(rows) == 1:
        rows.append([Paragraph(markup_text(t("chats.none")), styles["cell"])] + [""] * 6)
    widths = [0.28, 0.13, 0.12, 0.09, 0.15, 0.11, 0.12]
    return [
        *section_heading(t("heading.chats"), styles),
        Paragraph(markup_text(retention_explanation(report, t)), styles["body"]),
        grid(rows, [w * TEXT_WIDTH for w in widths]),
    ]


def _findings(
    report: AuditReport,
    t: ReportTexts,
    styles: Styles,
    numbers: dict[str, int],
    labels: dict[str, str],
) -> list[Flowable]:
    zone = report_zone(report)
    story: list[Flowable] = [PageBreak(), *section_heading(t("heading.findings"), styles)]
    grouped = report.findings_by_severity()
    if not grouped:
        return [*story, Paragraph(markup_text(t("findings.none")), styles["body"])]
    header = [
        t("column.kind"),
        t("column.chat"),
        t("column.where"),
        t("column.what"),
        t("column.due"),
    ]
    widths = [w * TEXT_WIDTH for w in (0.17, 0.14, 0.21, 0.32, 0.16)]
    for severity, findings in grouped.items():
        shown, left_out = capped(findings)
        story.append(CondPageBreak(80))  # a heading, the table head and a row or two together
        story.append(
            Paragraph(
                f'<font color="{SEVERITY_COLOURS[severity][0]}">'
                f"{markup_text(severity_label(severity, t))}</font>: "
                f"{markup_text(t.count('finding', len(findings)))}",
                styles["heading"],
            )
        )
        rows: list[list[Flowable | str]] = [header_row(header, styles)]
        rows += [_finding_row(report, t, f, styles, zone, numbers, labels) for f in shown]
        story.append(
            grid(rows, widths, extra=[("LINEBEFORE", (0, 1), (0, -1), 2.5, severity_ink(severity))])
        )
        if left_out:
            story.append(Paragraph(markup_text(more_line(left_out, t)), styles["small"]))
    return story


def _finding_row(
    report: AuditReport,
    t: ReportTexts,
    finding: Finding,
    styles: Styles,
    zone: ZoneInfo | None,
    numbers: dict[str, int],
    labels: dict[str, str],
) -> list[Flowable | str]:
    # The rule in words, then the kind after its rule's prefix: short enough for the column.
    kind = f"<b>{markup_text(rule_label(finding.rule, t))}</b><br/>" + wrap_token(
        finding.code.partition(".")[2] or finding.code, 20
    )
    if finding.count > 1:
        kind += f" <b>×{t.number(finding.count)}</b>"
    if finding.baseline:
        kind += f"<br/><i>{markup_text(t('baseline_status.' + finding.baseline))}</i>"
    facts = [f"[{labels.get(finding.archive, '')}] " + wrap_token(short_place(finding, t), 26)]
    if finding.timestamp is not None:
        facts.append(escape(t.moment(finding.timestamp, zone)))
    if finding.sender_role is not None:
        facts.append(escape(role_label(finding.sender_role, t)))
    what = markup_text(finding.message)
    if finding.excerpt:
        what += f'<br/><font color="#59636e"><i>“{markup_text(finding.excerpt)}”</i></font>'
    number = numbers.get(finding.action or "")
    todo = f"<b>{markup_text(due_text(finding.due, report.as_of, t))}</b>"
    if number:
        todo += f"<br/>{markup_text(t('where.action_ref', n=number))}"
    return [
        Paragraph(kind, styles["cell_small"]),
        Paragraph(markup_text(chat_name(finding.chat, t)), styles["cell_small"]),
        Paragraph("<br/>".join(facts), styles["cell_small"]),
        Paragraph(what, styles["cell_small"]),
        Paragraph(todo, styles["cell_small"]),
    ]


def _resolved(report: AuditReport, t: ReportTexts, styles: Styles) -> list[Flowable]:
    baseline = report.baseline
    if baseline is None:
        return []
    story: list[Flowable] = [*section_heading(t("heading.resolved"), styles)]
    if not baseline.resolved_findings:
        return [*story, Paragraph(markup_text(t("resolved.none")), styles["body"])]
    story.append(
        Paragraph(
            markup_text(t("resolved.explanation", path=shorten_middle(clean(baseline.path), 60))),
            styles["body"],
        )
    )
    rows: list[list[Flowable | str]] = [
        header_row([t("column.kind"), t("column.chat"), t("column.what")], styles)
    ]
    for item in baseline.resolved_findings[:500]:
        rows.append(
            [
                Paragraph(wrap_token(item.code, 26), styles["cell_small"]),
                Paragraph(markup_text(chat_name(item.chat, t)), styles["cell_small"]),
                Paragraph(markup_text(item.message or ""), styles["cell_small"]),
            ]
        )
    story.append(grid(rows, [w * TEXT_WIDTH for w in (0.25, 0.2, 0.55)]))
    return story


def _by_chat(
    report: AuditReport, t: ReportTexts, styles: Styles, labels: dict[str, str]
) -> list[Flowable]:
    tallies = chat_tallies(report)
    if not tallies:
        return []
    header = [
        t("column.chat"),
        *(severity_label(s, t) for s in Severity),
        t("column.most_frequent"),
    ]
    rows: list[list[Flowable | str]] = [header_row(header, styles, frozenset(range(1, 6)))]
    for tally in tallies:
        rows.append(
            [
                Paragraph(markup_text(chat_name(tally.chat, t)), styles["cell_small"]),
                *(
                    Paragraph(t.number(tally.by_severity[s]), styles["cell_number"])
                    for s in Severity
                ),
                Paragraph(
                    "<br/>".join(
                        f"{wrap_token(code, 30)} {t.number(n)}" for code, n in tally.top_codes
                    ),
                    styles["cell_small"],
                ),
            ]
        )
    widths = [0.2] + [0.095] * 5 + [0.325]
    return [
        *section_heading(t("heading.by_chat"), styles),
        grid(rows, [w * TEXT_WIDTH for w in widths]),
    ]


def _sign_off(report: AuditReport, t: ReportTexts, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        CondPageBreak(330),  # the block on one page, with its signature lines
        Paragraph(markup_text(t("heading.sign_off")), styles["section"]),
        Paragraph(markup_text(t("sign_off.intro")), styles["body"]),
        facts_table(sign_off_facts(report, t), styles),
        Spacer(1, 8),
        Paragraph(markup_text(t("sign_off.inputs")), styles["heading"]),
    ]
    rows: list[list[Flowable | str]] = [
        [
            Paragraph(wrap_token(path, 50), styles["cell_small"]),
            Paragraph(grouped_hash(sha) if sha != "–" else sha, styles["cell_small"]),
        ]
        for path, sha in input_hashes(report)
    ]
    if rows:
        story.append(grid(rows, [0.5 * TEXT_WIDTH, 0.5 * TEXT_WIDTH], header=False))
    lines = Table(
        [
            ["", "", ""],
            [
                Paragraph(markup_text(t("sign_off.dpo_line")), styles["small"]),
                "",
                Paragraph(markup_text(t("sign_off.practitioner_line")), styles["small"]),
            ],
        ],
        colWidths=[0.46 * TEXT_WIDTH, 0.08 * TEXT_WIDTH, 0.46 * TEXT_WIDTH],
        rowHeights=[48, None],
    )
    lines.setStyle(
        ReportlabTableStyle(
            [
                ("LINEBELOW", (0, 0), (0, 0), 0.8, colors.black),
                ("LINEBELOW", (2, 0), (2, 0), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [Spacer(1, 36), KeepTogether([lines])]
    return story
