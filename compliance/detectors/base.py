"""The detector interface: categories, severities, candidates, matches and findings."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    """The fixed vocabulary of sensitive-data categories (documented in the README)."""

    IBAN = "IBAN"
    BIC = "BIC"
    PAYMENT_CARD = "PAYMENT_CARD"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    DE_TAX_ID = "DE_TAX_ID"
    DE_TAX_NUMBER = "DE_TAX_NUMBER"
    DE_PENSION_NUMBER = "DE_PENSION_NUMBER"
    DE_HEALTH_INSURANCE_NUMBER = "DE_HEALTH_INSURANCE_NUMBER"
    ID_DOCUMENT = "ID_DOCUMENT"
    SOCIAL_SECURITY_NUMBER = "SOCIAL_SECURITY_NUMBER"
    DATE_OF_BIRTH = "DATE_OF_BIRTH"
    ADDRESS = "ADDRESS"
    IP_ADDRESS = "IP_ADDRESS"
    URL_WITH_TOKEN = "URL_WITH_TOKEN"
    PERSON_NAME = "PERSON_NAME"
    HEALTH = "HEALTH"
    CRISIS = "CRISIS"
    SEX_LIFE_ORIENTATION = "SEX_LIFE_ORIENTATION"
    RELIGION = "RELIGION"
    POLITICAL_OPINION = "POLITICAL_OPINION"
    TRADE_UNION = "TRADE_UNION"
    ETHNIC_ORIGIN = "ETHNIC_ORIGIN"
    GENETIC_BIOMETRIC = "GENETIC_BIOMETRIC"
    CRIMINAL = "CRIMINAL"


class Severity(StrEnum):
    """How bad it is to keep the finding in a messenger archive; ordered by ``rank``."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """4 for critical down to 1 for low, for sorting and thresholds."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.CRITICAL: 4, Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1}


class Shape(StrEnum):
    """A kind of text a scan pass finds cheaply; detectors subscribe to one shape."""

    NUMBER = "NUMBER"  # digit runs with separators: phones, cards, tax ids, dates, IPs
    PENSION = "PENSION"  # 12-character RVNR with its letter in the middle
    CODE = "CODE"  # upper-case letters then digits: IBAN, KVNR, ID documents, ICD-10
    CAPS = "CAPS"  # 8 or 11 upper-case letters and digits: BIC
    DATE_WORDS = "DATE_WORDS"  # "12. März 1985", "March 3, 1985"
    STREET = "STREET"  # house number right after a street-name suffix
    STREET_EN = "STREET_EN"  # "221B Baker Street"
    AT = "AT"  # the domain part of an e-mail address, from the @
    SCHEME = "SCHEME"  # "://" of a URL
    IPV6 = "IPV6"  # hex groups with colons
    GREETING = "GREETING"  # "Hallo Anna", "Dear Dr. Smith"
    TITLE = "TITLE"  # "Frau Müller", "Mr. Brown"
    SIGNATURE = "SIGNATURE"  # "LG Anna" at the end of a message
    LEXICON = "LEXICON"  # a lexicon term found by the automaton pass


class Candidate:
    """One shape hit inside one message; detectors read it and its surroundings."""

    __slots__ = ("end", "message", "start")

    def __init__(self, message: str, start: int, end: int) -> None:
        self.message = message
        self.start = start
        self.end = end

    @property
    def text(self) -> str:
        return self.message[self.start : self.end]

    def before(self, width: int) -> str:
        """Up to ``width`` characters before the candidate, lower-cased, for context cues."""
        return self.message[max(0, self.start - width) : self.start].lower()

    def after(self, width: int) -> str:
        """Up to ``width`` characters after the candidate, lower-cased."""
        return self.message[self.end : self.end + width].lower()

    def __repr__(self) -> str:
        return f"Candidate({self.start}, {self.end})"


# Match and Finding are made for every hit of a large audit: not frozen, since a frozen
# dataclass's __init__ sets every field through object.__setattr__ (several times
# slower). They are hashable all the same, and nothing changes them once made.
@dataclass(slots=True, unsafe_hash=True)
class Match:
    """What a detector reports: a span of the message and how sure it is."""

    start: int
    end: int
    confidence: float
    kind: str | None = None  # what a crisis finding is about (see CRISIS_KINDS)


class Detector(ABC):
    """A small unit that turns candidates of one shape into matches of one category.

    Subclasses set ``name``, ``category`` and ``shape``; ``min_digits``/``max_digits``
    let the engine skip number candidates a detector can never accept, which keeps
    the per-candidate Python work small.
    """

    name: str
    category: Category
    shape: Shape
    min_digits: int = 0
    max_digits: int = 10_000
    #: when two findings overlap, the one with the higher priority wins
    priority: int = 50
    #: also given number candidates glued to the letters before them ("de89 3704 …",
    #: "a123456789"), as a candidate that starts at those letters
    letter_led: int = 0

    @abstractmethod
    def find(self, candidate: Candidate) -> Iterable[Match]:
        """Yield the matches inside ``candidate`` (offsets within its message)."""


class ValidatingDetector(Detector):
    """A detector that accepts the whole candidate when ``validate`` gives a confidence."""

    def find(self, candidate: Candidate) -> Iterator[Match]:
        confidence = self.validate(candidate.text, candidate)
        if confidence is not None:
            yield Match(candidate.start, candidate.end, confidence)

    @abstractmethod
    def validate(self, value: str, candidate: Candidate) -> float | None:
        """Return a confidence in (0, 1] for a real value, or None to drop a false positive."""


@dataclass(slots=True, unsafe_hash=True)
class Finding:
    """A sensitive value in a message: where, what, how bad, and its masked form.

    A finding never carries the raw value: callers that may show it slice their
    own text with ``start``/``end``. ``pseudonym`` is a keyed hash (see
    :class:`compliance.detectors.masking.Pseudonymizer`) when the scan was given a key.
    """

    start: int
    end: int
    category: Category
    detector: str
    severity: Severity
    confidence: float
    masked: str
    pseudonym: str | None = None
    #: for CRISIS: ``self``, ``third_person``, ``violence`` or ``child`` (see the catalogue)
    kind: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The JSON form used by ``compliance scan`` and reports (never the raw value)."""
        data: dict[str, object] = {
            "start": self.start,
            "end": self.end,
            "category": self.category.value,
            "detector": self.detector,
            "severity": self.severity.value,
            "confidence": round(self.confidence, 2),
            "masked": self.masked,
        }
        if self.pseudonym is not None:
            data["pseudonym"] = self.pseudonym
        if self.kind is not None:
            data["kind"] = self.kind
        return data


def digit_count(text: str) -> int:
    """How many ASCII digits ``text`` holds."""
    return sum(c in _ASCII_DIGITS for c in text)


def compact(text: str) -> str:
    """The value without spaces, dashes, dots and slashes, upper-cased."""
    return "".join(c for c in text if c in _ASCII_ALNUM).upper()


_ASCII_DIGITS = frozenset("0123456789")
_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
