"""The messenger-use agreement read back from real PDF and DOCX files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from compliance.documents.agreement import build_agreement
from compliance.documents.client_text import client_text_problems
from compliance.profile import load_profile
from compliance.render.docx import render_docx
from compliance.render.pdf import render_pdf
from tests.documents.conftest import EXAMPLE, docx_text, pdf_text

AS_OF = date(2026, 12, 7)

EXPECTED = {
    "de": [
        "Vereinbarung zur Nutzung von Messengern",
        "Montag 09:00–12:00 und 14:00–17:00",
        "Samstag nicht erreichbar",
        "Freitag, 25. Dezember 2026: Erster Weihnachtstag",
        "Mittwoch, 23. Dezember 2026 bis einschließlich Sonntag, 3. Januar 2027",
        "innerhalb von 2 Werktagen",
        "Lesebestätigungen sind bei mir ausgeschaltet",
        "Online-Status",
        "Bewusst langsam",
        "kein Notfallkanal",
        "112",
        "0800 111 0 111",
        "Signal setzt eine Telefonnummer voraus",
        "Bildschirmfotos von Arbeitsergebnissen",
        "Gruppenchats nutze ich mit Klientinnen und Klienten nicht",
        "Vorschau von Nachrichten auf dem Sperrbildschirm",
        "Innerhalb von 30 Tagen nach dem letzten Termin",
        "Unterschrift Dr. phil. Anna Beispiel",
        "Vorlage „Vereinbarung Messenger“, Version 1.0.0",
        "Seite 1 von",
    ],
    "en": [
        "Agreement on the use of messengers",
        "Monday 09:00–12:00 and 14:00–17:00",
        "Friday, 25 December 2026: Christmas Day",
        "within 2 working days",
        "Read receipts are switched off",
        "Slowing down on purpose",
        "not an emergency channel",
        "0800 111 0 111",
        "Signal requires a phone number",
        "message previews on the lock screen",
        "Template \"Messenger agreement\", version 1.0.0",
    ],
}


def _reader(fmt: str) -> Callable[[bytes], str]:
    return pdf_text if fmt == "pdf" else docx_text


def _render(fmt: str) -> Callable[..., bytes]:
    return render_pdf if fmt == "pdf" else render_docx


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_agreement_holds_every_element(language: str, fmt: str) -> None:
    document = build_agreement(load_profile(EXAMPLE), language, as_of=AS_OF)
    text = _reader(fmt)(_render(fmt)(document))
    missing = [phrase for phrase in EXPECTED[language] if phrase not in text]
    assert not missing
    assert not client_text_problems(document.text(), language, "DE")


def _risks(profile_path: Path, language: str = "de") -> list[str]:
    document = build_agreement(load_profile(profile_path), language, as_of=AS_OF)
    return [
        line
        for line in document.text().splitlines()
        if line.startswith(
            (
                "Telefonnummer",
                "Adressbuch",
                "Sitz des",
                "Verarbeitung im",
                "Eigene Verantwortung",
                "Keine",
                "Löschen",
                "Verschlüsselung",
            )
        )
    ]


def test_threema_and_whatsapp_have_different_risks(make_profile: Callable[..., Path]) -> None:
    whatsapp = _risks(make_profile("w.yaml", messaging__messengers=["whatsapp"]))
    threema = _risks(make_profile("t.yaml", messaging__messengers=["threema"]))
    assert whatsapp != threema
    # WhatsApp: confirmed facts are stated as certain.
    assert any("WhatsApp gleicht das Adressbuch" in line for line in whatsapp)
    assert any("WhatsApp setzt eine Telefonnummer voraus" in line for line in whatsapp)
    # Threema needs no phone number; its unconfirmed facts are only possibilities.
    assert not any("Telefonnummer" in line for line in threema)
    assert any("freiwillig" in line for line in threema)
    # Its data stay in Switzerland, which has an EU adequacy decision: no third-country risk.
    assert not any(line.startswith("Verarbeitung im Ausland") for line in threema)
    art28 = [line for line in threema if line.startswith("Eigene Verantwortung")]
    assert art28 and "möglicherweise" in art28[0]  # an unverified fact stays a possibility


def test_unconfirmed_fact_is_not_stated_as_certain(make_profile: Callable[..., Path]) -> None:
    # Signal's Art. 28 fact is unverified; its address-book fact unknown.
    risks = _risks(make_profile("s.yaml", messaging__messengers=["signal"]))
    art28 = [line for line in risks if line.startswith("Eigene Verantwortung")]
    assert art28 and "möglicherweise" in art28[0]
    book = [line for line in risks if line.startswith("Adressbuch")]
    assert book and "möglicherweise" in book[0]


def _holidays(profile_path: Path) -> set[str]:
    text = build_agreement(load_profile(profile_path), "de", as_of=AS_OF).text()
    return {
        line.split(": ", 1)[1]
        for line in text.splitlines()
        if line[:1].isupper()
        and " 202" in line
        and ": " in line
        and line.split(",")[0]
        in {"Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"}
    }


def test_bavaria_and_berlin_have_different_holidays(make_profile: Callable[..., Path]) -> None:
    berlin = _holidays(make_profile("be.yaml", jurisdiction__state="BE"))
    bavaria = _holidays(make_profile("by.yaml", jurisdiction__state="BY"))
    assert "Frauentag" in berlin and "Frauentag" not in bavaria
    assert "Heilige Drei Könige" in bavaria and "Heilige Drei Könige" not in berlin


def test_holidays_cover_exactly_twelve_months() -> None:
    text = build_agreement(load_profile(EXAMPLE), "de", as_of=date(2027, 1, 2)).text()
    assert "Freitag, 1. Januar 2027" not in text  # before the first day
    assert "Samstag, 1. Januar 2028: Neujahr" in text  # the last day of the twelve months
    assert "Karfreitag" in text and "April 2028" not in text


def test_minor_has_guardians_and_youth_lines() -> None:
    profile = load_profile(EXAMPLE)
    minor = build_agreement(profile, "de", as_of=AS_OF, minor=True).text()
    adult = build_agreement(profile, "de", as_of=AS_OF).text()
    assert minor.count("Unterschrift sorgeberechtigte Person") == 2
    assert "sorgeberechtigte" not in adult
    assert "116 111" in minor and "116 111" not in adult


def test_swiss_agreement_has_no_sharp_s(make_profile: Callable[..., Path]) -> None:
    path = make_profile(
        "ch.yaml", jurisdiction={"country": "CH", "region": "ZH"}, timezone="Europe/Zurich"
    )
    document = build_agreement(load_profile(path), "de", as_of=AS_OF)
    text = pdf_text(render_pdf(document))
    assert "143" in text and "Auffahrt" in text
    assert "Auftragsbearbeitung" in text and "Auftragsverarbeitung" not in text
    assert not client_text_problems(document.text(), "de", "CH")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_agreement_is_deterministic(fmt: str) -> None:
    profile = load_profile(EXAMPLE)
    render = _render(fmt)
    first = render(build_agreement(profile, "de", as_of=AS_OF, client="Şükrü Yılmaz"))
    second = render(build_agreement(profile, "de", as_of=AS_OF, client="Şükrü Yılmaz"))
    assert first == second


def test_client_text_check_can_fail() -> None:
    assert client_text_problems("Quelle: https://example.org, **fett**, unbekannt", "de", "DE")
    assert client_text_problems("Strasse und Straße", "de", "CH")
