"""DOCX rendering with python-docx: real Word heading styles, so practitioners can still edit.

Tick boxes are Word check-box content controls; the footer carries the document
id, the template version and hash, and PAGE / NUMPAGES fields. The package is
re-zipped with fixed timestamps so that the same document gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from compliance import __version__
from compliance.documents.model import (
    Block,
    BulletList,
    CheckboxList,
    Document,
    FactTable,
    Heading,
    SignatureBlock,
    runs,
)
from compliance.documents.model import Paragraph as TextParagraph

FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)
MUTED = RGBColor(0x59, 0x63, 0x6E)
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _add_runs(
    paragraph: Paragraph, text: str, *, size: float | None = None, color: RGBColor | None = None
) -> None:
    for segment, bold in runs(text):
        run = paragraph.add_run(segment)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color


def _checkbox_control(paragraph: Paragraph) -> None:
    """Insert a Word check-box content control (unchecked) at the start of ``paragraph``."""
    control = parse_xml(
        f"<w:sdt {nsdecls('w')} "
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
        '<w:sdtPr><w14:checkbox><w14:checked w14:val="0"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        "</w14:checkbox></w:sdtPr>"
        '<w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" '
        'w:hAnsi="MS Gothic"/></w:rPr><w:t>\u2610</w:t></w:r></w:sdtContent></w:sdt>'
    )
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, control)


def _shade(paragraph: Paragraph, fill: str, border: str) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="24" w:space="6" '
            f'w:color="{border}"/></w:pBdr>'
        )
    )
    properties.append(
        parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>')
    )


def _cell_border(cell: object, edge: str, size: int = 6, color: str = "1F2328") -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tc_pr.append(borders)
    element = OxmlElement(f"w:{edge}")
    element.set(qn("w:val"), "single")
    element.set(qn("w:sz"), str(size))
    element.set(qn("w:color"), color)
    borders.append(element)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field such as PAGE or NUMPAGES (updated by Word when the document opens)."""
    for kind, text in (
        ("begin", None),
        (None, instruction),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        run.font.size = Pt(7.5)
        run.font.color.rgb = MUTED
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = text or ""


def _footer(document: Document, section: object) -> None:
    paragraph = section.footer.paragraphs[0]  # type: ignore[attr-defined]
    text = document.meta.footer
    before_page, _, rest = text.partition("{page}")
    between, _, after = rest.partition("{pages}")
    for part, field in ((before_page, "PAGE"), (between, "NUMPAGES"), (after, None)):
        if part:
            run = paragraph.add_run(part)
            run.font.size = Pt(7.5)
            run.font.color.rgb = MUTED
        if field:
            _field(paragraph, field)


def _table(doc: object, rows: int, cols: int) -> Table:
    table: Table = doc.add_table(rows=rows, cols=cols)  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    return table


def _style_id(doc: object, name: str) -> str:
    """The id of the named style, looked up once per document.

    python-docx resolves a style name on every paragraph by scanning all styles for the
    default one; setting the id directly keeps a long document fast.
    """
    cache: dict[str, str] = doc.__dict__.setdefault("_compliance_style_ids", {})
    if name not in cache:
        cache[name] = str(doc.styles[name].style_id)  # type: ignore[attr-defined]
    return cache[name]


def _styled_paragraph(doc: object, name: str, text: str = "") -> Any:
    paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
    paragraph._p.get_or_add_pPr().style = _style_id(doc, name)
    if text:
        paragraph.add_run(text)
    return paragraph


def _add_block(doc: object, block: Block) -> None:
    add_paragraph = doc.add_paragraph  # type: ignore[attr-defined]
    if isinstance(block, Heading):
        _styled_paragraph(doc, f"Heading {block.level}", block.text.replace("**", ""))
    elif isinstance(block, TextParagraph):
        paragraph = add_paragraph()
        if block.style == "small":
            _add_runs(paragraph, block.text, size=8, color=MUTED)
        else:
            _add_runs(paragraph, block.text)
        if block.style == "notice":
            _shade(paragraph, "FFF4E5", "D97706")
    elif isinstance(block, BulletList):
        for bullet in block.items:
            _add_runs(_styled_paragraph(doc, "List Bullet"), bullet)
    elif isinstance(block, CheckboxList):
        for box in block.items:
            paragraph = add_paragraph()
            paragraph.paragraph_format.left_indent = Cm(0.8)
            paragraph.paragraph_format.first_line_indent = Cm(-0.8)
            _add_runs(paragraph, "\t" + box.label)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(0.8))
            _checkbox_control(paragraph)
    elif isinstance(block, FactTable):
        if block.caption:
            caption = add_paragraph()
            _add_runs(caption, f"**{block.caption}**")
        table = _table(doc, len(block.rows), 2)
        table._tbl.tblPr.style = _style_id(doc, "Table Grid")
        for row, (label, value) in zip(table.rows, block.rows, strict=True):
            row.cells[0].width = Cm(6.5)
            row.cells[1].width = Cm(10)
            _add_runs(row.cells[0].paragraphs[0], f"**{label}**", size=9)
            _add_runs(row.cells[1].paragraphs[0], value, size=9)
        add_paragraph()
    elif isinstance(block, SignatureBlock):
        if block.title:
            _add_runs(add_paragraph(), f"**{block.title}**")
        table = _table(doc, 2 * len(block.lines), 3)
        table.autofit = False
        widths = (Cm(6), Cm(1), Cm(9.5))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        for index, line in enumerate(block.lines):
            space, caption = table.rows[2 * index], table.rows[2 * index + 1]
            space.height = Cm(1.1)
            for cell, text in (
                (caption.cells[0], block.place_date),
                (caption.cells[2], line.caption),
            ):
                _cell_border(cell, "top")
                _add_runs(cell.paragraphs[0], text, size=8, color=MUTED)
        add_paragraph()
    else:
        raise TypeError(f"no DOCX rendering for {type(block).__name__}")


def _keep_signatures_together(doc: object) -> None:
    """Signature rows never split, and what precedes a signature table stays on its page."""
    body = doc.element.body  # type: ignore[attr-defined]
    for table in doc.tables:  # type: ignore[attr-defined]
        if len(table.columns) != 3:
            continue  # only signature blocks have three columns
        for row in table.rows:
            properties = row._tr.get_or_add_trPr()
            properties.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
                    paragraph.paragraph_format.keep_together = True
        # What is signed moves with the signature: every paragraph back to the section's
        # heading (the declaration and the explicit consent) keeps with the next.
        previous = table._tbl.getprevious()
        while previous is not None and previous.tag == qn("w:p") and previous in body:
            paragraph = Paragraph(previous, table._parent)
            paragraph.paragraph_format.keep_with_next = True
            if paragraph.style is not None and paragraph.style.name.startswith("Heading"):
                break
            previous = previous.getprevious()


def _deterministic_zip(data: bytes) -> bytes:
    """Re-pack the package with fixed timestamps and a stable member order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def render_docx(document: Document) -> bytes:
    """Render ``document`` as DOCX bytes."""
    doc = new_docx()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.2)

    # No font is named: the styles keep the theme's body and heading fonts, which every word
    # processor maps to one it has (a named font the client lacks would be substituted badly).
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(5)
    for style_name in ("Heading 1", "Heading 2"):
        doc.styles[style_name].paragraph_format.keep_with_next = True
    doc.styles["Title"].font.size = Pt(20)
    doc.styles["Heading 1"].font.size = Pt(13)

    properties = doc.core_properties
    properties.title = document.title
    properties.author = document.meta.author
    meta = document.meta
    properties.subject = f"{meta.template_id} {meta.template_version} ({meta.document_id})"
    properties.identifier = document.meta.document_id
    properties.language = document.meta.language
    properties.comments = (
        f"template sha256 {document.meta.template_sha256}; compliance {__version__}"
    )
    properties.last_modified_by = f"compliance {__version__}"
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1

    _styled_paragraph(doc, "Title", document.title)
    if document.subtitle:
        _add_runs(doc.add_paragraph(), document.subtitle, color=MUTED)
    for block in document.blocks:
        _add_block(doc, block)
    _keep_signatures_together(doc)
    _footer(document, section)

    buffer = io.BytesIO()
    doc.save(buffer)
    return _deterministic_zip(buffer.getvalue())
