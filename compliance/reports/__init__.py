"""Reporters: an :class:`~compliance.audit.report.AuditReport` becomes text, JSON, HTML, PDF,
CSV or XLSX.

Every format is registered once, in :data:`RENDERERS`. The format modules are imported when
a report is rendered, so asking for text on a terminal never loads reportlab.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from compliance.audit.report import AuditReport
from compliance.fsio import write_chunks_atomic


class ReportFormat(StrEnum):
    """The ``--format`` of ``compliance audit``."""

    TEXT = "text"
    JSON = "json"
    HTML = "html"
    PDF = "pdf"
    CSV = "csv"
    XLSX = "xlsx"

    @property
    def suffix(self) -> str:
        """The usual file name suffix of the format."""
        return f".{'txt' if self is ReportFormat.TEXT else self.value}"

    @property
    def is_binary(self) -> bool:
        """True when the output is not text (and so should not go to a terminal)."""
        return self in (ReportFormat.PDF, ReportFormat.XLSX)


@dataclass(slots=True, frozen=True)
class RenderOptions:
    """Choices that are not in the report itself."""

    color: bool = False  # ANSI colours in the text format (only for a terminal)


Renderer = Callable[[AuditReport, RenderOptions], bytes]


def _text(report: AuditReport, options: RenderOptions) -> bytes:
    from compliance.reports.text import render_text

    return render_text(report, color=options.color).encode("utf-8")


def _json(report: AuditReport, options: RenderOptions) -> bytes:
    from compliance.reports.json_report import render_json

    return render_json(report).encode("utf-8")


def _html(report: AuditReport, options: RenderOptions) -> bytes:
    from compliance.reports.html import render_html

    return render_html(report).encode("utf-8")


def _pdf(report: AuditReport, options: RenderOptions) -> bytes:
    from compliance.reports.pdf import render_pdf_report

    return render_pdf_report(report)


def _csv(report: AuditReport, options: RenderOptions) -> bytes:
    from compliance.reports.spreadsheet import render_csv

    return render_csv(report).encode("utf-8")


def _xlsx(report: AuditReport, options: RenderOptions) -> bytes:
    from compliance.reports.spreadsheet import render_xlsx

    return render_xlsx(report)


RENDERERS: dict[ReportFormat, Renderer] = {
    ReportFormat.TEXT: _text,
    ReportFormat.JSON: _json,
    ReportFormat.HTML: _html,
    ReportFormat.PDF: _pdf,
    ReportFormat.CSV: _csv,
    ReportFormat.XLSX: _xlsx,
}


def render_report(
    report: AuditReport, report_format: ReportFormat, *, color: bool = False
) -> bytes:
    """The bytes of ``report`` in ``report_format`` (UTF-8 for the text formats)."""
    return RENDERERS[report_format](report, RenderOptions(color=color))


def report_chunks(
    report: AuditReport, report_format: ReportFormat, *, color: bool = False
) -> Iterator[bytes]:
    """The bytes of ``report`` in pieces: JSON is streamed finding by finding, so a report
    with many findings is never held in memory as one string; the other formats are one piece.
    """
    if report_format is ReportFormat.JSON:
        from compliance.reports.json_report import iter_json

        for piece in iter_json(report):
            yield piece.encode("utf-8")
    else:
        yield render_report(report, report_format, color=color)


def write_report(
    report: AuditReport, report_format: ReportFormat, path: Path, *, color: bool = False
) -> None:
    """Write ``report`` to ``path`` atomically, readable by its owner only (it is client data)."""
    write_chunks_atomic(Path(path), report_chunks(report, report_format, color=color))


def summary_line(report: AuditReport) -> str:
    """The one line for stderr: archives, messages, findings per severity, exit code."""
    from compliance.reports.text import summary_line as text_summary_line

    return text_summary_line(report)


__all__ = [
    "RENDERERS",
    "RenderOptions",
    "Renderer",
    "ReportFormat",
    "render_report",
    "report_chunks",
    "summary_line",
    "write_report",
]
