"""Every report format has exactly one renderer, and each renders the crafted report."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest

from compliance.audit.report import AuditReport
from compliance.reports import RENDERERS, ReportFormat, render_report, write_report
from tests.conftest import REPO_ROOT


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(ReportFormat)


@pytest.mark.parametrize(
    ("report_format", "starts_with"),
    [
        (ReportFormat.TEXT, "Messenger archive audit · as of 1 Jul 2025\n".encode()),
        (ReportFormat.JSON, b'{\n  "archives": ['),
        (ReportFormat.HTML, b"<!DOCTYPE html>\n"),
        (ReportFormat.PDF, b"%PDF-"),
        (ReportFormat.CSV, "\ufeffID,Severity,Rule".encode()),
        (ReportFormat.XLSX, b"PK"),
    ],
)
def test_each_format_renders(
    report: AuditReport, report_format: ReportFormat, starts_with: bytes
) -> None:
    assert render_report(report, report_format).startswith(starts_with)


@pytest.mark.parametrize("report_format", list(ReportFormat))
def test_same_report_gives_same_bytes(report: AuditReport, report_format: ReportFormat) -> None:
    assert render_report(report, report_format) == render_report(report, report_format)


@pytest.mark.parametrize(
    ("report_format", "suffix", "binary"),
    [
        (ReportFormat.TEXT, ".txt", False),
        (ReportFormat.JSON, ".json", False),
        (ReportFormat.HTML, ".html", False),
        (ReportFormat.PDF, ".pdf", True),
    ],
)
def test_suffix_and_binary(report_format: ReportFormat, suffix: str, binary: bool) -> None:
    assert (report_format.suffix, report_format.is_binary) == (suffix, binary)


@pytest.mark.parametrize("report_format", list(ReportFormat))
def test_write_report_owner_only(
    report: AuditReport, report_format: ReportFormat, tmp_path: Path
) -> None:
    target = tmp_path / "out" / f"audit{report_format.suffix}"
    write_report(report, report_format, target)
    assert target.read_bytes() == render_report(report, report_format)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left


def test_reporters_never_import_click_and_text_never_loads_reportlab() -> None:
    code = (
        "import sys\n"
        "from compliance.reports import ReportFormat, render_report, summary_line\n"
        "from tests.reports.sample_report import sample_report\n"
        "render_report(sample_report(), ReportFormat.TEXT, color=True)\n"
        "summary_line(sample_report())\n"
        "assert 'reportlab' not in sys.modules, 'text loaded reportlab'\n"
        "for f in ReportFormat:\n"
        "    render_report(sample_report(), f)\n"
        "assert 'click' not in sys.modules, 'a reporter imported click'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO_ROOT)
