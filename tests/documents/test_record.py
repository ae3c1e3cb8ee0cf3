"""The record of processing activities, read back from every output format."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from compliance.records.export import schema_text
from tests.conftest import REPO_ROOT
from tests.documents.conftest import EXAMPLE, docx_text, pdf_text
from tests.documents.records_helpers import AS_OF, run

SCHEMA_FILE = REPO_ROOT / "compliance" / "schemas" / "record.schema.json"
ALL_FORMATS = "pdf,docx,json,csv,xlsx"

# Art. 30(1)(a) to (g) and the DSK extras, as the German record labels them.
FIELDS_DE = [
    "Angaben zum Verantwortlichen",  # (a)
    "Zwecke der Verarbeitung",  # (b)
    "Kategorien betroffener Personen",  # (c)
    "Kategorien personenbezogener Daten",  # (c)
    "Kategorien von Empfängern",  # (d)
    "Übermittlungen in Drittländer",  # (e)
    "Fristen für die Löschung",  # (f)
    "Technische und organisatorische Maßnahmen",  # (g)
    "Rechtsgrundlagen",
    "Angelegt am",
    "Zuletzt geändert am",
    "Zuständige Person",
]
TABLE_FIELDS_DE = FIELDS_DE[1:]  # the controller block is not a column


def _record(tmp_path: Path, profile: Path, *extra: str, formats: str = ALL_FORMATS) -> Path:
    out = tmp_path / "out"
    code, _, err = run(
        "record",
        str(profile),
        "--lang",
        "de",
        "--format",
        formats,
        "--as-of",
        AS_OF,
        "-o",
        str(out),
        *extra,
    )
    assert code == 0, err
    return out


def _texts(out: Path, stem: str = "record") -> dict[str, str]:
    workbook = openpyxl.load_workbook(out / f"{stem}_de.xlsx")
    sheet = workbook.active
    assert sheet is not None
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    return {
        "pdf": pdf_text((out / f"{stem}_de.pdf").read_bytes()),
        "docx": docx_text((out / f"{stem}_de.docx").read_bytes()),
        "json": (out / f"{stem}_de.json").read_text(encoding="utf-8"),
        "csv": (out / f"{stem}_de.csv").read_text(encoding="utf-8-sig"),
        "xlsx": "\n".join(cells),
    }


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_file_is_the_generated_schema() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/record.schema.json is out of date: run "
        "python -m compliance.records.export > compliance/schemas/record.schema.json"
    )


@pytest.mark.parametrize("profession", ["psychotherapist", "coach"])
def test_every_art30_field_in_every_format(
    tmp_path: Path,
    make_profile: Callable[..., Path],
    validator: jsonschema.Draft202012Validator,
    profession: str,
) -> None:
    out = _record(tmp_path, make_profile(practitioner__profession=profession))
    texts = _texts(out)
    for fmt in ("pdf", "docx"):
        for label in FIELDS_DE:
            assert label in texts[fmt], (fmt, label)
        assert "Dr. phil. Anna Beispiel" in texts[fmt]
    for fmt in ("csv", "xlsx"):
        for label in TABLE_FIELDS_DE:
            assert label in texts[fmt], (fmt, label)
    record = json.loads(texts["json"])
    validator.validate(record)
    assert record["schema_version"] == 1 and record["schema"].endswith("record.schema.json")
    assert record["controller"]["name"].startswith("Dr. phil. Anna Beispiel")
    for activity in record["activities"]:
        for field in ("purposes", "legal_bases", "data_subjects", "data_categories", "retention"):
            assert activity[field], (activity["key"], field)
        assert "transfers" in activity and "measures" in activity
    rows = list(csv.reader(io.StringIO(texts["csv"])))
    assert len(rows) == 1 + len(record["activities"])


def _session_bases(tmp_path: Path, profile: Path) -> list[str]:
    out = _record(tmp_path, profile, formats="json")
    record = json.loads((out / "record_de.json").read_text(encoding="utf-8"))
    (session,) = [a for a in record["activities"] if a["key"] == "session_documentation"]
    return list(session["legal_bases"])


def test_legal_bases_differ_between_psychotherapist_and_coach(
    tmp_path: Path, make_profile: Callable[..., Path]
) -> None:
    therapist = _session_bases(tmp_path / "t", make_profile("t.yaml"))
    coach = _session_bases(tmp_path / "c", make_profile("c.yaml", practitioner__profession="coach"))
    assert any(
        "Art. 9 Abs. 2 lit. h" in b and "§ 22 Abs. 1 Nr. 1 lit. b BDSG" in b for b in therapist
    )
    assert any("§ 630f BGB" in b for b in therapist)
    assert not any("lit. h" in b for b in coach)
    assert "Art. 9 Abs. 2 lit. a DSGVO" in coach


def test_record_is_deterministic(tmp_path: Path) -> None:
    first = _record(tmp_path / "a", EXAMPLE)
    second = _record(tmp_path / "b", EXAMPLE)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(f"record_de.{ext}" for ext in ALL_FORMATS.split(","))
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_generated_date_and_revision_history(tmp_path: Path) -> None:
    text = _texts(_record(tmp_path, EXAMPLE))["pdf"]
    assert "erstellt am 07.12.2026" in text
    assert "Änderungshistorie" in text
    assert "01.06.2026 Signal als Messenger aufgenommen" in text


def test_messenger_activity_derived_from_the_catalogue(tmp_path: Path) -> None:
    out = _record(tmp_path, EXAMPLE, formats="json")
    record = json.loads((out / "record_de.json").read_text(encoding="utf-8"))
    (messenger,) = [a for a in record["activities"] if a["key"] == "messenger"]
    (provider,) = messenger["recipients"]
    assert provider["name"].startswith("Signal: Signal Messenger LLC")
    assert provider["kind"] == "controller"  # no Art. 28 agreement: a separate controller
    (transfer,) = messenger["transfers"]
    assert transfer["country"] == "USA"
    assert transfer["basis"] == "ausdrückliche Einwilligung (Art. 49 Abs. 1 UAbs. 1 lit. a DSGVO)"


def test_processor_record(tmp_path: Path, make_profile: Callable[..., Path]) -> None:
    profile = make_profile(
        activities__on_behalf_of=[
            {
                "name": "Beratungsstelle Nord e. V.",
                "contact": "info@beratung-nord.example",
                "processing": ["Supervision der Fallarbeit im Auftrag"],
            }
        ]
    )
    out = _record(tmp_path, profile, "--role", "processor", formats="pdf,json")
    text = pdf_text((out / "record-processor_de.pdf").read_bytes())
    assert "Angaben zum Auftragsverarbeiter (Art. 30 Abs. 2 lit. a DSGVO)" in text
    assert "Beratungsstelle Nord e. V." in text
    assert "Supervision der Fallarbeit im Auftrag" in text
    record = json.loads((out / "record-processor_de.json").read_text(encoding="utf-8"))
    assert record["role"] == "processor"


def test_swiss_record(tmp_path: Path, make_profile: Callable[..., Path]) -> None:
    profile = make_profile(jurisdiction={"country": "CH"})
    texts = _texts(_record(tmp_path, profile))
    for fmt, text in texts.items():
        assert "DSGVO" not in text, fmt
        assert "ß" not in text, fmt
    for expected in (
        "Verzeichnis der Bearbeitungstätigkeiten",
        "Art. 12 Abs. 2 lit. a DSG",
        "Art. 24 DSV",
        "besonders schützenswerte Personendaten",
        "Art. 17 Abs. 1 lit. a DSG",
        "Art. 958f OR",
    ):
        assert expected in texts["pdf"], expected


def test_austrian_record(tmp_path: Path, make_profile: Callable[..., Path]) -> None:
    profile = make_profile(jurisdiction={"country": "AT"})
    text = _texts(_record(tmp_path, profile))["pdf"]
    for expected in ("Datenschutzbehörde", "§ 132 BAO", "Art. 9 Abs. 2 lit. h, Abs. 3 DSGVO"):
        assert expected in text, expected
    for german_only in ("BDSG", "§ 630f", "§ 147 AO", "§ 203"):
        assert german_only not in text, german_only


def test_bad_activity_is_reported_with_file_line_and_field(
    tmp_path: Path, make_profile: Callable[..., Path]
) -> None:
    profile = make_profile(
        activities__entries={"billing": {"recipients": [{"name": "X", "kind": "friend"}]}}
    )
    code, _, err = run("record", str(profile), "-o", str(tmp_path / "out"))
    assert code == 3
    (line,) = err.strip().splitlines()
    assert line.startswith(f"{profile}:")
    assert ": activities.entries.billing.recipients.0.kind: " in line
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_existing_output_needs_force(tmp_path: Path) -> None:
    out = _record(tmp_path, EXAMPLE, formats="json")
    code, _, err = run("record", str(EXAMPLE), "--lang", "de", "--format", "json", "-o", str(out))
    assert code == 2 and "--force" in err
    code, _, _ = run(
        "record", str(EXAMPLE), "--lang", "de", "--format", "json", "-o", str(out), "--force"
    )
    assert code == 0
