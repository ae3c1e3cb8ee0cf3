"""Personal details: dates of birth and postal addresses."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from compliance.detectors.base import Candidate, Category, Detector, Match, Shape
from compliance.detectors.checkdigits import is_plausible_date

_BIRTH_CONTEXT = re.compile(
    r"(?:geb\.|geb:|geboren|geburtsdatum|geburtstag|\bgeb\b|jahrgang|dob|d\.o\.b|born|"
    r"date of birth|birth ?date|birthday|arrived on|\*\s*$|(?<![a-z])b\.\s*$)",
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
    r"([0-9]{1,2})?(?:st|nd|rd|th)?\.?\s*(?:of\s+)?([A-Za-zäÄ]+)\.?\s*([0-9]{1,2})?(?:st|nd|rd|th)?,?\s*"
    r"([0-9]{4})"
)


def _birth_context(candidate: Candidate, year: int) -> bool:
    """A birth word shortly before the date, right after it, or later in the sentence.

    A birth word further on ("01.01.1995, aber keiner weiß, wann ich geboren bin") counts
    only for a date at least two years back: an appointment is never that old.
    """
    if _BIRTH_CONTEXT.search(candidate.before(40)) is not None:
        return True
    width = 60 if year <= dt.date.today().year - 2 else 12
    return _BIRTH_CONTEXT.search(candidate.after(width)) is not None


def _plausible_birth_year(year: int) -> bool:
    return 1900 <= year <= dt.date.today().year


class DateOfBirthDetector(Detector):
    """Numeric dates (``12.03.1985``, ``1985-03-12``) with a birth word before them."""

    name = "date_of_birth"
    category = Category.DATE_OF_BIRTH
    shape = Shape.NUMBER
    min_digits = 4  # "1.3.87"
    max_digits = 8
    priority = 60

    def find(self, candidate: Candidate) -> Iterator[Match]:
        found = _NUMERIC_DATE.match(candidate.text)
        if found is None:
            return
        if found.group("d") is not None:
            day, month, year = int(found["d"]), int(found["m"]), int(found["y"])
            if year < 100:
                year += 1900 if year > dt.date.today().year % 100 else 2000
            if month > 12 and day <= 12 and found.group(0)[len(found["d"])] in "/-":
                day, month = month, day  # month/day/year, as English text writes it
        else:
            day, month, year = int(found["id"]), int(found["im"]), int(found["iy"])
        if not _plausible_birth_year(year) or not _birth_context(candidate, year):
            return
        if is_plausible_date(day, month, year):
            yield Match(candidate.start, candidate.start + found.end(), 0.9)


class WrittenDateOfBirthDetector(Detector):
    """Dates with a month name (``3. März 1985``, ``March 3, 1985``) after a birth word."""

    name = "written_date_of_birth"
    category = Category.DATE_OF_BIRTH
    shape = Shape.DATE_WORDS
    priority = 60

    def find(self, candidate: Candidate) -> Iterator[Match]:
        found = _WORD_DATE.match(candidate.text)
        if found is None:
            return
        month = _MONTHS.get(found.group(2).lower())
        day_text = found.group(1) or found.group(3)
        if month is None or day_text is None:
            return
        year = int(found.group(4))
        if not _plausible_birth_year(year) or not _birth_context(candidate, year):
            return
        if is_plausible_date(int(day_text), month, year):
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
    "zeile",
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
#: Compounds that end like a street but number a seat, a spot or a platform.
_NOT_STREETS = (
    "parkplatz",
    "stellplatz",
    "sitzplatz",
    "arbeitsplatz",
    "studienplatz",
    "therapieplatz",
    "kitaplatz",
    "liegeplatz",
    "ausbildungsplatz",
    "praktikumsplatz",
    "campingplatz",
    "bahnsteig",
    "flugsteig",
)
_PLACE_AFTER = re.compile(
    r"(?:\s?[a-z](?![a-zäöüß]))?(?:\s?[-–/]\s?[0-9]{1,4}[a-z]?){0,3}"
    r"(?:,?\s*(?:in\s+)?(?:D-|A-|CH-)?[0-9]{4,5}\s+[A-ZÄÖÜ][\wäöüß-]+"
    r"(?:\s(?:am|an der|im)\s[A-ZÄÖÜ][\wäöüß]+)?)?"
)


_STREET_LOWER = re.compile(
    r"(?<![\wäöüß])[a-zäöüß][a-zäöüß'-]*(?:" + _alternation(STREET_SUFFIXES) + r")\s?\Z"
)
_PLACE_LOWER = re.compile(
    r"(?:\s?[a-z](?![a-zäöüß]))?(?:\s?[-/]\s?[0-9]{1,4}[a-z]?){0,3}"
    r",?\s*(?:[dD]-|[aA]-|(?:CH|ch)-)?[0-9]{4,5}\s+[a-zäöüß][a-zäöüß-]+"
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
            yield from self._lower_case(candidate)
            return
        name = street.group().strip()
        if name in STREET_WORDS or name.lower().endswith(_NOT_STREETS):
            return  # "Wagen 7, Platz 45", "Parkplatz 5", "Bahnsteig 3": a seat or a spot
        start = street.start()
        tail = _PLACE_AFTER.match(message, candidate.end)
        end = tail.end() if tail is not None else candidate.end
        yield Match(start, end, 0.9)

    @staticmethod
    def _lower_case(candidate: Candidate) -> Iterator[Match]:
        """``feldweg 9, 27404 zeven``: a street in lower case counts with its postcode and town,
        or after an address word."""
        message = candidate.message
        street = _STREET_LOWER.search(message, max(0, candidate.start - 40), candidate.start)
        if street is None:
            return
        tail = _PLACE_LOWER.match(message, candidate.end)
        if tail is not None:
            yield Match(street.start(), tail.end(), 0.85)
        elif any(word in candidate.before(40) for word in _ADDRESS_WORDS):
            yield Match(street.start(), candidate.end, 0.8)  # "meine adresse: hauptstr. 5"


#: Street words of English addresses. A full word in title case makes an address with the
#: house number before it; an abbreviation without a full stop ("St", "Ave") or a word
#: that is also a place ("Park", "Hill") needs a postcode or an address word as well.
EN_STREET_WORDS = (
    "Street",
    "Road",
    "Avenue",
    "Lane",
    "Drive",
    "Way",
    "Close",
    "Court",
    "Place",
    "Square",
    "Terrace",
    "Gardens",
    "Crescent",
    "Boulevard",
    "Walk",
    "Grove",
    "Mews",
    "Parade",
    "Parkway",
    "Highway",
)
EN_STREET_WEAK_WORDS = ("Row", "Hill", "Park", "Green", "Rise", "Circle", "Trail", "Vale", "View")
EN_STREET_ABBREVIATIONS = (
    "St",
    "Rd",
    "Ave",
    "Av",
    "Blvd",
    "Ln",
    "Dr",
    "Ct",
    "Pl",
    "Sq",
    "Cres",
    "Terr",
    "Ter",
    "Gdns",
    "Hwy",
    "Pkwy",
    "Cir",
)
EN_STREET_SUFFIXES = (*EN_STREET_WORDS, *EN_STREET_WEAK_WORDS, *EN_STREET_ABBREVIATIONS)
_EN_STRONG = frozenset(EN_STREET_WORDS)
#: The abbreviations that stood alone for a street when written with a full stop.
_EN_DOTTED = frozenset({"St.", "Rd.", "Ave.", "Blvd."})
_EN_TITLE_WORD = re.compile(r"[A-Z][a-z'-]+|[NSEW]\.?|[0-9]{1,3}(?:st|nd|rd|th)")
#: A flat or unit before the house number ("Flat 9, 61 Victoria St"), part of the address.
_UNIT_BEFORE = re.compile(r"(?i:(?:flat|apt|apartment|unit|suite)\.? ?#?[0-9]{1,4}[a-z]?,? )\Z")
#: What may follow the street: a unit, a town, and a postcode whose structure is checked
#: (a UK postcode, or a US state and ZIP code).
_EN_TAIL = re.compile(
    r"(?: [NS][EW](?![A-Za-z]))?"  # the quadrant of a US street ("Avenue NW")
    r"(?:,? (?i:apt|apartment|unit|suite|ste|flat|fl|floor|#)\.? ?#?[0-9A-Za-z-]{1,5})?"
    r"(?:,? (?P<town>[A-Za-z][A-Za-z'.-]*(?: [A-Za-z][A-Za-z'.-]*){0,2}))?"
    r",? (?:(?P<state>[A-Z]{2}) (?P<zip>[0-9]{5}(?:-[0-9]{4})?)"
    r"|(?P<uk>(?i:[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2})))(?![0-9A-Za-z])"
)
#: "St." before a capitalised word is a saint: "in 2 Wochen St. Moritz".
_SAINT = re.compile(r" [A-Z]")
_ADDRESS_WORDS = (
    "address",
    "adresse",
    "anschrift",
    "live at",
    "living at",
    "lives at",
    "wohne",
    "wohnt",
    "send it to",
    "mail it to",
    "post it to",
    "deliver",
)


@lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    """Two-letter codes of the US states and territories (from the holidays package)."""
    from holidays.countries.united_states import UnitedStates

    return frozenset(UnitedStates.subdivisions)


def postal_code_after(message: str, at: int) -> int | None:
    """Where a town and a UK postcode or US state and ZIP code after ``at`` end, or None."""
    tail = _EN_TAIL.match(message, at)
    if tail is None:
        return None
    if tail.group("state") is not None and tail.group("state") not in _us_states():
        return None
    return tail.end()


class EnglishAddressDetector(Detector):
    """English-style addresses: house number, street name, street word (``221B Baker Street``,
    ``3418 N Clark St, Chicago, IL 60657``, ``flat 9, 61 victoria st, edinburgh eh1 2hg``)."""

    name = "address_en"
    category = Category.ADDRESS
    shape = Shape.STREET_EN
    priority = 58

    def find(self, candidate: Candidate) -> Iterator[Match]:
        message = candidate.message
        text = candidate.text
        words = text.split(" ")
        suffix = words[-1]
        tail_end = postal_code_after(message, candidate.end)
        unit = _UNIT_BEFORE.search(message, max(0, candidate.start - 20), candidate.start)
        if tail_end is not None:
            confidence = 0.92
        elif (
            all(_EN_TITLE_WORD.fullmatch(word) for word in words[1:-1])
            and (suffix in _EN_STRONG or suffix in _EN_DOTTED)
            and not (suffix == "St." and _SAINT.match(message, candidate.end))
        ):
            confidence = 0.88  # "14 Hartley Road": title case and a street word
        elif unit is not None or any(w in candidate.before(40) for w in _ADDRESS_WORDS):
            confidence = 0.8  # "address: 12 oak rd"
        else:
            return
        start = unit.start() if unit is not None else candidate.start
        yield Match(start, tail_end or candidate.end, confidence)


_POSTCODE_CONTEXT = ("plz", "postleitzahl", "wohne", "adresse", "anschrift", "address", "postcode")
_CITY = re.compile(
    r"\s+[A-ZÄÖÜ][a-zäöüß]+(?:[- ](?:(?:am|an der|im|in|ob|bei) )?[A-ZÄÖÜ][\wäöüß]*)?"
)


#: Streets named without a street word: a preposition before the name ("Am Mühlenberg",
#: "Unter den Linden") or a name ending like a place ("Sonnenhof", "Rosenhain").
_STREET_BEFORE_POSTCODE = re.compile(
    r"(?:(?:Am|An der|An den|Auf dem|Auf der|Im|In der|In den|Unter den|Zum|Zur|Hinter dem|"
    r"Vor dem|Alt-)\s?[A-ZÄÖÜ][\wäöüß-]*(?:\s[A-ZÄÖÜ][\wäöüß-]*)?"
    # a place's adjective and a street word ("Lerchenfelder Gürtel", "Wiedner Hauptstraße")
    r"|[A-ZÄÖÜ][\wäöüß-]*er\s(?:Gürtel|Kai|Quai|Lände|Graben|Hof|Berg|Tor|Wall|Damm|Ufer|Steig|"
    r"Zeile|Ring|Markt|Platz|Weg|Gasse|Allee|Brücke|Park|Anger|Kamp|Höhe|Promenade|Chaussee|"
    r"Hauptstraße|Hauptstrasse|Landstraße|Landstrasse)"
    r"|[A-ZÄÖÜ][\wäöüß-]*(?:berg|hof|feld|tor|graben|kamp|wall|gürtel|kai|quai|brücke|stieg|"
    r"höhe|hang|park|winkel|garten|anger|grund|siedlung|hain|aue|wiese|heide|bach|rain|halde|"
    + _alternation(STREET_SUFFIXES)
    + r"))\s?[0-9]{1,4}[a-zA-Z]?(?:\s?[-/]\s?[0-9]{1,4}[a-z]?){0,3},\s?\Z"
)


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
        message, start = candidate.message, candidate.start
        if message[start - 2 : start] == ", " or message[start - 1 : start] == ",":
            # "Am Mühlenberg 3a, 14469 Potsdam": a street the scan pass does not know by
            # its ending, recognised by the house number, postcode and town after it
            street = _STREET_BEFORE_POSTCODE.search(message, max(0, start - 50), start)
            city = _CITY.match(message, candidate.end)
            if street is not None and city is not None:
                yield Match(street.start(), city.end(), 0.85)
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
