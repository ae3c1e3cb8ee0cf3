"""The record as a spreadsheet: one row per activity, as CSV or XLSX (openpyxl).

The cells hold exactly the texts of the PDF/DOCX record (:func:`activity_rows`), so a
spreadsheet and the signed document never differ.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime

from compliance.documents.record import activity_rows
from compliance.documents.template import load_template
from compliance.records.export import RecordExport


def record_table(export: RecordExport) -> tuple[list[str], list[list[str]]]:
    """Header and one row per activity, in the export's language."""
    loaded = load_template("record", export.language)
    swiss = export.country == "CH"
    germany = export.country == "DE"
    name_label = loaded.word("table", "activity")
    header: list[str] = ["key", name_label]
    rows: list[list[str]] = []
    for activity in export.activities:
        fields = activity_rows(activity, loaded, swiss, germany, all_fields=True)
        if len(header) == 2:
            header += [label for label, _ in fields]
        rows.append([activity.key, activity.name] + [value for _, value in fields])
    if len(header) == 2:
        labels = loaded.template.vocab["fields_swiss" if swiss else "fields"]
        header += list(labels.values())
    if swiss and export.language == "de":  # Swiss German writes "ss" for "ß"
        header = [cell.replace("ß", "ss") for cell in header]
        rows = [[cell.replace("ß", "ss") for cell in row] for row in rows]
    return header, rows


def to_csv(export: RecordExport) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read the umlauts right."""
    header, rows = record_table(export)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell.replace("\n", "; ") for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(export: RecordExport) -> bytes:
    """An XLSX workbook; fixed document dates and a re-packed zip make it reproducible."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    header, rows = record_table(export)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "record" if export.language == "en" else "Verzeichnis"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in sheet.iter_cols(min_row=1):
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = column[0].column_letter
        sheet.column_dimensions[letter].width = 16 if letter == "A" else 40
    sheet.freeze_panes = "C2"
    stamp = datetime(export.generated.year, export.generated.month, export.generated.day)
    workbook.properties.created = stamp
    workbook.properties.creator = "compliance"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue(), stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _reproducible(data: bytes, stamp: str) -> bytes:
    """Re-pack with fixed zip times; openpyxl stamps the save time as "modified", so it is
    set to the creation date here."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                member = _MODIFIED.sub(rb"\g<1>" + stamp.encode() + rb"\g<2>", member)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, member)
    return out.getvalue()
