"""Table tests for the identifier detectors: valid and broken check digits, spellings, contexts."""

from __future__ import annotations

import pytest

from compliance.detectors import Category, scan_text


def found(text: str, category: Category) -> list[str]:
    return [text[f.start : f.end] for f in scan_text(text) if f.category is category]


POSITIVES = [
    # (text, category, expected value)
    ("Meine IBAN ist DE89 3704 0044 0532 0130 00.", Category.IBAN, "DE89 3704 0044 0532 0130 00"),
    ("IBAN DE89370400440532013000", Category.IBAN, "DE89370400440532013000"),
    ("My IBAN is GB29 NWBK 6016 1331 9268 19", Category.IBAN, "GB29 NWBK 6016 1331 9268 19"),
    ("AT61 1904 3002 3457 3201 bitte", Category.IBAN, "AT61 1904 3002 3457 3201"),
    ("BIC COBADEFFXXX für die Überweisung", Category.BIC, "COBADEFFXXX"),
    ("Karte 4111 1111 1111 1111 bitte", Category.PAYMENT_CARD, "4111 1111 1111 1111"),
    ("Karte 4111-1111-1111-1111", Category.PAYMENT_CARD, "4111-1111-1111-1111"),
    ("Amex 3782 822463 10005", Category.PAYMENT_CARD, "3782 822463 10005"),
    ("MC 2221 0000 0000 0009", Category.PAYMENT_CARD, "2221 0000 0000 0009"),
    ("Ruf an: 0171 2345678", Category.PHONE, "0171 2345678"),
    ("Tel. 0171/2345678", Category.PHONE, "0171/2345678"),
    ("Handy +49 171 2345678", Category.PHONE, "+49 171 2345678"),
    ("Tel.: +49 (0)89 1234567", Category.PHONE, "+49 (0)89 1234567"),
    ("call 0049 30 12345678", Category.PHONE, "0049 30 12345678"),
    ("mail: anna.k@example.de!", Category.EMAIL, "anna.k@example.de"),
    ("Steuer-ID 36574261809", Category.DE_TAX_ID, "36574261809"),
    ("IdNr 36 574 261 809", Category.DE_TAX_ID, "36 574 261 809"),
    ("Steuernummer 181/815/08155", Category.DE_TAX_NUMBER, "181/815/08155"),
    ("RV-Nr 15 070649 C 103", Category.DE_PENSION_NUMBER, "15 070649 C 103"),
    ("RVNR 15070649C103", Category.DE_PENSION_NUMBER, "15070649C103"),
    ("KVNR A000500015", Category.DE_HEALTH_INSURANCE_NUMBER, "A000500015"),
    ("Ausweis T220001293", Category.ID_DOCUMENT, "T220001293"),
    ("Personalausweis-Nr.: L01X00T471", Category.ID_DOCUMENT, "L01X00T471"),
    ("Reisepass C01X00T47", Category.ID_DOCUMENT, "C01X00T47"),
    ("AHV 756.9217.0769.85", Category.SOCIAL_SECURITY_NUMBER, "756.9217.0769.85"),
    ("SVNR 1237 010180", Category.SOCIAL_SECURITY_NUMBER, "1237 010180"),
    ("geboren am 12.03.1985", Category.DATE_OF_BIRTH, "12.03.1985"),
    ("Ich bin am 3.7.1990 geboren", Category.DATE_OF_BIRTH, "3.7.1990"),
    ("born on March 3, 1985", Category.DATE_OF_BIRTH, "March 3, 1985"),
    ("geb. 3. März 1985", Category.DATE_OF_BIRTH, "3. März 1985"),
    ("Ich wohne Hauptstraße 5, 10115 Berlin.", Category.ADDRESS, "Hauptstraße 5, 10115 Berlin"),
    ("Lange Straße 12a", Category.ADDRESS, "Lange Straße 12a"),
    ("PLZ 80331 München", Category.ADDRESS, "80331 München"),
    ("at 221B Baker Street", Category.ADDRESS, "221B Baker Street"),
    ("IP 192.168.178.20", Category.IP_ADDRESS, "192.168.178.20"),
    ("IPv6 2001:db8::1 ist", Category.IP_ADDRESS, "2001:db8::1"),
    (
        "https://zoom.us/j/123456?pwd=Rk5UZ0xlVj.",
        Category.URL_WITH_TOKEN,
        "https://zoom.us/j/123456?pwd=Rk5UZ0xlVj",
    ),
    (
        "https://chat.whatsapp.com/AbCdEf123",
        Category.URL_WITH_TOKEN,
        "https://chat.whatsapp.com/AbCdEf123",
    ),
    (
        "https://user:secret@example.com/x",
        Category.URL_WITH_TOKEN,
        "https://user:secret@example.com/x",
    ),
    ("Hallo Anna, wie geht's?", Category.PERSON_NAME, "Anna"),
    ("Liebe Frau Dr. Weber,", Category.PERSON_NAME, "Weber"),
    ("Eve is coming over tonight", Category.PERSON_NAME, "Eve"),
    ("Sean O'Brien called", Category.PERSON_NAME, "Sean O'Brien"),
    ("Anna I'm so sorry", Category.PERSON_NAME, "Anna"),  # "I'm" is no surname
    # Austrian academic titles stand between the form of address and the surname
    ("Grüß Gott Frau Mag. Gruber, danke", Category.PERSON_NAME, "Gruber"),
    ("Liebe Frau Mag.a Huber,", Category.PERSON_NAME, "Huber"),
    ("Sehr geehrte Frau Dr.in Novak,", Category.PERSON_NAME, "Novak"),
    ("Ich sprach mit Herrn Yilmaz.", Category.PERSON_NAME, "Yilmaz"),
    ("Viele Grüße\nKatrin Hoffmann", Category.PERSON_NAME, "Katrin Hoffmann"),
    ("ICD F32.1", Category.HEALTH, "F32.1"),
    ("ICD-10: F43.1 G", Category.HEALTH, "F43.1 G"),
]


@pytest.mark.parametrize(("text", "category", "value"), POSITIVES, ids=[p[0] for p in POSITIVES])
def test_detects(text: str, category: Category, value: str) -> None:
    assert found(text, category) == [value]


NEGATIVES = [
    # identifier-like values whose check fails, and harmless numbers
    ("IBAN DE89 3704 0044 0532 0130 01", Category.IBAN),
    ("Code ABCDEFGH ist super", Category.BIC),
    ("Code COBADEFF ohne Kontext", Category.BIC),
    ("Karte 4111 1111 1111 1112", Category.PAYMENT_CARD),
    ("Nummer 1234 5678 9012 3456", Category.PAYMENT_CARD),
    ("um 14:30 am 12.03.2025", Category.PHONE),
    ("Version 10.4.22.3", Category.IP_ADDRESS),
    ("Firmware 3.1.0.7 ist jetzt drauf", Category.IP_ADDRESS),
    ("Punkte 36574261808", Category.DE_TAX_ID),
    ("Nummer 11111111111", Category.DE_TAX_ID),
    ("RV-Nr 15 070649 C 104", Category.DE_PENSION_NUMBER),
    ("KVNR A000500016", Category.DE_HEALTH_INSURANCE_NUMBER),
    ("Code T220001294", Category.ID_DOCUMENT),
    ("Produkt L01X00T47", Category.ID_DOCUMENT),
    ("AHV 756.9217.0769.84", Category.SOCIAL_SECURITY_NUMBER),
    ("Bestellung 1237010180", Category.SOCIAL_SECURITY_NUMBER),
    ("Am 12.03.1985 war die Eröffnung", Category.DATE_OF_BIRTH),
    ("Geburtstag am 12.03.2099", Category.DATE_OF_BIRTH),
    ("Hallo zusammen, alles gut?", Category.PERSON_NAME),
    ("I wrote to Nana. Still have it.", Category.PERSON_NAME),  # a grandmother, no name
    ("so he can go be with nan. they're for his heart", Category.PERSON_NAME),
    ("Doc was impressed with the numbers", Category.PERSON_NAME),
    ("meet outside St Mary's as usual?", Category.PERSON_NAME),  # a saint's church
    ("Der Bus hält direkt vor St. Peter", Category.PERSON_NAME),
    ("Christmas Eve I'm driving up to Leeds", Category.PERSON_NAME),  # a holiday
    ("Guten Morgen Sonnenschein", Category.PERSON_NAME),
    ("Das Modell F32 Pro", Category.HEALTH),
    ("Autobahn A10 gesperrt", Category.HEALTH),
    ("the postcode is M14 for the drop off", Category.HEALTH),  # "code", but a postcode
    ("The practice is at M20 2RN, code on the door", Category.HEALTH),  # a UK postcode
    ("Der Rabattcode A10 gilt bis Freitag", Category.HEALTH),
    ("https://example.com/page?id=5", Category.URL_WITH_TOKEN),
    ("@anna hast du Zeit?", Category.EMAIL),
    ("Ich bin weg 5 Minuten", Category.ADDRESS),
    ("Es sind 80331 Besucher", Category.ADDRESS),
]


def test_a_helpline_is_a_phone_number_of_a_service() -> None:
    """A toll-free or premium number is a phone number as written (the labelling counts it),
    marked as a service's so that the audit can leave it out: it is nobody's personal data."""
    for text in ("Hotline 0800 1110111", "Telefonseelsorge 0800 111 0 222", "+49 800 1110111"):
        findings = scan_text(text)
        assert [(f.category, f.kind) for f in findings] == [(Category.PHONE, "service")], text
    assert [f.kind for f in scan_text("Ruf mich an: 0171 2345678")] == [None]


@pytest.mark.parametrize(("text", "category"), NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_ignores(text: str, category: Category) -> None:
    assert found(text, category) == []


def test_phone_region_is_configurable() -> None:
    text = "Handy 0664 1234567"
    for region in ("DE", "AT"):
        phones = [f for f in scan_text(text, region=region) if f.category is Category.PHONE]
        assert [(text[f.start : f.end], f.confidence) for f in phones] == [("0664 1234567", 0.95)]
    assert found("Handy +43 664 1234567", Category.PHONE) == ["+43 664 1234567"]


def test_tax_id_wins_over_phone_when_both_could_read_the_digits() -> None:
    text = "IdNr 36574261809"
    assert [f.category for f in scan_text(text)] == [Category.DE_TAX_ID]
