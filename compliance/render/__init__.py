"""Renderers: a :class:`~compliance.documents.model.Document` becomes a PDF or DOCX file."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compliance.documents.model import Document


class OutputFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"


def renderer(output_format: OutputFormat) -> Callable[[Document], bytes]:
    """The function that turns a document into the bytes of ``output_format``."""
    if output_format is OutputFormat.PDF:
        from compliance.render.pdf import render_pdf

        return render_pdf
    from compliance.render.docx import render_docx

    return render_docx
