"""CSV and XLSX: one row per finding, masked, readable by the csv module and openpyxl."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime

from openpyxl import load_workbook

from compliance.reports import ReportFormat, render_report
from tests.reports.sample_report import many_findings, sample_findings, sample_report

FORMULA = '=HYPERLINK("https://tracker.example","click")'


def _hostile_report():  # type: ignore[no-untyped-def]
    findings = sample_findings()
    findings[0] = replace(findings[0], excerpt=FORMULA, chat="@SUM(A1)")
    return sample_report(findings)


def test_csv_has_a_row_per_finding_masked() -> None:
    report = _hostile_report()
    text = render_report(report, ReportFormat.CSV).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    # one row per finding, then one per input with its status (the CSV's only table)
    inputs = rows[len(report.findings) :]
    rows = rows[: len(report.findings)]
    assert [row["Archive"] for row in inputs] == [a.path for a in report.archives]
    assert [row["Kind"] for row in inputs] == [a.status.value for a in report.archives]
    assert [row["ID"] for row in rows] == [f.id for f in report.findings]
    assert {row["Severity"] for row in rows} == {"Critical", "High", "Medium", "Low", "Info"}
    iban = next(row for row in rows if row["Kind"] == "sensitive.IBAN")
    assert "DE89 **** **** **** **** 00" in iban["Excerpt (masked)"]
    # chat text never becomes a formula in a spreadsheet
    assert all(not row[key].startswith(("=", "@", "+")) for row in rows for key in row)
    assert any(row["Excerpt (masked)"] == "'" + FORMULA for row in rows)
    crisis = next(row for row in rows if row["Kind"] == "sensitive.CRISIS")
    assert crisis["Due"] == "2025-07-01" and crisis["What to do"].startswith("Today:")


def test_xlsx_has_a_row_per_finding_and_the_inputs() -> None:
    report = _hostile_report()
    data = render_report(report, ReportFormat.XLSX)
    book = load_workbook(io.BytesIO(data))
    findings, inputs = book.worksheets
    rows = list(findings.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(report.findings)
    column = {name: index for index, name in enumerate(header)}
    assert [row[column["ID"]] for row in body] == [f.id for f in report.findings]
    assert any(isinstance(row[column["Time"]], datetime) for row in body)
    assert any(isinstance(row[column["Due"]], datetime | date) for row in body)
    hostile = [c for row in findings.iter_rows() for c in row if c.value == FORMULA]
    assert hostile and all(c.data_type == "s" for c in hostile)  # text, not a formula
    assert findings.freeze_panes == "A2" and findings.auto_filter.ref
    assert [row[0] for row in inputs.iter_rows(values_only=True)][1:] == [
        a.path for a in report.archives
    ]
    assert data == render_report(report, ReportFormat.XLSX)  # the same bytes every time


def test_large_spreadsheets_keep_every_finding() -> None:
    report = sample_report(many_findings(700))
    text = render_report(report, ReportFormat.CSV).decode("utf-8-sig")
    assert len(text.splitlines()) == len(report.findings) + len(report.archives) + 1 == 3503
