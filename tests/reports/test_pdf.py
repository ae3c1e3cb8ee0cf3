"""The PDF report: read back, it holds the summary figures, the archives and a paged footer."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from compliance.audit.report import AuditReport
from compliance.reports.pdf import render_pdf_report
from compliance.reports.presentation import FINDINGS_CAP_PER_SEVERITY
from tests.reports.sample_report import many_findings, sample_report


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def pages() -> list[str]:
    return _pages(render_pdf_report(sample_report()))


def test_summary_figures_on_the_first_page(pages: list[str]) -> None:
    first = _flat(pages[0])
    assert first.startswith("Messenger archive audit · as of 1 Jul 2025")
    for text in (
        "2 findings require immediate action",
        "Result: not passed (findings rated high or higher)",
        "2 5 3 2 1 CRITICAL HIGH MEDIUM LOW INFO",
        "Messages 12,345",
        "What to do first",
        "Period 6 Jan 2025 – 20 Jun 2025",
        "Archives 2 (1 unreadable)",
        "Incomplete: 1 of 2 archives could not be read",
    ):
        assert text in first, text


def test_archives_chats_and_findings(pages: list[str]) -> None:
    text = _flat(" ".join(pages))
    assert "3f2a9c4e5b6d7e8f 90a1b2c3d4e5f607 18293a4b5c6d7e8f 9a0b1c2d3e4f5a6b" in text
    assert "not a ZIP file (the file ends early)" in text
    assert "Anna Beispiel [A1] 9,000 2 12" in text
    assert 'Ben <b>"Bär"</b>' in text  # shown as text, not taken as markup
    assert text.index("Critical: 2 findings") < text.index("High: 5 findings")
    critical = text[text.index("Critical: 2 findings") : text.index("High: 5 findings")]
    assert critical.index("Sensitive data CRISIS") < critical.index("Third parties group_chat")
    assert "Findings by chat" in text


def test_footer_on_every_page(pages: list[str]) -> None:
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert (
            f"Messenger archive audit · as of 1 Jul 2025 · compliance 0.1.0 · "
            f"page {number} of {len(pages)}" in text
        )


def test_values_warning_only_when_values_are_shown(pages: list[str]) -> None:
    assert "Values are shown unmasked" not in _flat(pages[0])
    shown = _flat(_pages(render_pdf_report(sample_report(values_shown=True)))[0])
    assert "Warning: Values are shown unmasked (--show-values)." in shown


def test_same_report_same_bytes_and_embedded_fonts(report: AuditReport) -> None:
    pdf = render_pdf_report(report)
    assert pdf == render_pdf_report(report)
    assert b"/FontFile2" in pdf and b"NotoSans" in pdf


def test_large_reports_are_capped_per_severity() -> None:
    report = sample_report(many_findings(FINDINGS_CAP_PER_SEVERITY + 7))
    text = _flat(" ".join(_pages(render_pdf_report(report))))
    assert text.count("… and 7 more; the JSON, CSV and XLSX reports list every finding") == 5
    assert "Critical: 507 findings" in text


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)
def test_pages_render_with_ink(report: AuditReport, tmp_path: Path) -> None:
    pdf = tmp_path / "audit.pdf"
    pdf.write_bytes(render_pdf_report(report))
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert pages
    for page in pages:
        data = page.read_bytes()
        pixels = data[data.index(b"255\n") + 4 :]
        assert sum(1 for value in pixels if value < 128) > len(pixels) * 0.005, page.name
