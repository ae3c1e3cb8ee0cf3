"""The renderer-neutral document: headings, paragraphs, lists, tick boxes, tables, signatures.

Builders produce it from a profile and a template without any I/O; the PDF and
DOCX renderers turn the same object into files, so both say exactly the same.
Inline text may carry ``**bold**`` spans; :func:`runs` splits them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def runs(text: str) -> list[tuple[str, bool]]:
    """Split ``text`` into ``(segment, is_bold)`` runs at ``**…**`` markers."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((match.group(1), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts


def plain(text: str) -> str:
    """``text`` without inline markup."""
    return "".join(segment for segment, _ in runs(text))


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body | small | notice (a framed, emphasised note)


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Checkbox:
    """One tick box the reader fills in; ``key`` names the choice for form fields."""

    key: str
    label: str


@dataclass(frozen=True)
class CheckboxList:
    items: tuple[Checkbox, ...]


@dataclass(frozen=True)
class FactTable:
    """Two-column table of labelled facts; ``caption`` is shown above it."""

    rows: tuple[tuple[str, str], ...]
    caption: str | None = None


@dataclass(frozen=True)
class SignatureLine:
    """A line to sign on, with the caption printed beneath it."""

    caption: str


@dataclass(frozen=True)
class SignatureBlock:
    """For each party a place-and-date line beside a signature line."""

    lines: tuple[SignatureLine, ...]
    title: str | None = None
    place_date: str = ""


Block = Heading | Paragraph | BulletList | CheckboxList | FactTable | SignatureBlock


@dataclass(frozen=True)
class DocumentMeta:
    """What makes a document traceable to the exact template text it was made from."""

    document_id: str
    template_id: str
    template_version: str
    template_sha256: str
    language: str
    author: str
    footer: str  # the footer text with "{page}" and "{pages}" placeholders


@dataclass(frozen=True)
class Document:
    title: str
    meta: DocumentMeta
    subtitle: str | None = None
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """All visible text in reading order, without markup (for tests and search)."""
        lines = [self.title]
        if self.subtitle:
            lines.append(self.subtitle)
        for block in self.blocks:
            if isinstance(block, Heading | Paragraph):
                lines.append(plain(block.text))
            elif isinstance(block, BulletList):
                lines.extend(plain(item) for item in block.items)
            elif isinstance(block, CheckboxList):
                lines.extend(plain(item.label) for item in block.items)
            elif isinstance(block, FactTable):
                if block.caption:
                    lines.append(block.caption)
                lines.extend(f"{plain(k)}: {plain(v)}" for k, v in block.rows)
            elif isinstance(block, SignatureBlock):
                if block.title:
                    lines.append(block.title)
                for line in block.lines:
                    lines.extend((block.place_date, line.caption))
        return "\n".join(lines)


def swiss_spelling(text: str) -> str:
    """Swiss Standard German writes no "ß"."""
    return text.replace("ß", "ss").replace("ẞ", "SS")
