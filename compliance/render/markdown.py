"""Document -> Markdown (for a website built from Markdown, or to review a text in a diff)."""

from __future__ import annotations

from compliance.documents.model import (
    BulletList,
    CheckboxList,
    Document,
    FactTable,
    Heading,
    Paragraph,
    SignatureBlock,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def render_markdown(document: Document) -> bytes:
    lines = [f"# {document.title}", ""]
    if document.subtitle:
        lines += [document.subtitle, ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += [f"{'#' * min(block.level + 1, 6)} {block.text}", ""]
        elif isinstance(block, Paragraph):
            lines += [f"> {block.text}" if block.style == "notice" else block.text, ""]
        elif isinstance(block, BulletList):
            lines += [f"- {item}" for item in block.items] + [""]
        elif isinstance(block, CheckboxList):
            lines += [f"- [ ] {item.label}" for item in block.items] + [""]
        elif isinstance(block, FactTable):
            if block.caption:
                lines += [f"**{block.caption}**", ""]
            lines += ["| | |", "|---|---|"]
            lines += [f"| {_cell(k)} | {_cell(v)} |" for k, v in block.rows] + [""]
        elif isinstance(block, SignatureBlock):
            continue
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
