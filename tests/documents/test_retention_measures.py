"""The retention schedule (with its calendar) and the technical and organisational measures."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import icalendar
import pytest

from compliance.documents.retention import next_review
from tests.documents.conftest import EXAMPLE, docx_text, pdf_text
from tests.documents.records_helpers import AS_OF, run


def _write(tmp_path: Path, command: str, profile: Path, formats: str, *extra: str) -> Path:
    out = tmp_path / command
    code, _, err = run(
        command,
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


def test_schedule_lists_period_source_trigger_and_method(tmp_path: Path) -> None:
    out = _write(tmp_path, "retention", EXAMPLE, "pdf,docx,csv,ics")
    rows = list(csv.reader(io.StringIO((out / "retention_de.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == [
        "Datenkategorie",
        "Frist",
        "Beginn der Frist",
        "Rechtsgrundlage",
        "Löschung",
        "Tätigkeiten",
    ]
    by_data = {row[0]: row for row in rows[1:]}
    assert by_data["Behandlungsdokumentation (Patientenakte)"][1:4] == [
        "10\u00a0Jahre nach Abschluss der Behandlung",
        "Ende der Behandlung",
        "§ 630f Abs. 3 BGB",
    ]
    assert by_data["Rechnungen und Buchungsbelege"][1] == "8\u00a0Jahre ab Ende des Kalenderjahres"
    assert by_data["Bücher und Jahresabschlüsse"][1].startswith("10\u00a0Jahre")
    for row in rows[1:]:
        assert all(cell for cell in row), row
    for text in (
        pdf_text((out / "retention_de.pdf").read_bytes()),
        docx_text((out / "retention_de.docx").read_bytes()),
    ):
        assert "§ 147 Abs. 1 Nr. 4, Abs. 3 AO; § 14b Abs. 1 UStG" in text
        assert "Die nächste Prüfung ist am 15.01.2027" in text


def test_calendar_holds_the_yearly_review(tmp_path: Path) -> None:
    out = _write(tmp_path, "retention", EXAMPLE, "ics")
    calendar = icalendar.Calendar.from_ical((out / "retention_de.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == date(2027, 1, 15)
    assert event["rrule"]["FREQ"] == ["YEARLY"]
    assert "Behandlungsdokumentation" in str(event["description"])
    second = _write(tmp_path / "again", "retention", EXAMPLE, "ics")
    assert (out / "retention_de.ics").read_bytes() == (second / "retention_de.ics").read_bytes()


@pytest.mark.parametrize(
    ("as_of", "review"),
    [
        (date(2026, 12, 7), date(2027, 1, 15)),
        (date(2027, 1, 15), date(2027, 1, 15)),
        (date(2027, 1, 16), date(2028, 1, 15)),
        (date(2027, 1, 1), date(2027, 1, 15)),
    ],
)
def test_next_review(as_of: date, review: date) -> None:
    assert next_review(as_of) == review


def test_measures_in_place_and_open_with_the_bdsg_list(tmp_path: Path) -> None:
    out = _write(tmp_path, "measures", EXAMPLE, "pdf,docx")
    for text in (
        pdf_text((out / "measures_de.pdf").read_bytes()),
        docx_text((out / "measures_de.docx").read_bytes()),
    ):
        assert "Maßnahmen nach § 22 Abs. 2 BDSG" in text
        for number in range(1, 11):
            assert f"Nr. {number}:" in text, number
        assert "Geräte vollständig verschlüsselt (Telefon, Computer, Datenträger) umgesetzt" in text
        assert "Fernlöschung bei Verlust eingerichtet offen" in text
        assert "Lesebestätigungen ausgeschaltet umgesetzt" in text  # from the profile
        assert "Signal" in text  # the messenger catalogue


def test_measures_open_items_follow_the_answers(
    tmp_path: Path, make_profile: Callable[..., Path]
) -> None:
    profile = make_profile(activities__measures={"device_encryption": False})
    text = pdf_text((_write(tmp_path, "measures", profile, "pdf") / "measures_de.pdf").read_bytes())
    open_items = text.split("Offene Punkte")[1]
    assert "Geräte vollständig verschlüsselt" in open_items
    assert "Nr. 7: Verschlüsselung umgesetzt" not in text  # § 22 Nr. 7 falls with it ...
    profile = make_profile(
        "b.yaml", activities__measures={"device_encryption": False, "content_encryption": True}
    )
    text = pdf_text(
        (_write(tmp_path / "b", "measures", profile, "pdf") / "measures_de.pdf").read_bytes()
    )
    assert "Nr. 7: Verschlüsselung umgesetzt" in text  # ... and stands on another measure


def test_no_bdsg_list_for_a_coach_or_abroad(
    tmp_path: Path, make_profile: Callable[..., Path]
) -> None:
    for name, changes in (
        ("coach.yaml", {"practitioner__profession": "coach"}),
        ("at.yaml", {"jurisdiction": {"country": "AT"}}),
    ):
        out = _write(tmp_path / f"out-{name}", "measures", make_profile(name, **changes), "pdf")
        assert "§ 22" not in pdf_text((out / "measures_de.pdf").read_bytes()), name
    out = _write(
        tmp_path / "out-ch",
        "measures",
        make_profile("ch.yaml", jurisdiction={"country": "CH"}),
        "pdf",
    )
    text = pdf_text((out / "measures_de.pdf").read_bytes())
    assert "Art. 8 DSG" in text and "DSGVO" not in text and "ß" not in text
