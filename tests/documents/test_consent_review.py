"""Each defect of the consent form's legal review (issue 17), pinned on the built Document.

Texts are compared with no-break spaces folded to spaces, as a reader sees them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from compliance.cli import cli
from compliance.documents.consent import build_consent
from compliance.documents.model import Document
from compliance.documents.warnings import discouraged_messenger_warnings
from compliance.profile import load_profile
from compliance.render.docx import render_docx
from tests.documents.conftest import normalise


def _text(path: Path, language: str = "de", **options: Any) -> str:
    return normalise(build_consent(load_profile(path), language, **options).text())


def _document(path: Path, language: str = "de", **options: Any) -> Document:
    return build_consent(load_profile(path), language, **options)


AT = {"jurisdiction": {"country": "AT", "region": "Wien"}}
CH = {"jurisdiction": {"country": "CH", "region": "ZH"}}


def test_essentials_come_first(make_profile: Callable[..., Path]) -> None:
    document = _document(make_profile())
    assert document.blocks[0].text == "1. Das Wichtigste in Kürze"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("messenger", "present", "absent"),
    [
        # defect 6: no hard-coded "in particular in the USA"; Telegram is in Dubai
        (
            "telegram",
            ["Dubai", "In Ländern ohne Angemessenheitsbeschluss"],
            ["insbesondere in den USA"],
        ),
        # defect 7: Switzerland: a third country with an adequacy decision, without contradiction
        ("threema", ["Die Daten liegen in der Schweiz", "2000/518/EG"], ["Drittländer: nein"]),
        # defect 4: the provider is a controller of its own transfers; no Art. 49 consent claimed
        ("whatsapp", ["nimmt der Anbieter in eigener Verantwortung vor"], ["Art. 49"]),
        # defect 16: WhatsApp's upload happens with the contacts permission
        ("whatsapp", ["Wenn Sie WhatsApp den Zugriff auf Ihre Kontakte erlauben"], []),
        # defect 16: Signal's and Threema's end-to-end encryption are documented facts
        (
            "signal",
            ["nicht der Anbieter."],
            ["Gruppenchats: Den Inhalt können nur Sie und ich lesen, nicht der Anbieter. (nach"],
        ),
        # defect 3: no country codes, no protocol jargon
        ("whatsapp", ["Sitz: Irland"], ["IE", "Signal-Protokoll"]),
    ],
)
def test_transfers_and_messenger_facts(
    make_profile: Callable[..., Path], messenger: str, present: list[str], absent: list[str]
) -> None:
    text = _text(make_profile(messaging__messengers=[messenger]))
    for expected in present:
        assert expected in text, expected
    for unexpected in absent:
        assert unexpected not in text, unexpected


def test_swiss_form_uses_swiss_law_and_spelling(make_profile: Callable[..., Path]) -> None:
    path = make_profile(
        **CH,
        messaging__messengers=["whatsapp", "threema_work"],
        messaging__processing_agreements={"threema_work": "2026-01-15"},
    )
    text = _text(path)
    assert "Swiss-US Data Privacy Framework" in text and "15. September 2024" in text
    assert "Vertrag zur Auftragsbearbeitung geschlossen (Art. 9 DSG)" in text
    assert "Art. 31 Abs. 1 DSG" in text
    assert "eidgenössisch anerkannte Psychotherapeutin" in text
    client_text = text.replace("Musterstraße", "")
    for absent in ("DSGVO", "ß", "Angemessenheitsbeschluss der EU", "approbiert"):
        assert absent not in client_text, absent
    assert "Musterstraße" in text  # the practice's own address keeps its spelling


def test_record_basis_and_withdrawal(make_profile: Callable[..., Path]) -> None:
    # defect 8: content in the record rests on the duty to document, not on consent
    therapist = _text(make_profile())
    assert "Art. 9 Abs. 2 lit. h DSGVO in Verbindung mit § 22 Abs. 1 Nr. 1 lit. b BDSG" in therapist
    assert "Ein Widerruf entfernt diese Inhalte deshalb nicht" in therapist
    assert "beruht allein" not in therapist and "Art. 21 DSGVO" not in therapist
    coach = _text(make_profile(practitioner__profession="coach"))
    assert "Art. 6 Abs. 1 lit. b DSGVO" in coach and "lit. h" not in coach
    # defect 9: what happens without the health-data tick
    assert "Ohne dieses Kreuz kommunizieren wir deshalb nicht per Messenger" in therapist
    assert "nur zu Terminen und Organisatorischem" in coach


@pytest.mark.parametrize(
    ("changes", "present", "absent"),
    [
        # defect 10: Heilpraktiker, even with the override: contractual confidentiality
        (
            {
                "practitioner__profession": "heilpraktiker_psychotherapy",
                "confidentiality": {"secrecy_duty_applies": True},
            },
            ["auch vertraglich"],
            ["§ 203", "Schweigepflicht gegenüber dem Anbieter"],
        ),
        # defect 11: § 203 Abs. 1 Nr. 2 only with a state-recognised psychology degree
        (
            {"practitioner__profession": "psychological_counsellor"},
            ["auch vertraglich"],
            ["§ 203"],
        ),
        (
            {
                "practitioner__profession": "psychological_counsellor",
                "practitioner__state_recognised_psychology_degree": True,
            },
            ["§ 203 Abs. 1 Nr. 2 StGB"],
            ["Als psychologische"],
        ),
        # defect 12: a signed agreement (with its date) and the § 203 Abs. 3/4 route
        (
            {
                "messaging__messengers": ["threema_work"],
                "messaging__processing_agreements": {"threema_work": "2026-01-15"},
            },
            ["Am 15. Januar 2026 habe ich mit dem Anbieter", "§ 203 Abs. 3 Satz 2 StGB"],
            ["bietet einen Vertrag"],
        ),
        # offered is not signed
        (
            {"messaging__messengers": ["threema_work"]},
            ["keinen Vertrag zur Auftragsverarbeitung geschlossen"],
            ["§ 203 Abs. 3"],
        ),
        # defect 13: Austrian title; no "Praxis" forced on the wording
        (AT, ["Psychotherapeutin (eingetragen in die Psychotherapeutenliste)"], ["approbiert"]),
        # defect 19: plurals and verb agreement
        (
            {"availability__response_time_working_days": 1},
            ["innerhalb von einem Werktag"],
            ["1 Werktag"],
        ),
        (
            {"messaging__messengers": ["signal", "whatsapp", "threema"]},
            ["Signal und WhatsApp setzen eine Telefonnummer voraus"],
            ["bzw."],
        ),
        (
            {"messaging__messengers": ["signal", "threema"]},
            ["Signal setzt eine Telefonnummer voraus"],
            ["Threema setzt"],
        ),
        # defect 18: read receipts in both settings
        ({"messaging__read_receipts": True}, ["Lesebestätigungen sind bei mir eingeschaltet"], []),
        ({}, ["Lesebestätigungen habe ich ausgeschaltet, soweit"], ["Auch wenn Ihr Messenger"]),
    ],
)
def test_professions_agreements_and_wording(
    make_profile: Callable[..., Path],
    changes: dict[str, Any],
    present: list[str],
    absent: list[str],
) -> None:
    text = _text(make_profile(**changes))
    for expected in present:
        assert expected in text, expected
    for unexpected in absent:
        assert unexpected not in text, unexpected


@pytest.mark.parametrize(
    ("changes", "present", "absent"),
    [
        (
            {},
            ["Unterschrift der sorgeberechtigten Person", "Einwilligungsfähigkeit", "116 111"],
            ["Das habe ich im Gespräch geprüft", "obsorge"],
        ),
        (
            AT,
            ["obsorgeberechtigten Person", "§ 173 Abs. 1 ABGB", "§ 167 Abs. 1 ABGB", "147"],
            ["sorgeberechtigten Personen", "beide Elternteile"],
        ),
        (
            CH,
            ["Art. 19c Abs. 1 ZGB", "Inhabers der elterlichen Sorge", "147"],
            ["sorgeberechtigte", "beide Elternteile"],
        ),
    ],
)
def test_minors_per_country(
    make_profile: Callable[..., Path],
    changes: dict[str, Any],
    present: list[str],
    absent: list[str],
) -> None:
    text = _text(make_profile(**changes), minor=True)
    for expected in present:
        assert expected in text, expected
    for unexpected in absent:
        assert unexpected not in text, unexpected
    assert (
        "nicht einwilligungsfähig" in text
        or "nicht entscheidungsfähig" in text
        or ("nicht urteilsfähig" in text)
    )


@pytest.mark.parametrize(
    ("changes", "numbers"),
    [({}, ["110", "116 117"]), (AT, ["133"]), (CH, ["117"])],
)
def test_emergency_numbers(
    make_profile: Callable[..., Path], changes: dict[str, Any], numbers: list[str]
) -> None:
    adult = _text(make_profile(**changes))
    for number in numbers:
        assert f" {number}:" in f" {adult}" or f"{number}:" in adult, number
    youth = {"DE": "116 111", "AT": "147", "CH": "147"}
    country = changes.get("jurisdiction", {}).get("country", "DE")
    assert f"{youth[country]}:" not in adult  # youth lines only on forms for minors
    assert f"{youth[country]}:" in _text(make_profile(**changes), minor=True)
    # defect 15: one service, one line
    assert adult.count("TelefonSeelsorge (evangelische") <= 1


def test_discouraged_messenger_warns_the_practitioner(make_profile: Callable[..., Path]) -> None:
    profile = load_profile(make_profile(messaging__messengers=["whatsapp"]))
    (warning,) = discouraged_messenger_warnings(profile)
    assert "WhatsApp is discouraged" in warning and "source:" in warning
    assert "Datenschutzkonferenz" in warning
    assert discouraged_messenger_warnings(load_profile(make_profile())) == []
    # the client reads the risk neutrally, without sources
    text = _text(make_profile(messaging__messengers=["whatsapp"]))
    assert "Hinweis: Datenschutz-Aufsichtsbehörden sehen WhatsApp" in text
    assert "source" not in text


def test_cli_prints_the_warning_on_stderr(
    make_profile: Callable[..., Path], tmp_path: Path
) -> None:
    path = make_profile(messaging__messengers=["telegram"])
    result = CliRunner().invoke(
        cli, ["consent", str(path), "--lang", "de", "--format", "pdf", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert "warning: Telegram is discouraged" in result.stderr
    assert "warning:" not in result.stdout


def test_processing_agreement_must_name_a_used_messenger(
    make_profile: Callable[..., Path],
) -> None:
    path = make_profile(messaging__processing_agreements={"wire": "2026-01-15"})
    result = CliRunner().invoke(cli, ["consent", str(path)])
    assert result.exit_code == 3
    assert "processing_agreements names 'wire'" in result.stderr


def test_docx_keeps_signatures_whole_and_names_no_font(make_profile: Callable[..., Path]) -> None:
    data = render_docx(_document(make_profile(), minor=True))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
    assert body.count("<w:cantSplit/>") >= 8  # two rows per signature line, four lines
    # the declaration keeps with the signature below it
    declaration = body.index("Ich habe diese Information gelesen")
    assert "<w:keepNext/>" in body[body.rfind("<w:p>", 0, declaration) : declaration]
    assert "Arial" not in styles and "Arial" not in body


def test_template_version_is_in_the_footer(make_profile: Callable[..., Path]) -> None:
    document = _document(make_profile())
    assert document.meta.template_version == "2.0.1"
    assert "Version 2.0.1" in document.meta.footer and "consent" not in document.meta.footer


def test_agreement_date_is_a_date(make_profile: Callable[..., Path]) -> None:
    profile = load_profile(
        make_profile(
            messaging__messengers=["wire"], messaging__processing_agreements={"wire": "2025-03-12"}
        )
    )
    assert profile.messaging.processing_agreements == {"wire": date(2025, 3, 12)}
    assert "On 12 March 2025 I signed" in normalise(build_consent(profile, "en").text())


@pytest.mark.parametrize("minor", [False, True])
def test_pdf_declaration_and_signature_share_a_page(
    make_profile: Callable[..., Path], minor: bool
) -> None:
    from pypdf import PdfReader

    from compliance.render.pdf import render_pdf

    pdf = render_pdf(_document(make_profile(), minor=minor))
    pages = [normalise(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]
    (declaration,) = [i for i, text in enumerate(pages) if "Einwilligungserklärung" in text]
    assert "Ich habe diese Information gelesen" in pages[declaration]
    assert "Unterschrift der Klientin/des Klienten" in pages[declaration]
    # no page is left with only a heading at its foot: every heading has text after it
    for text in pages:
        assert (
            not text.rstrip().split("Dokument MC-")[0].rstrip().endswith("Einwilligungserklärung")
        )


def test_sources_go_to_the_practices_annex_never_the_form(
    make_profile: Callable[..., Path], tmp_path: Path
) -> None:
    from compliance.documents.sources import build_sources

    path = make_profile(messaging__messengers=["signal"])
    annex = normalise(build_sources(load_profile(path), "de").text())
    form = _text(path)
    for source in ("owl-journal.de quoting VZ NRW", "geprüft am 2026-11-27", "signal.org/docs"):
        assert source in annex and source not in form, source
    assert "Double Ratchet" in annex  # the research note, for the practitioner only
    result = CliRunner().invoke(
        cli,
        ["consent", str(path), "--sources", "--lang", "en", "--format", "pdf", "-o", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "consent-messenger-sources_en.pdf",
        "consent-messenger_en.pdf",
    ]
