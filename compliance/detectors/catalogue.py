"""The category catalogue: what each category means, how severe it is, and its GDPR basis."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from compliance.detectors.base import Category, Severity


class LegalBasis(StrEnum):
    """Why the GDPR cares: a special category (Art. 9), criminal data (Art. 10) or an identifier."""

    ART_9 = "Art. 9"
    ART_10 = "Art. 10"
    IDENTIFIER = "identifier"


@dataclass(frozen=True, slots=True)
class CategoryInfo:
    """One entry of the catalogue, as reports show it."""

    category: Category
    description_de: str
    description_en: str
    severity: Severity
    legal_basis: LegalBasis

    def description(self, lang: str) -> str:
        return self.description_de if lang == "de" else self.description_en


def _info(
    category: Category, de: str, en: str, severity: Severity, basis: LegalBasis
) -> CategoryInfo:
    return CategoryInfo(category, de, en, severity, basis)


_C, _H, _M, _L = Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW
_ID, _A9, _A10 = LegalBasis.IDENTIFIER, LegalBasis.ART_9, LegalBasis.ART_10

CATALOGUE: dict[Category, CategoryInfo] = {
    info.category: info
    for info in (
        _info(Category.IBAN, "Kontonummer (IBAN)", "bank account number (IBAN)", _H, _ID),
        _info(Category.BIC, "Bankleitzahl (BIC)", "bank identifier (BIC)", _L, _ID),
        _info(Category.PAYMENT_CARD, "Kreditkarten-/Kartennummer", "payment card number", _H, _ID),
        _info(Category.PHONE, "Telefonnummer", "phone number", _M, _ID),
        _info(Category.EMAIL, "E-Mail-Adresse", "e-mail address", _M, _ID),
        _info(Category.DE_TAX_ID, "Steuerliche Identifikationsnummer", "German tax ID", _H, _ID),
        _info(Category.DE_TAX_NUMBER, "Steuernummer", "German tax number", _H, _ID),
        _info(
            Category.DE_PENSION_NUMBER,
            "Rentenversicherungsnummer",
            "German pension insurance number",
            _H,
            _ID,
        ),
        _info(
            Category.DE_HEALTH_INSURANCE_NUMBER,
            "Krankenversichertennummer",
            "German health-insurance number",
            _H,
            _ID,
        ),
        _info(
            Category.ID_DOCUMENT,
            "Ausweis- oder Passnummer",
            "identity card or passport number",
            _H,
            _ID,
        ),
        _info(
            Category.SOCIAL_SECURITY_NUMBER,
            "Sozialversicherungsnummer (AT/CH)",
            "social security number (AT/CH)",
            _H,
            _ID,
        ),
        _info(Category.DATE_OF_BIRTH, "Geburtsdatum", "date of birth", _M, _ID),
        _info(Category.ADDRESS, "Postanschrift", "postal address", _M, _ID),
        _info(Category.IP_ADDRESS, "IP-Adresse", "IP address", _L, _ID),
        _info(
            Category.URL_WITH_TOKEN,
            "Link mit Zugangsschlüssel oder Sitzungskennung",
            "link carrying an access token or session id",
            _H,
            _ID,
        ),
        _info(Category.PERSON_NAME, "Name einer Person", "name of a person", _L, _ID),
        _info(
            Category.HEALTH,
            "Gesundheitsdaten (Diagnosen, Symptome, Medikamente, Behandlungen)",
            "health data (diagnoses, symptoms, medication, treatment)",
            _H,
            _A9,
        ),
        _info(
            Category.CRISIS,
            "Krisensprache (Suizidgedanken, Selbstverletzung)",
            "crisis language (suicidal thoughts, self-harm)",
            _C,
            _A9,
        ),
        _info(
            Category.SEX_LIFE_ORIENTATION,
            "Sexualleben oder sexuelle Orientierung",
            "sex life or sexual orientation",
            _H,
            _A9,
        ),
        _info(
            Category.RELIGION,
            "Religiöse oder weltanschauliche Überzeugung",
            "religious or philosophical belief",
            _H,
            _A9,
        ),
        _info(Category.POLITICAL_OPINION, "Politische Meinung", "political opinion", _H, _A9),
        _info(
            Category.TRADE_UNION, "Gewerkschaftszugehörigkeit", "trade-union membership", _H, _A9
        ),
        _info(
            Category.ETHNIC_ORIGIN,
            "Rassische oder ethnische Herkunft",
            "racial or ethnic origin",
            _H,
            _A9,
        ),
        _info(
            Category.GENETIC_BIOMETRIC,
            "Genetische oder biometrische Daten",
            "genetic or biometric data",
            _H,
            _A9,
        ),
        _info(
            Category.CRIMINAL,
            "Strafrechtliche Verurteilungen und Straftaten",
            "criminal convictions and offences",
            _H,
            _A10,
        ),
    )
}


@dataclass(frozen=True, slots=True)
class CrisisKindInfo:
    """What a crisis finding is about, how urgent it is, and what the practitioner can do."""

    kind: str
    label_de: str
    label_en: str
    explanation_de: str
    explanation_en: str
    severity: Severity

    def label(self, lang: str) -> str:
        return self.label_de if lang == "de" else self.label_en

    def explanation(self, lang: str) -> str:
        return self.explanation_de if lang == "de" else self.explanation_en


#: The kinds of crisis findings (``Finding.kind``), named by the lexicons' ``kind=`` option.
CRISIS_KINDS: dict[str, CrisisKindInfo] = {
    info.kind: info
    for info in (
        CrisisKindInfo(
            "self",
            "Krise der schreibenden Person",
            "crisis of the writer",
            "Zeitnah außerhalb des Chats Kontakt aufnehmen, die Gefährdung einschätzen, auf "
            "Notruf und Krisendienste hinweisen und das Vorgehen dokumentieren.",
            "Contact the person promptly outside the chat, assess the risk, point to "
            "emergency and crisis services, and document what you did.",
            Severity.CRITICAL,
        ),
        CrisisKindInfo(
            "third_person",
            "Krise einer anderen Person",
            "crisis of another person",
            "Die schreibende Person unterstützen, auf Notruf und Krisendienste für die "
            "gefährdete Person hinweisen und das Vorgehen dokumentieren.",
            "Support the writer, point to emergency and crisis services for the person at "
            "risk, and document what you did.",
            Severity.HIGH,
        ),
        CrisisKindInfo(
            "violence",
            "Gefahr durch eine andere Person",
            "danger from another person",
            "Bei akuter Gefahr auf den Notruf hinweisen, Schutzmöglichkeiten (Hilfetelefon, "
            "Schutzunterkunft, gerichtliche Schutzanordnung) ansprechen und das Vorgehen "
            "dokumentieren.",
            "In acute danger point to the emergency number, talk about protection "
            "(helplines, shelters, protection orders), and document what you did.",
            Severity.CRITICAL,
        ),
        CrisisKindInfo(
            "child",
            "Gefährdung eines Kindes",
            "a child at risk",
            "Die Gefährdung einschätzen, bei akuter Gefahr den Notruf oder das Jugendamt "
            "einbeziehen, die eigenen Befugnisse und Pflichten (in Deutschland §\u00a04 KKG) "
            "prüfen und das Vorgehen dokumentieren.",
            "Assess the risk; in acute danger involve the emergency services or child "
            "protection, check your own powers and duties to disclose, and document what "
            "you did.",
            Severity.CRITICAL,
        ),
        # found by the crisis weights, which judge a message as a whole and so cannot say
        # whose crisis it is
        CrisisKindInfo(
            "unspecified",
            "Krise, Art aus dem Wortlaut nicht bestimmt",
            "crisis, kind not determined from the wording",
            "Zeitnah außerhalb des Chats Kontakt aufnehmen, klären, wer gefährdet ist, auf "
            "Notruf und Krisendienste hinweisen und das Vorgehen dokumentieren.",
            "Contact the writer promptly outside the chat, find out who is at risk, point "
            "to emergency and crisis services, and document what you did.",
            Severity.CRITICAL,
        ),
    )
}
