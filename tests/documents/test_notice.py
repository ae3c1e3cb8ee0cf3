"""The privacy notice (Art. 13) read back from its files, and the four documents agreeing."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from compliance import catalog
from compliance.audit.policy import policy_from
from compliance.profile import load_profile
from compliance.records.periods import rule_period
from tests.documents.conftest import EXAMPLE, docx_text, normalise, pdf_text
from tests.documents.records_helpers import AS_OF, client_text_problems, run

# Each Art. 13 item and a phrase of the notice that states it.
ART13_DE = {
    "1a controller": "Verantwortlich im Sinne der Datenschutz-Grundverordnung",
    "1b DPO": "Datenschutzbeauftragte",
    "1c purposes": "Wozu",
    "1c legal basis": "Rechtsgrundlage",
    "1d legitimate interests": "Meine berechtigten Interessen",
    "1e recipients": "Wer Ihre Daten erhält",
    "1f third countries": "Übermittlung in Länder außerhalb der EU",
    "1f copy of safeguards": "Eine Kopie der Garantien",
    "2a storage period": "Wie lange ich Ihre Daten aufbewahre",
    "2b access": "Art. 15 DSGVO",
    "2b rectification": "Art. 16 DSGVO",
    "2b erasure": "Art. 17 DSGVO",
    "2b restriction": "Art. 18 DSGVO",
    "2b portability": "Art. 20 DSGVO",
    "2b objection": "Art. 21 DSGVO",
    "2c withdrawal": "Art. 7 Abs. 3 DSGVO",
    "2d complaint": "Art. 77 DSGVO",
    "2e requirement": "Müssen Sie mir Daten geben?",
    "2f automated decisions": "Art. 22 DSGVO",
}
ART13_EN = {
    "1a controller": "The controller under the General Data Protection Regulation",
    "1b DPO": "data protection officer",
    "1c purposes": "What for",
    "1c legal basis": "Legal basis",
    "1d legitimate interests": "My legitimate interests",
    "1e recipients": "Who receives your data",
    "1f third countries": "Transfers to countries outside the EU",
    "1f copy of safeguards": "a copy of the safeguards",
    "2a storage period": "How long I keep your data",
    "2b access": "Art. 15 GDPR",
    "2b rectification": "Art. 16 GDPR",
    "2b erasure": "Art. 17 GDPR",
    "2b restriction": "Art. 18 GDPR",
    "2b portability": "Art. 20 GDPR",
    "2b objection": "Art. 21 GDPR",
    "2c withdrawal": "Art. 7(3) GDPR",
    "2d complaint": "Art. 77 GDPR",
    "2e requirement": "Do you have to give me data?",
    "2f automated decisions": "Art. 22 GDPR",
}


def _notice(tmp_path: Path, profile: Path, language: str) -> dict[str, str]:
    out = tmp_path / "notice"
    code, _, err = run(
        "notice",
        str(profile),
        "--lang",
        language,
        "--format",
        "pdf,docx,html,md",
        "-o",
        str(out),
    )
    assert code == 0, err
    stem = out / f"privacy-notice_{language}"
    return {
        "pdf": pdf_text(stem.with_suffix(".pdf").read_bytes()),
        "docx": docx_text(stem.with_suffix(".docx").read_bytes()),
        "html": (out / f"privacy-notice_{language}.html").read_text(encoding="utf-8"),
        "fragment": (out / f"privacy-notice_{language}.fragment.html").read_text(encoding="utf-8"),
        "md": (out / f"privacy-notice_{language}.md").read_text(encoding="utf-8"),
    }


def _record_json(tmp_path: Path, profile: Path, language: str) -> dict[str, object]:
    out = tmp_path / "record"
    code, _, err = run(
        "record",
        str(profile),
        "--lang",
        language,
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "-o",
        str(out),
    )
    assert code == 0, err
    data: dict[str, object] = json.loads(
        (out / f"record_{language}.json").read_text(encoding="utf-8")
    )
    return data


@pytest.mark.parametrize(("language", "items"), [("de", ART13_DE), ("en", ART13_EN)])
def test_every_art13_item(tmp_path: Path, language: str, items: dict[str, str]) -> None:
    texts = _notice(tmp_path, EXAMPLE, language)
    for fmt in ("pdf", "docx"):
        for item, phrase in items.items():
            assert normalise(phrase) in texts[fmt], (fmt, item)
    assert "Berliner Beauftragte für Datenschutz und Informationsfreiheit" in texts["pdf"] or (
        "Berlin Commissioner" in texts["pdf"]
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_recipient_and_period_of_the_record(tmp_path: Path, language: str) -> None:
    text = _notice(tmp_path, EXAMPLE, language)["pdf"]
    record = _record_json(tmp_path, EXAMPLE, language)
    for activity in record["activities"]:  # type: ignore[attr-defined]
        for recipient in activity["recipients"]:
            assert normalise(recipient["name"]) in text, recipient["name"]
        for period in activity["retention"]:
            assert normalise(f"{period['data']}: {period['period']}") in text, period
            assert normalise(period["source"]) in text, period["source"]


def test_record_notice_schedule_and_consent_agree_on_every_period(tmp_path: Path) -> None:
    record = _record_json(tmp_path, EXAMPLE, "de")
    notice = _notice(tmp_path, EXAMPLE, "de")["pdf"]
    out = tmp_path / "schedule"
    code, _, err = run(
        "retention",
        str(EXAMPLE),
        "--lang",
        "de",
        "--format",
        "csv",
        "--as-of",
        AS_OF,
        "-o",
        str(out),
    )
    assert code == 0, err
    schedule = {
        row[0]: row
        for row in csv.reader(
            io.StringIO((out / "retention_de.csv").read_text(encoding="utf-8-sig"))
        )
    }
    code, _, err = run("consent", str(EXAMPLE), "--lang", "de", "--format", "pdf", "-o", str(out))
    assert code == 0, err
    consent = pdf_text((out / "consent-messenger_de.pdf").read_bytes())
    for activity in record["activities"]:  # type: ignore[attr-defined]
        for period in activity["retention"]:
            line = normalise(f"{period['data']}: {period['period']} ({period['source']})")
            assert line in notice, line
            row = schedule[period["data"]]
            assert (normalise(row[1]), normalise(row[3])) == (
                normalise(period["period"]),
                normalise(period["source"]),
            )
    # The consent form names the treatment record's period and the messenger's days.
    periods = {p["data"]: p for a in record["activities"] for p in a["retention"]}  # type: ignore[attr-defined]
    treatment = periods["Behandlungsdokumentation (Patientenakte)"]
    assert normalise(f"{treatment['period']} auf ({treatment['source']})") in consent
    device = periods["Nachrichten und Medien im Messenger auf dem Gerät der Praxis"]
    days = re.match(r"(\d+)", device["period"])
    assert days is not None and f"höchstens {days.group(1)} Tage" in consent


def test_messenger_days_follow_the_profile_everywhere(
    tmp_path: Path, make_profile: Callable[..., Path]
) -> None:
    profile = make_profile(messaging__retention_days=14)
    notice = _notice(tmp_path, profile, "de")["pdf"]
    assert "Gerät der Praxis: 14 Tage nach Eingang" in notice
    assert "30 Tage" not in notice
    loaded = load_profile(profile)
    policy = policy_from(loaded, as_of=datetime(2026, 12, 7, 12), zone_name=None, me=())
    assert policy.retention_days == rule_period(loaded, "messenger_device").days == 14


@pytest.mark.parametrize("language", ["de", "en"])
def test_client_text_check_passes(tmp_path: Path, language: str) -> None:
    profile = load_profile(EXAMPLE)
    authority = catalog.competent_authority(profile)
    allowed = (str(profile.practice.website), authority.website)
    texts = _notice(tmp_path, EXAMPLE, language)
    for fmt in ("pdf", "docx"):
        assert client_text_problems(texts[fmt], allowed_urls=allowed) == [], fmt


def test_client_text_check_on_the_swiss_notice(
    tmp_path: Path, make_profile: Callable[..., Path]
) -> None:
    path = make_profile(jurisdiction={"country": "CH"})
    profile = load_profile(path)
    allowed = (str(profile.practice.website), catalog.competent_authority(profile).website)
    texts = _notice(tmp_path, path, "de")
    for fmt in ("pdf", "docx"):
        assert client_text_problems(texts[fmt], allowed_urls=allowed, swiss=True) == [], fmt
    assert "Art. 19 DSG" in texts["pdf"] and "Bekanntgabe ins Ausland" in texts["pdf"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Sitz: unbekannt", "unknown"),
        ("**fett**", "Markdown"),
        ("siehe https://example.org/quelle", "URL"),
        ("Massnahmen nach DSGVO", "DSGVO"),
        ("Maßnahmen", "ß"),
    ],
)
def test_the_client_text_check_can_fail(text: str, problem: str) -> None:
    problems = client_text_problems(text, swiss=True)
    assert any(problem in p for p in problems), problems


def test_html_fragment_is_pasteable(tmp_path: Path) -> None:
    texts = _notice(tmp_path, EXAMPLE, "de")
    fragment = texts["fragment"]
    assert fragment.startswith('<section class="privacy-notice" lang="de">')
    for absent in ("<html", "<head", "<style", "<script", "<body"):
        assert absent not in fragment
    assert "<h1>Datenschutzinformation</h1>" in fragment
    assert texts["html"].startswith("<!DOCTYPE html>") and "<script" not in texts["html"]
    assert "src=" not in texts["html"] and "<link" not in texts["html"]  # nothing loaded
    assert texts["md"].startswith("# Datenschutzinformation")


def test_notice_is_deterministic(tmp_path: Path) -> None:
    first = _notice(tmp_path / "a", EXAMPLE, "de")
    second = _notice(tmp_path / "b", EXAMPLE, "de")
    assert first == second
    a, b = tmp_path / "a" / "notice", tmp_path / "b" / "notice"
    for path in a.iterdir():
        assert path.read_bytes() == (b / path.name).read_bytes(), path.name


@pytest.mark.parametrize("country", ["DE", "AT", "CH"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_shared_client_text_check_passes_on_the_notice(
    make_profile: Callable[..., Path], country: str, language: str
) -> None:
    from compliance.documents.client_text import client_text_problems as shared_check
    from compliance.documents.notice import build_notice

    jurisdiction = {"country": country, "state": "BE"} if country == "DE" else {"country": country}
    profile = load_profile(make_profile(jurisdiction=jurisdiction))
    text = build_notice(profile, language).text()
    assert shared_check(text, language, country) == []
