"""Personal details: dates of birth and postal addresses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from compliance.detectors.base import Candidate, Category, Detector, Match, Shape
from compliance.detectors.checkdigits import is_plausible_date

_BIRTH_CONTEXT = re.compile(
    r"(?:geb\.|geb:|geboren|geburtsdatum|geburtstag|\bgeb\b|jahrgang|dob|d\.o\.b|born|"
    r"date of birth|birth ?date|birthday|arrived on|\*\s*$)",
)
_NUMERIC_DATE = re.compile(
    r"(?P<d>[0-9]{1,2})[./-](?P<m>[0-9]{1,2})[./-](?P<y>[0-9]{4}|[0-9]{2})(?![0-9])"
    r"|(?P<iy>[0-9]{4})-(?P<im>[0-9]{2})-(?P<id>[0-9]{2})(?![0-9])"
)
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januar", "january", "jan", "jänner"),
            ("februar", "february", "feb"),
            ("märz", "maerz", "march", "mar", "mär"),
            ("april", "apr"),
            ("mai", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("dezember", "december", "dez", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WORD_DATE = re.compile(
    r"([0-9]{1,2})?(?:st|nd|rd|th)?\.?\s*([A-Za-zäÄ]+)\.?\s*([0-9]{1,2})?(?:st|nd|rd|th)?,?\s*"
    r"([0-9]{4})"
)


def _birth_context(candidate: Candidate) -> bool:
    return _BIRTH_CONTEXT.search(candidate.before(40)) is not None or (
        _BIRTH_CONTEXT.search(candidate.after(12)) is not None
    )


def _plausible_birth_year(year: int) -> bool:
    return 1900 <= year <= dt.date.today().year


class DateOfBirthDetector(Detector):
    """Numeric dates (``12.03.1985``, ``1985-03-12``) with a birth word before them."""

    name = "date_of_birth"
    category = Category.DATE_OF_BIRTH
    shape = Shape.NUMBER
    min_digits = 6
    max_digits = 8
    priority = 60

    def find(self, candidate: Candidate) -> Iterator[Match]:
        found = _NUMERIC_DATE.match(candidate.text)
        if found is None or not _birth_context(candidate):
            return
        if found.group("d") is not None:
            day, month, year = int(found["d"]), int(found["m"]), int(found["y"])
            if year < 100:
                year += 1900 if year > dt.date.today().year % 100 else 2000
            if month > 12 and day <= 12 and found.group(0)[len(found["d"])] == "/":
                day, month = month, day  # month/day/year, as English text writes it
        else:
            day, month, year = int(found["id"]), int(found["im"]), int(found["iy"])
        if _plausible_birth_year(year) and is_plausible_date(day, month, year):
            yield Match(candidate.start, candidate.start + found.end(), 0.9)


class WrittenDateOfBirthDetector(Detector):
    """Dates with a month name (``3. März 1985``, ``March 3, 1985``) after a birth word."""

    name = "written_date_of_birth"
    category = Category.DATE_OF_BIRTH
    shape = Shape.DATE_WORDS
    priority = 60

    def find(self, candidate: Candidate) -> Iterator[Match]:
        found = _WORD_DATE.match(candidate.text)
        if found is None or not _birth_context(candidate):
            return
        month = _MONTHS.get(found.group(2).lower())
        day_text = found.group(1) or found.group(3)
        if month is None or day_text is None:
            return
        year = int(found.group(4))
        if _plausible_birth_year(year) and is_plausible_date(int(day_text), month, year):
            yield Match(candidate.start, candidate.end, 0.9)


# A street is a name ending in a street word; the scan pass found its house number.
STREET_SUFFIXES = (
    "straße",
    "strasse",
    "str.",
    "weg",
    "platz",
    "allee",
    "gasse",
    "ring",
    "damm",
    "ufer",
    "chaussee",
    "steig",
    "pfad",
    "markt",
)
STREET_WORDS = ("Straße", "Strasse", "Str.", "Weg", "Platz", "Allee", "Gasse", "Ring", "Markt")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


_STREET_BEFORE = re.compile(
    r"(?:(?:Am|An der|Auf dem|Auf der|Im|In der|Zum|Zur|Alte[nr]?|Neue[nr]?|Lange[nr]?|"
    r"Große[nr]?|Kleine[nr]?|Hohe[nr]?|Obere[nr]?|Untere[nr]?)\s)?"
    r"(?:[A-ZÄÖÜ][\wäöüß'-]*(?:" + _alternation(STREET_SUFFIXES) + r")"
    r"|(?:[A-ZÄÖÜ][\wäöüß'-]*[-\s])?(?:" + _alternation(STREET_WORDS) + r"))\s?\Z"
)
_PLACE_AFTER = re.compile(
    r"(?:\s?[a-z](?![a-zäöüß]))?(?:\s?[-–/]\s?[0-9]{1,4}[a-z]?)?"
    r"(?:,?\s*(?:in\s+)?(?:D-|A-|CH-)?[0-9]{4,5}\s+[A-ZÄÖÜ][\wäöüß-]+"
    r"(?:\s(?:am|an der|im)\s[A-ZÄÖÜ][\wäöüß]+)?)?"
)


class AddressDetector(Detector):
    """German-style addresses: ``Hauptstraße 5``, ``Am Markt 3a, 10115 Berlin``."""

    name = "address"
    category = Category.ADDRESS
    shape = Shape.STREET
    priority = 58

    def find(self, candidate: Candidate) -> Iterator[Match]:
        message = candidate.message
        street = _STREET_BEFORE.search(message, max(0, candidate.start - 60), candidate.start)
        if street is None:
            return
        start = street.start()
        tail = _PLACE_AFTER.match(message, candidate.end)
        end = tail.end() if tail is not None else candidate.end
        yield Match(start, end, 0.9)


class EnglishAddressDetector(Detector):
    """English-style addresses: house number, street name, street word (``221B Baker Street``)."""

    name = "address_en"
    category = Category.ADDRESS
    shape = Shape.STREET_EN
    priority = 58

    def find(self, candidate: Candidate) -> Iterator[Match]:
        yield Match(candidate.start, candidate.end, 0.88)


_POSTCODE_CONTEXT = ("plz", "postleitzahl", "wohne", "adresse", "anschrift", "address", "postcode")
_CITY = re.compile(r"\s+[A-ZÄÖÜ][a-zäöüß]+(?:[- ](?:am|an der|im|[A-ZÄÖÜ])[\wäöüß]*)?")


class PostcodeDetector(Detector):
    """``10115 Berlin`` alone: a postcode and a town name with an address word before it."""

    name = "postcode"
    category = Category.ADDRESS
    shape = Shape.NUMBER
    min_digits = 4
    max_digits = 5
    priority = 57

    def find(self, candidate: Candidate) -> Iterator[Match]:
        text = candidate.text
        if not (text.isdigit() and len(text) in (4, 5)):
            return
        before = candidate.before(30)
        if not any(word in before for word in _POSTCODE_CONTEXT) and not before.endswith(
            ("d-", "a-", "ch-")
        ):
            return
        city = _CITY.match(candidate.message, candidate.end)
        if city is None:
            return
        yield Match(candidate.start, city.end(), 0.85)
