"""The consent form read back from real PDF and DOCX files holds every required element."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from compliance.documents.consent import build_consent
from compliance.profile import load_profile
from compliance.render.docx import render_docx
from compliance.render.pdf import render_pdf
from tests.documents.conftest import docx_text, pdf_text

COMMON = {
    "de": [
        "Einwilligung in die Kommunikation per Messenger",
        "Dr. phil. Anna Beispiel",
        "Musterstraße 12, 10115 Berlin",
        "praxis@beispiel-psychotherapie.de",
        # purposes and tick boxes
        "Terminabsprachen",
        "Audioaufnahmen von Übungen",
        "Diagnosen und Befunde",
        "Rechnungen",
        # risks
        "Metadaten",
        "Adressbuch",
        "Cloud-Sicherungen",
        "Verlust des Telefons",
        "Andere Personen mit Zugriff",
        "Weiterleiten und Bildschirmfotos",
        # legal bases
        "Art. 6 Abs. 1 lit. a DSGVO",
        "Art. 9 Abs. 2 lit. a DSGVO",
        "Art. 7 Abs. 4 DSGVO",
        "Art. 7 Abs. 3 DSGVO",
        "eine Nachricht im Messenger selbst",
        "höchstens 30 Tage",
        # Art. 13 rights and complaint
        "Art. 15 DSGVO",
        "Art. 16 DSGVO",
        "Art. 17 DSGVO",
        "Art. 18 DSGVO",
        "Art. 20 DSGVO",
        "Art. 22 DSGVO",
        "Art. 77 DSGVO",
        "Berliner Beauftragte für Datenschutz und Informationsfreiheit",
        "Alt-Moabit 59–61, 10555 Berlin",
        # no emergency channel
        "kein Notfallkanal",
        "112",
        "0800 111 0 111",
        "0800 111 0 222",
        # signatures and footer
        "Ort, Datum",
        "Unterschrift der Klientin/des Klienten",
        "Unterschrift Dr. phil. Anna Beispiel",
        "Vorlage „Einwilligung Messenger“, Version 2.0.1",
        "Das Wichtigste in Kürze",
        "Seite 1 von",
    ],
    "en": [
        "Consent to communication by messenger",
        "Dr. phil. Anna Beispiel",
        "Arranging appointments",
        "Audio recordings of exercises",
        "Diagnoses and findings",
        "Metadata",
        "Address book",
        "Cloud backups",
        "Loss of the phone",
        "Other people with access",
        "Forwarding and screenshots",
        "Art. 6(1)(a) GDPR",
        "Art. 9(2)(a) GDPR",
        "Art. 7(4) GDPR",
        "Art. 7(3) GDPR",
        "at most 30 days",
        "Art. 15 GDPR",
        "Art. 77 GDPR",
        "Alt-Moabit 59–61, 10555 Berlin",
        "not an emergency channel",
        "0800 111 0 111",
        "Place, date",
        "Signature of Dr. phil. Anna Beispiel",
        'Template "Messenger consent", version 2.0.1',
        "The essentials",
        "Page 1 of",
    ],
}
SECRECY = {
    "de": ["Entbindung von der Schweigepflicht", "§ 203 Abs. 1 Nr. 1 StGB"],
    "en": ["Release from confidentiality", "section 203(1) no. 1 of the German Criminal Code"],
}
THIRD_COUNTRY = {
    "de": [
        "Daten außerhalb der EU",
        "In Ländern ohne Angemessenheitsbeschluss der EU",
        "nimmt der Anbieter in eigener Verantwortung vor",
    ],
    "en": [
        "Data outside the EU",
        "In countries without an EU adequacy decision",
        "The provider makes these transfers under its own responsibility",
    ],
}
# Never printed: an Art. 49 consent the form does not collect (defect 4 of issue 17), the
# objection right although nothing rests on legitimate interests (defect 8), research notes.
NEVER = {
    "de": ["Art. 49", "Art. 21 DSGVO", "beruht allein", "unbekannt", "(nicht bestätigt)"],
    "en": ["Art. 49", "Art. 21 GDPR", "rests solely", "unknown", "(unverified)"],
}
CONTRACTUAL_CONFIDENTIALITY = {
    "de": "verpflichte mich Ihnen gegenüber dazu auch vertraglich",
    "en": "also commit myself to this towards you by contract",
}
MINOR = {
    "de": [
        "Hinweis für Minderjährige",
        "Einwilligungsfähigkeit",
        "Unterschrift der sorgeberechtigten Person",
        "Meine Einschätzung (von mir auszufüllen)",
        "116 111",
    ],
    "en": [
        "Note for minors",
        "capacity to consent",
        "Signature of the person with parental responsibility",
        "My assessment (to be completed by me)",
        "116 111",
    ],
}


def _texts(profile_path: Path, language: str, **options: object) -> list[str]:
    document = build_consent(load_profile(profile_path), language, **options)  # type: ignore[arg-type]
    return [pdf_text(render_pdf(document)), docx_text(render_docx(document))]


@pytest.mark.parametrize("language", ["de", "en"])
def test_psychotherapist_with_third_country_messenger(
    make_profile: Callable[..., Path], language: str
) -> None:
    path = make_profile(messaging__messengers=["signal"])
    for text in _texts(path, language, client="Şükrü Yılmaz"):
        for expected in COMMON[language] + SECRECY[language] + THIRD_COUNTRY[language]:
            assert expected in text, expected
        assert "Signal Messenger LLC" in text
        assert "Şükrü Yılmaz" in text
        for absent in MINOR[language] + NEVER[language]:
            assert absent not in text, absent


@pytest.mark.parametrize("language", ["de", "en"])
def test_coach_with_swiss_messenger_has_no_secrecy_or_transfer_clause(
    make_profile: Callable[..., Path], language: str
) -> None:
    path = make_profile(
        practitioner__profession="coach",
        practitioner__gender=None,
        messaging__messengers=["threema"],
    )
    for text in _texts(path, language, client="Łukasz Wójcik"):
        assert "Threema GmbH" in text
        assert "Łukasz Wójcik" in text
        for expected in COMMON[language]:
            if "Dr. phil. Anna Beispiel" in expected or "Alt-Moabit" in expected:
                continue
            assert expected in text, expected
        # Threema's data are in Switzerland, a third country with an adequacy decision: said
        # plainly, without the risk paragraph of transfers that have none (defect 7).
        assert "2000/518" in text
        assert CONTRACTUAL_CONFIDENTIALITY[language] in text
        for absent in SECRECY[language] + THIRD_COUNTRY[language][1:] + NEVER[language]:
            assert absent not in text, absent


@pytest.mark.parametrize("language", ["de", "en"])
def test_minor_gets_guardian_lines_and_capacity_note(
    make_profile: Callable[..., Path], language: str
) -> None:
    path = make_profile()
    for text in _texts(path, language, minor=True):
        for expected in MINOR[language]:
            assert expected in text, expected


def test_dpo_is_named_when_there_is_one(make_profile: Callable[..., Path]) -> None:
    path = make_profile(
        data_protection_officer={"name": "Max Datenschutz", "email": "dsb@example.de"}
    )
    for text in _texts(path, "de"):
        assert "Datenschutzbeauftragter: Max Datenschutz, dsb@example.de" in text
        assert "ist nicht benannt" not in text


@pytest.mark.parametrize(
    ("country", "state", "numbers", "authority"),
    [
        ("AT", None, ["144", "142"], "Barichgasse 40–42, 1030 Wien"),
        ("CH", None, ["144", "143"], "Feldeggweg 1, 3003 Bern"),
    ],
)
def test_austria_and_switzerland(
    make_profile: Callable[..., Path],
    country: str,
    state: str | None,
    numbers: list[str],
    authority: str,
) -> None:
    path = make_profile(jurisdiction={"country": country})
    (text, _) = _texts(path, "de")
    for number in numbers:
        assert number in text
    assert authority in text
    if country == "CH":
        assert "Art. 6 Abs. 7 lit. a DSG" in text and "Art. 321 StGB" in text
        assert "DSGVO)" not in text.replace("Art. 28 DSGVO) angeboten", "")
    else:
        assert "Art. 9 Abs. 2 lit. a DSGVO" in text and "§ 45 Psychotherapiegesetz 2024" in text


def test_pdf_has_one_form_check_box_per_choice(make_profile: Callable[..., Path]) -> None:
    import io

    from pypdf import PdfReader

    profile = load_profile(make_profile())
    pdf = render_pdf(build_consent(profile, "de"))
    fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    # five content types plus the separate explicit consent for health data
    assert len(fields) == len(profile.messaging.allowed_content) + 1


def test_same_inputs_give_identical_bytes(make_profile: Callable[..., Path]) -> None:
    profile = load_profile(make_profile())
    first = build_consent(profile, "de", client="Şükrü Yılmaz")
    second = build_consent(load_profile(make_profile()), "de", client="Şükrü Yılmaz")
    assert render_pdf(first) == render_pdf(second)
    assert render_docx(first) == render_docx(second)


def test_footer_traces_the_exact_template(make_profile: Callable[..., Path]) -> None:
    document = build_consent(load_profile(make_profile()), "de")
    assert document.meta.template_sha256[:12] in document.meta.footer
    assert document.meta.document_id in document.meta.footer
    other = build_consent(load_profile(make_profile()), "de", client="Jemand Anderes")
    assert other.meta.document_id != document.meta.document_id
