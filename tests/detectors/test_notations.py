"""Identifier notations as people write them (issue 19, item 4): addresses in UK, US, Austrian
and Swiss form, KVNR and ID documents without a label before them, birth dates with the birth
word further on, a BIC beside its IBAN, US social security and phone numbers.

Each case must be found for its structure or check digits; each near miss has the same
shape and fails the check or lacks what the notation needs.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detectors import scan_text
from compliance.detectors.checkdigits import is_valid_health_insurance_number


def found(text: str, category: str) -> list[str]:
    return [text[f.start : f.end] for f in scan_text(text) if f.category.value == category]


FOUND = [
    # UK and US street addresses, with the town and postcode as one span
    ("new address: 14 Acacia Road, Leeds LS6 2AB", "ADDRESS", "14 Acacia Road, Leeds LS6 2AB"),
    ("send it to 9 Mill Lane please", "ADDRESS", "9 Mill Lane"),
    ("c/o J. Fox, 7 Abbey Mews, York YO1 7HH", "ADDRESS", "7 Abbey Mews, York YO1 7HH"),
    ("ich wohne jetzt 3 Kings Rd, Brighton BN1 2PF", "ADDRESS", "3 Kings Rd, Brighton BN1 2PF"),
    ("flat 2, 48 park view, glasgow g3 6bn", "ADDRESS", "flat 2, 48 park view, glasgow g3 6bn"),
    (
        "ship it to 500 Pine Ave, Unit 4, Portland, OR 97205",
        "ADDRESS",
        "500 Pine Ave, Unit 4, Portland, OR 97205",
    ),
    ("I'm at 1600 E 52nd St, Seattle, WA 98105", "ADDRESS", "1600 E 52nd St, Seattle, WA 98105"),
    ("my address is 12 oak rd", "ADDRESS", "12 oak rd"),
    (
        "Apt 4B, 350 W 42nd St, New York, NY 10036",
        "ADDRESS",
        "Apt 4B, 350 W 42nd St, New York, NY 10036",
    ),
    (
        "at 1600 Elm Avenue NW, Washington, DC 20500",
        "ADDRESS",
        "1600 Elm Avenue NW, Washington, DC 20500",
    ),
    ("Wienzeile 4, 1060 Wien", "ADDRESS", "Wienzeile 4, 1060 Wien"),
    # streets named without a street word, known by number, postcode and town
    ("Adresse: Am Mühlenberg 3a, 14469 Potsdam", "ADDRESS", "Am Mühlenberg 3a, 14469 Potsdam"),
    ("Unter den Linden 5, 10117 Berlin", "ADDRESS", "Unter den Linden 5, 10117 Berlin"),
    ("wohne jetzt Sonnenhof 12, 8010 Graz", "ADDRESS", "Sonnenhof 12, 8010 Graz"),
    (
        "meine Adresse: Lerchenfelder Gürtel 43/12, 1070 Wien. Liebe Grüße",
        "ADDRESS",
        "Lerchenfelder Gürtel 43/12, 1070 Wien",
    ),
    (
        "Im Winkel 7, 79098 Freiburg im Breisgau",
        "ADDRESS",
        "Im Winkel 7, 79098 Freiburg im Breisgau",
    ),
    # Austrian and Swiss addresses, German lower case with postcode and town
    ("Hauptstrasse 5, 8001 Zürich", "ADDRESS", "Hauptstrasse 5, 8001 Zürich"),
    (
        "bin jetzt Mariahilfer Straße 12/3/7, 1060 Wien.",
        "ADDRESS",
        "Mariahilfer Straße 12/3/7, 1060 Wien",
    ),
    ("adresse: lindenweg 4, 04109 leipzig", "ADDRESS", "lindenweg 4, 04109 leipzig"),
    ("ich wohne jetzt lindenweg 4a", "ADDRESS", "lindenweg 4a"),
    # KVNR in the card's notation or glued lower case, no label needed
    ("auf der Karte steht B 123 456 782", "DE_HEALTH_INSURANCE_NUMBER", "B 123 456 782"),
    ("hier die von Mama: b123456782", "DE_HEALTH_INSURANCE_NUMBER", "b123456782"),
    ("Versichertennr. A123 456 780", "DE_HEALTH_INSURANCE_NUMBER", "A123 456 780"),
    # an ID document word after the number
    ("L01X00T47 hab ich angegeben, das ist meine Ausweisnummer", "ID_DOCUMENT", "L01X00T47"),
    ("I wrote C01X00T47 down, it's my passport", "ID_DOCUMENT", "C01X00T47"),
    # birth dates: the word later in the sentence, "3rd of March"
    (
        "Im Pass steht 03.07.1990, weiß aber keiner genau wann ich geboren bin",
        "DATE_OF_BIRTH",
        "03.07.1990",
    ),
    ("I was born on the 3rd of March 1985", "DATE_OF_BIRTH", "3rd of March 1985"),
    ("born on the 3rd of July, 1990", "DATE_OF_BIRTH", "3rd of July, 1990"),
    ("(+49) 171 2345678 ist meine neue", "PHONE", "(+49) 171 2345678"),
    # a BIC beside an IBAN of its country, without a bank word
    ("NL91ABNA0417164300 / RABONL2U", "BIC", "RABONL2U"),
    # a US social security number in its own layout; a US number with spaces by a phone word
    ("the clinic needs 536-22-1460 for mom", "SOCIAL_SECURITY_NUMBER", "536-22-1460"),
    ("my cell is 415 823 4471", "PHONE", "415 823 4471"),
    ("call me 1-415-823-4471", "PHONE", "1-415-823-4471"),
    ("my SSN is 536 22 1460", "SOCIAL_SECURITY_NUMBER", "536 22 1460"),
    # month-day-year with dashes, a two-digit year, "b." for born
    ("born 03-14-1985 in Ohio", "DATE_OF_BIRTH", "03-14-1985"),
    ("geb. 1.3.87", "DATE_OF_BIRTH", "1.3.87"),
    ("Sam Hill, b. 14/02/1990", "DATE_OF_BIRTH", "14/02/1990"),
]


@pytest.mark.parametrize(("text", "category", "value"), FOUND, ids=[c[0] for c in FOUND])
def test_notation_is_found(text: str, category: str, value: str) -> None:
    assert found(text, category) == [value]


NOT_FOUND = [
    # a number, words and a street word, but no capital, postcode or address word
    ("take the 5 minute walk from the station", "ADDRESS"),
    ("we did 2 big road trips last summer", "ADDRESS"),
    ("in 2 Wochen St. Moritz", "ADDRESS"),
    ("Ich bin weg 5 Minuten", "ADDRESS"),
    ("Termin 3, 10115 Berlin", "ADDRESS"),
    # a seat, a parking spot, a platform: a street word without a street
    ("Wagen 7, Platz 45", "ADDRESS"),
    ("ich steh auf Parkplatz 5", "ADDRESS"),
    ("Bahnsteig 3, Gleis 4", "ADDRESS"),
    ("bin weg 5 min", "ADDRESS"),
    ("Seit 2019, 2020 Berlin", "ADDRESS"),
    ("3 days till the Street Parade", "ADDRESS"),
    # a town and a postcode alone, a state without its ZIP, a wrong state
    ("born in Leeds LS6 2AB", "ADDRESS"),
    ("12 oak rd, Springfield, XX 62704", "ADDRESS"),
    # KVNR: check digit fails; a loose letter before nine compact digits
    ("auf der Karte steht B 123 456 783", "DE_HEALTH_INSURANCE_NUMBER"),
    ("hier: b123456783", "DE_HEALTH_INSURANCE_NUMBER"),
    ("Versichertennr. A123 456 789", "DE_HEALTH_INSURANCE_NUMBER"),
    ("Bestellung b 123456782 ist da", "DE_HEALTH_INSURANCE_NUMBER"),
    # ID document word after a number that fails its check digit and has no word before
    ("Code T220001294 ist mein Ausweis", "ID_DOCUMENT"),
    # an appointment this year with a birthday later in the sentence
    ("Termin am 12.03.2099, danach hat Lea Geburtstag", "DATE_OF_BIRTH"),
    # an 8-letter word that is a valid BIC shape, beside an IBAN of another country
    ("NL91ABNA0417164300 FEEDBACK", "BIC"),
    ("FEEDBACK ist wichtig", "BIC"),
    # an order number in the SSN layout, an invalid area
    ("order 536-22-1460 shipped", "SOCIAL_SECURITY_NUMBER"),
    ("the clinic needs 666-22-1460", "SOCIAL_SECURITY_NUMBER"),
    # spaced US digits without a phone word
    ("Bestellung 415 823 4471", "PHONE"),
    # a spaced SSN without its word, a short date without a birth word
    ("the clinic needs 536 22 1460", "SOCIAL_SECURITY_NUMBER"),
    ("Termin 1.3.87", "DATE_OF_BIRTH"),
    ("born 13-14-1985 in Ohio", "DATE_OF_BIRTH"),
]


@pytest.mark.parametrize(("text", "category"), NOT_FOUND, ids=[c[0] for c in NOT_FOUND])
def test_near_miss_is_not_found(text: str, category: str) -> None:
    assert found(text, category) == []


def _kvnr_check_digit(letter: str, digits: str) -> str:
    return next(d for d in "0123456789" if is_valid_health_insurance_number(letter + digits + d))


@settings(max_examples=60, deadline=None)
@given(
    letter=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    digits=st.text("0123456789", min_size=8, max_size=8),
    lower=st.booleans(),
)
def test_kvnr_card_notation_needs_its_check_digit(letter: str, digits: str, lower: bool) -> None:
    check = _kvnr_check_digit(letter, digits)
    number = digits + check
    spaced = f"{letter.lower() if lower else letter} {number[:3]} {number[3:6]} {number[6:]}"
    assert found(f"steht auf der Karte: {spaced}, passt das?", "DE_HEALTH_INSURANCE_NUMBER") == [
        spaced
    ]
    wrong = number[:-1] + str((int(check) + 1) % 10)
    wrong_spaced = f"{letter} {wrong[:3]} {wrong[3:6]} {wrong[6:]}"
    assert found(f"steht auf der Karte: {wrong_spaced}", "DE_HEALTH_INSURANCE_NUMBER") == []


@settings(max_examples=60, deadline=None)
@given(
    number=st.integers(1, 9999),
    name=st.sampled_from(["Acacia", "Maple", "Church", "Old Mill", "N Clark", "W 79th"]),
    street=st.sampled_from(["Road", "St", "Ave", "Lane", "Walk", "Drive"]),
    tail=st.sampled_from(
        [", Leeds LS6 2AB", ", Norwich NR2 1DX", ", Chicago, IL 60657", ", Austin, TX 78704-1234"]
    ),
    lower=st.booleans(),
)
def test_street_with_a_checked_postcode_is_one_address(
    number: int, name: str, street: str, tail: str, lower: bool
) -> None:
    address = f"{number} {name} {street}{tail}"
    if lower and "IL" not in tail and "TX" not in tail:
        address = address.lower()  # a US state code is written in capitals
    assert found(f"it's {address} now", "ADDRESS") == [address]
