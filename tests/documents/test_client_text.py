"""The client-text check, and the consent form passing it in every variant a practice can have.

Every variant of profession × country × messenger × language × minor is built as a
Document (no rendering: fast); each distinct line is checked once. A sample of
variants is rendered to PDF and read back, as a client would receive it.
"""

from __future__ import annotations

import io
import itertools
from functools import cache
from typing import Any

import pytest
from pypdf import PdfReader

from compliance import catalog
from compliance.documents.client_text import client_text_problems
from compliance.documents.consent import build_consent
from compliance.profile import Country, PracticeProfile, Profession, load_profile
from compliance.render.pdf import render_pdf
from tests.conftest import REPO_ROOT
from tests.documents.conftest import pdf_text

NBSP = "\u00a0"

# (text, language, country, what the check must report; None = nothing)
CASES: list[tuple[str, str, str, str | None]] = [
    (f"Sie haben das Recht auf Auskunft (Art.{NBSP}15{NBSP}DSGVO).", "de", "DE", None),
    ("Laut einer einzelnen Sekundärquelle (giga.de) gilt das.", "de", "DE", "research note"),
    ("Ende-zu-Ende-verschlüsselt: ja (Allgemeinwissen)", "de", "DE", "research note"),
    ("Eintrag hier nicht prüfbar; direkt auf dataprivacyframework.gov prüfen.", "de", "DE", "note"),
    ("Signal (giga.de)", "de", "DE", "cited source"),
    ("Abgleich des Adressbuchs: unbekannt", "de", "DE", "'unknown'"),
    ("Address-book matching: unknown", "en", "DE", "'unknown'"),
    ("Ich willige **ausdrücklich** ein", "de", "DE", "Markdown"),
    ("Auto-Löschung per th_keep_messages_days", "de", "DE", "internal key"),
    ("Signal-Protokoll (Double Ratchet)", "de", "DE", "jargon"),
    ("Rechtsordnung (Land): IE", "de", "DE", "jargon"),
    ("Lesebestätigungen abschaltbar: yes", "de", "DE", "English word"),
    ("Vorlage consent 1.0.0", "de", "DE", "English word"),
    ("Daten werden auch außerhalb der Schweiz bearbeitet.", "de", "CH", "'ß'"),
    (f"Vertrag zur Auftragsverarbeitung (Art.{NBSP}28{NBSP}DSGVO)", "de", "CH", "EU law"),
    (f"Vertrag zur Auftragsbearbeitung (Art.{NBSP}9{NBSP}DSG)", "de", "CH", None),
    ("Die Akte bleibt zehn Jahre (§ 630f Abs. 3 BGB).", "de", "DE", "breakable space"),
    (f"Rechtsgrundlage: Art.{NBSP}6 Abs.{NBSP}1 lit. a DSGVO", "de", "DE", "breakable space"),
    ("innerhalb von 1 Werktagen", "de", "DE", "grammar"),
    ("Signal setzt bzw. setzen eine Telefonnummer voraus.", "de", "DE", "grammar"),
    ("Signal und WhatsApp setzt eine Telefonnummer voraus.", "de", "DE", "grammar"),
    ("Signal und WhatsApp setzen eine Telefonnummer voraus.", "de", "DE", None),
    (
        "Auf die Kopie habe ich keinen Einfluss; sie können Sie selbst löschen.",
        "de",
        "DE",
        "grammar",
    ),
    ("Unterschrift sorgeberechtigte Person", "de", "DE", "grammar"),
    ("Seite {page} von {pages}", "de", "DE", "placeholder"),
    ("Erreichbar unter praxis_x@example.de, https://www.example.de/kontakt_form", "de", "DE", None),
]


@pytest.mark.parametrize(("text", "language", "country", "expected"), CASES)
def test_check_reports_each_kind_of_defect(
    text: str, language: str, country: str, expected: str | None
) -> None:
    problems = client_text_problems(text, language, country)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in problem for problem in problems), problems


# --- every variant ------------------------------------------------------------------------

ADDRESSES = {
    Country.DE: {"street": "Musterstraße 12", "postal_code": "10115", "city": "Berlin"},
    Country.AT: {"street": "Währinger Gasse 3", "postal_code": "1090", "city": "Wien"},
    Country.CH: {"street": "Seefeldstrasse 40", "postal_code": "8008", "city": "Zürich"},
}


@cache
def _example() -> dict[str, Any]:
    return load_profile(REPO_ROOT / "examples" / "practice.yaml").model_dump(mode="python")


def variant(profession: Profession, country: Country, messenger: str) -> PracticeProfile:
    data = _example()
    return PracticeProfile.model_validate(
        {
            **data,
            "practitioner": {**data["practitioner"], "profession": profession, "gender": None},
            "practice": {**data["practice"], **ADDRESSES[country]},
            "jurisdiction": {
                "country": country,
                "state": "BE" if country is Country.DE else None,
            },
            "messaging": {**data["messaging"], "messengers": [messenger]},
        }
    )


def _footer(text: str) -> str:
    return text.replace("{page}", "1").replace("{pages}", "5")


@pytest.mark.parametrize("country", list(Country))
def test_every_variant_is_client_text(country: Country) -> None:
    seen: dict[str, str] = {}  # line -> the variant it was first seen in
    for profession, messenger, language, minor in itertools.product(
        list(Profession), sorted(catalog.messengers()), ["de", "en"], [False, True]
    ):
        document = build_consent(variant(profession, country, messenger), language, minor=minor)
        name = f"{profession.value}/{country.value}/{messenger}/{language}/minor={minor}"
        for line in [*document.text().split("\n"), _footer(document.meta.footer)]:
            seen.setdefault(f"{language}\t{line}", name)
    problems = []
    for key, name in seen.items():
        language, line = key.split("\t", 1)
        problems += [f"{name}: {p}" for p in client_text_problems(line, language, country.value)]
    assert problems == []


SAMPLE = [
    (Profession.PSYCHOTHERAPIST, Country.DE, "whatsapp", "de", False),
    (Profession.HEILPRAKTIKER_PSYCHOTHERAPY, Country.DE, "telegram", "de", True),
    (Profession.COACH, Country.AT, "element", "en", False),
    (Profession.PSYCHOLOGICAL_COUNSELLOR, Country.CH, "threema_work", "de", True),
]


@pytest.mark.parametrize(("profession", "country", "messenger", "language", "minor"), SAMPLE)
def test_rendered_sample_reads_as_client_text(
    profession: Profession, country: Country, messenger: str, language: str, minor: bool
) -> None:
    document = build_consent(variant(profession, country, messenger), language, minor=minor)
    pdf = render_pdf(document)
    # PDF text extraction turns no-break spaces into spaces: that check is for the Document.
    problems = [
        p
        for p in client_text_problems(pdf_text(pdf), language, country.value)
        if "breakable space" not in p
    ]
    assert problems == []
    tooltips = [
        str(f.get("/TU", "")) for f in (PdfReader(io.BytesIO(pdf)).get_fields() or {}).values()
    ]
    assert tooltips and not any("**" in tip for tip in tooltips)
