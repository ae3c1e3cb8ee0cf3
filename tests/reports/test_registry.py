"""Every report format has exactly one renderer, and each renders the crafted report."""

from __future__ import annotations

import pytest

from compliance.audit.report import AuditReport
from compliance.reports import RENDERERS, ReportFormat, render_report


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(ReportFormat)


@pytest.mark.parametrize(
    ("report_format", "starts_with"),
    [
        (ReportFormat.TEXT, b"Archive audit as of 2025-07-01\n"),
        (ReportFormat.JSON, b'{\n  "archives": ['),
        (ReportFormat.HTML, b"<!DOCTYPE html>\n"),
        (ReportFormat.PDF, b"%PDF-"),
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
