"""PDF rendering with reportlab: A4, embedded Noto Sans, real tick boxes, "page x of y".

Output is deterministic (reportlab's invariant mode fixes the creation date and
the document id), so the same document always gives the same bytes and a
signature over the file stays meaningful.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from compliance import __version__
from compliance.documents.model import (
    Block,
    BulletList,
    CheckboxList,
    Document,
    FactTable,
    Heading,
    SignatureBlock,
    plain,
    runs,
)
from compliance.documents.model import Paragraph as TextParagraph
from compliance.render.fonts import (
    REGULAR,
    register_cjk_for,
    register_reportlab_fonts,
    require_printable,
    script_runs,
    visual_order,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 22 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 22 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#59636e")
RULE = colors.HexColor("#c9d1d9")
NOTICE_BACKGROUND = colors.HexColor("#fff4e5")
NOTICE_BORDER = colors.HexColor("#d97706")
TABLE_LABEL_BACKGROUND = colors.HexColor("#f3f5f7")


def paragraph_styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_reportlab_fonts()
    body = ParagraphStyle(
        "body",
        fontName=regular,
        fontSize=9.5,
        leading=13.6,
        textColor=INK,
        spaceAfter=5,
        alignment=TA_LEFT,
    )
    return {
        "title": ParagraphStyle(
            "title", parent=body, fontName=bold, fontSize=17, leading=21, spaceAfter=3
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=10, textColor=MUTED, spaceAfter=10
        ),
        "heading": ParagraphStyle(
            "heading",
            parent=body,
            fontName=bold,
            fontSize=11.5,
            leading=15,
            spaceBefore=9,
            spaceAfter=4,
            keepWithNext=1,  # a heading never ends a page alone
        ),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=11, textColor=MUTED),
        "notice": ParagraphStyle("notice", parent=body, spaceAfter=0),
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=12, bulletIndent=2, spaceAfter=3
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.8, leading=11.6, spaceAfter=0),
        "cell_label": ParagraphStyle(
            "cell_label", parent=body, fontName=bold, fontSize=8.8, leading=11.6, spaceAfter=0
        ),
        "caption": ParagraphStyle(
            "caption",
            parent=body,
            fontName=bold,
            fontSize=10,
            spaceBefore=4,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "signature": ParagraphStyle(
            "signature", parent=body, fontSize=8, leading=10, textColor=MUTED, spaceAfter=0
        ),
    }


def _markup(text: str) -> str:
    """Our ``**bold**`` markup as reportlab paragraph markup, with XML escaped.

    Runs in another script (Arabic, Hebrew, CJK) are set in their own face; right-to-left
    runs in visual order.
    """
    return "".join(
        f"<b>{_script_markup(segment)}</b>" if bold else _script_markup(segment)
        for segment, bold in runs(text)
    ).replace("\n", "<br/>")


def _script_markup(text: str) -> str:
    parts = []
    for run, family in script_runs(text):
        if family == REGULAR:
            parts.append(escape(run))
        else:
            parts.append(f'<font name="{family}">{escape(visual_order(run, family))}</font>')
    return "".join(parts)


class TickBox(Flowable):  # type: ignore[misc]
    """An interactive PDF check box (AcroForm) that also prints as an empty square."""

    def __init__(self, name: str, tooltip: str, size: float = 11) -> None:
        super().__init__()
        self.name = name
        self.tooltip = tooltip
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.acroForm.checkbox(
            name=self.name,
            tooltip=self.tooltip,
            x=0,
            y=0,
            size=self.size,
            relative=True,
            buttonStyle="check",
            borderColor=INK,
            fillColor=colors.white,
            textColor=INK,
            borderWidth=0.8,
            forceBorder=True,
        )


def footer_canvas(footer: str) -> type[rl_canvas.Canvas]:
    """A canvas that knows the page count when it draws the footer ("Seite x von y")."""

    class FooterCanvas(rl_canvas.Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            regular, _ = register_reportlab_fonts()
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(
                MARGIN_X, MARGIN_BOTTOM - 8 * mm, PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM - 8 * mm
            )
            self.setFont(regular, 7.2)
            self.setFillColor(MUTED)
            text = footer.replace("{page}", str(self._pageNumber)).replace("{pages}", str(total))
            self.drawString(MARGIN_X, MARGIN_BOTTOM - 12 * mm, text)
            self.restoreState()

    return FooterCanvas


def _block_flowables(block: Block, styles: dict[str, ParagraphStyle], index: int) -> list[Flowable]:
    if isinstance(block, Heading):
        return [Paragraph(_markup(block.text), styles["heading"])]
    if isinstance(block, TextParagraph):
        if block.style == "notice":
            box = Table(
                [[Paragraph(_markup(block.text), styles["notice"])]], colWidths=[TEXT_WIDTH]
            )
            box.setStyle(
                TableStyle(
                    [
                        ("BACKGROUND", (0, 0), (-1, -1), NOTICE_BACKGROUND),
                        ("LINEBEFORE", (0, 0), (0, -1), 3, NOTICE_BORDER),
                        ("LEFTPADDING", (0, 0), (-1, -1), 8),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                        ("TOPPADDING", (0, 0), (-1, -1), 6),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                    ]
                )
            )
            return [box, Spacer(1, 5)]
        style = styles["small"] if block.style == "small" else styles["body"]
        return [Paragraph(_markup(block.text), style)]
    if isinstance(block, BulletList):
        items: list[Flowable] = [
            Paragraph(_markup(item), styles["bullet"], bulletText="•") for item in block.items
        ]
        return [*items, Spacer(1, 4)]
    if isinstance(block, CheckboxList):
        rows = [
            [
                TickBox(f"{item.key}_{index}_{n}", plain(item.label)),
                Paragraph(_markup(item.label), styles["body"]),
            ]
            for n, item in enumerate(block.items)
        ]
        table = Table(rows, colWidths=[8 * mm, TEXT_WIDTH - 8 * mm])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (0, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return [table, Spacer(1, 4)]
    if isinstance(block, FactTable):
        rows = [
            [
                Paragraph(_markup(label), styles["cell_label"]),
                Paragraph(_markup(value), styles["cell"]),
            ]
            for label, value in block.rows
        ]
        table = Table(rows, colWidths=[0.4 * TEXT_WIDTH, 0.6 * TEXT_WIDTH], repeatRows=0)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (0, -1), TABLE_LABEL_BACKGROUND),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.4, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        flowables: list[Flowable] = []
        if block.caption:
            flowables.append(Paragraph(_markup(block.caption), styles["caption"]))
        return [*flowables, table, Spacer(1, 6)]
    if isinstance(block, SignatureBlock):
        rows = []
        for line in block.lines:
            rows.append(["", "", ""])
            rows.append(
                [
                    Paragraph(_markup(block.place_date), styles["signature"]),
                    "",
                    Paragraph(_markup(line.caption), styles["signature"]),
                ]
            )
        table = Table(
            rows,
            colWidths=[0.36 * TEXT_WIDTH, 0.06 * TEXT_WIDTH, 0.58 * TEXT_WIDTH],
            rowHeights=[30 if r % 2 == 0 else None for r in range(len(rows))],  # room to sign
        )
        commands: list[tuple[Any, ...]] = [("LEFTPADDING", (0, 0), (-1, -1), 0)]
        for row in range(1, len(rows), 2):
            commands += [
                ("LINEABOVE", (0, row), (0, row), 0.7, INK),
                ("LINEABOVE", (2, row), (2, row), 0.7, INK),
            ]
        table.setStyle(TableStyle(commands))
        parts: list[Flowable] = []
        if block.title:
            parts.append(Paragraph(_markup(block.title), styles["caption"]))
        return [KeepTogether([*parts, table]), Spacer(1, 6)]
    raise TypeError(f"no PDF rendering for {type(block).__name__}")


def render_pdf(document: Document) -> bytes:
    """Render ``document`` as PDF bytes.

    Raises :class:`UnprintableTextError` (exit 3) when a text, e.g. a client's name, holds
    characters no bundled font can print: a form with empty boxes for a name is never written.
    """
    text = document.text()
    require_printable(text, "the document")
    styles = paragraph_styles()
    register_cjk_for(text)
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=document.title,
        author=document.meta.author,
        subject=f"{document.meta.template_id} {document.meta.template_version} "
        f"({document.meta.document_id})",
        creator=f"compliance {__version__}",
        producer=f"compliance {__version__}",
        lang=document.meta.language,
        invariant=1,
    )
    story: list[Flowable] = [Paragraph(_markup(document.title), styles["title"])]
    if document.subtitle:
        story.append(Paragraph(_markup(document.subtitle), styles["subtitle"]))
    # What is signed stays with the signature: the declaration (from its heading) and the
    # first signature block share a page; every later signature block is kept whole. The rest
    # flows, so pages do not end half empty.
    blocks = document.blocks
    first_signature = next(
        (i for i, block in enumerate(blocks) if isinstance(block, SignatureBlock)), len(blocks)
    )
    bound_from = next(
        (i for i in range(first_signature - 1, -1, -1) if isinstance(blocks[i], Heading)),
        first_signature,
    )
    for index, block in enumerate(blocks[:bound_from]):
        story.extend(_block_flowables(block, styles, index))
    bound: list[Flowable] = []
    for index in range(bound_from, min(first_signature + 1, len(blocks))):
        for flowable in _block_flowables(blocks[index], styles, index):
            # reportlab breaks the page early for a KeepTogether nested in another one
            bound.extend(flowable._content if isinstance(flowable, KeepTogether) else [flowable])
    if bound:
        story.append(KeepTogether(bound))
    for index in range(first_signature + 1, len(blocks)):
        story.extend(_block_flowables(blocks[index], styles, index))
    template.build(story, canvasmaker=footer_canvas(document.meta.footer))
    return buffer.getvalue()
