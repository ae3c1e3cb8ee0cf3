"""The spreadsheets: CSV and XLSX, one row per finding, masked as everywhere.

Headings and labels are in the report's language, codes and ids stay as in the JSON so
that rows can be matched across audits. A cell that a spreadsheet would read as a formula
(chat text beginning with ``=``, ``+``, ``-`` or ``@``) is written as text.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from compliance.audit.report import ArchiveInfo, AuditReport
from compliance.reports.presentation import report_zone, status_label, texts_of
from compliance.reports.summary import spreadsheet_header, spreadsheet_row
from compliance.reports.texts import ReportTexts

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | date | datetime | None


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _input_note(archive: ArchiveInfo) -> str:
    """Why an input was not (fully) read: its error, else its warnings."""
    return archive.error or "; ".join(archive.warnings)


def _input_row(archive: ArchiveInfo, t: ReportTexts, width: int) -> list[Cell]:
    """An input as a row of the findings table (a CSV has one table): every input is listed
    with its status, so that nothing read is never mistaken for a clean result."""
    status = status_label(archive, t)
    note = _input_note(archive)
    row: list[Cell] = [None] * width
    row[2] = t("heading.archives")  # the rule column: this row is about an input
    row[3] = archive.status.value
    row[6] = archive.path
    row[10] = f"{status}: {note}" if note else status
    return row


def render_csv(report: AuditReport) -> str:
    """UTF-8 CSV with a byte-order mark (spreadsheets then read the umlauts right).

    German reports separate with ``;``, as German spreadsheets expect; English ones with ``,``.
    """
    t = texts_of(report)
    zone = report_zone(report)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if t.language == "de" else ",", lineterminator="\r\n")
    header = spreadsheet_header(report, t)
    writer.writerow(header)
    for finding in report.findings:
        writer.writerow([_csv_cell(v) for v in spreadsheet_row(finding, t, zone)])
    for archive in report.archives:
        writer.writerow([_csv_cell(v) for v in _input_row(archive, t, len(header))])
    return "\ufeff" + out.getvalue()


def render_xlsx(report: AuditReport) -> bytes:
    """An XLSX workbook: a sheet of findings (filter, frozen heading) and one of the inputs."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    from compliance.render.docx import _deterministic_zip

    t = texts_of(report)
    zone = report_zone(report)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t("column.findings")
    header = spreadsheet_header(report, t)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for finding in report.findings:
        row = spreadsheet_row(finding, t, zone)
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_STARTS):
                cell.data_type = "s"  # text, never a formula
            elif isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    widths = (22, 10, 14, 24, 18, 24, 28, 22, 17, 12, 50, 40, 7, 60, 11, 12)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, sheet.max_row)}"
    inputs = book.create_sheet(t("heading.archives"))
    inputs.append(
        [
            t("column.file"),
            t("column.status"),
            t("column.format"),
            t("column.messages"),
            t("column.sha256"),
            t("archive_status.warning"),
        ]
    )
    for cell in inputs[1]:
        cell.font = Font(bold=True)
    for archive in report.archives:
        inputs.append(
            [
                archive.path,
                status_label(archive, t),
                archive.format,
                archive.messages,
                archive.sha256,
                _input_note(archive),
            ]
        )
        for cell in inputs[inputs.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_STARTS):
                cell.data_type = "s"
    # Fixed document times and zip entry times: the same audit gives the same bytes.
    moment = datetime(report.as_of.year, report.as_of.month, report.as_of.day)
    book.properties.created = moment
    book.properties.modified = moment
    book.properties.creator = f"compliance {report.tool_version}"
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive_zip:
        ExcelWriter(book, archive_zip).write_data()
    return _deterministic_zip(buffer.getvalue())
