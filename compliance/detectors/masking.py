"""Masked forms that keep a value recognisable, and keyed pseudonyms to count it across messages.

What each category reveals is fixed here (and checked by property tests):

* IBAN: country, check digits and the last four characters (``DE89 •••• … ••30 00``)
* payment card: the last four digits; phone: the first three and last two digits
* e-mail: the first character of the local part and the domain (``a•••@example.de``)
* ICD-10 code: letter and category digits (``F32.•``); IP address: the first group
* URL with token: scheme and host; other identifiers: first two and last two characters
  when they have at least eight, nothing otherwise
* date of birth: nothing but the separators
* address and name: the first letter of each word
* Art. 9 / Art. 10 terms: the first letter, then a fixed ``•••`` (length is not shown)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import lru_cache
from urllib.parse import urlsplit

from compliance.detectors.base import Category

BULLET = "•"

_WORD_CATEGORIES = frozenset(
    {
        Category.HEALTH,
        Category.CRISIS,
        Category.SEX_LIFE_ORIENTATION,
        Category.RELIGION,
        Category.POLITICAL_OPINION,
        Category.TRADE_UNION,
        Category.ETHNIC_ORIGIN,
        Category.GENETIC_BIOMETRIC,
        Category.CRIMINAL,
    }
)


def _keep_alnum_positions(value: str, keep_first: int, keep_last: int) -> str:
    """Replace every letter or digit by a bullet except the first/last few; keep separators."""
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    total = len(positions)
    keep = set(positions[:keep_first]) | set(positions[max(keep_first, total - keep_last) :])
    return "".join(c if (i in keep or not c.isalnum()) else BULLET for i, c in enumerate(value))


def _first_letter_per_word(value: str) -> str:
    out: list[str] = []
    at_word_start = True
    for char in value:
        if char.isalpha() and at_word_start:
            out.append(char)
            at_word_start = False
        elif char.isalnum():
            out.append(BULLET)
            at_word_start = False
        else:
            out.append(char)
            at_word_start = True
    return "".join(out)


def _mask_email(value: str) -> str:
    local, _, domain = value.rpartition("@")
    return f"{local[:1]}{BULLET * 3}@{domain}"


def _mask_url(value: str) -> str:
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:
        host = ""
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if not host or not scheme.isalnum():
        return BULLET * 3
    return f"{scheme}://{host}/{BULLET * 3}"


def _mask_icd(value: str) -> str:
    head = value[:3]
    rest = "".join(BULLET if c.isalnum() else c for c in value[3:])
    return head + rest


def _mask_ip(value: str) -> str:
    separator = ":" if ":" in value else "."
    first, _, rest = value.partition(separator)
    return first + separator + "".join(BULLET if c.isalnum() else c for c in rest)


def _mask_phone(value: str) -> str:
    digits = sum(c.isdigit() for c in value)
    return _keep_alnum_positions(value, 3 if digits >= 9 else 0, 2)


def _mask_identifier(value: str) -> str:
    if sum(c.isalnum() for c in value) < 8:
        return "".join(BULLET if c.isalnum() else c for c in value)
    return _keep_alnum_positions(value, 2, 2)


@lru_cache(maxsize=4096)  # recurring values (diagnosis words, a client's number) mask once
def mask(category: Category, value: str, detector: str = "") -> str:
    """The masked form of ``value`` found as ``category`` (see the module docstring)."""
    if detector == "icd10_code":
        return _mask_icd(value)
    if category in _WORD_CATEGORIES:
        return f"{value[:1]}{BULLET * 3}" if value[:1].isalpha() else BULLET * 3
    if category is Category.IBAN:
        return _keep_alnum_positions(value, 4, 4)
    if category is Category.PAYMENT_CARD:
        return _keep_alnum_positions(value, 0, 4)
    if category is Category.PHONE:
        return _mask_phone(value)
    if category is Category.EMAIL:
        return _mask_email(value)
    if category is Category.IP_ADDRESS:
        return _mask_ip(value)
    if category is Category.URL_WITH_TOKEN:
        return _mask_url(value)
    if category is Category.DATE_OF_BIRTH:
        return "".join(BULLET if c.isalnum() else c for c in value)
    if category in (Category.ADDRESS, Category.PERSON_NAME):
        return _first_letter_per_word(value)
    return _mask_identifier(value)


def normalise(category: Category, value: str) -> str:
    """The form two spellings of the same value share (spaces, case, separators)."""
    if category in _WORD_CATEGORIES or category in (Category.PERSON_NAME, Category.ADDRESS):
        return " ".join(value.casefold().split())
    if category in (Category.EMAIL, Category.URL_WITH_TOKEN):
        return value.strip().lower()
    compacted = "".join(c for c in value if c.isalnum()).upper()
    if category is Category.PHONE and value.lstrip().startswith(("+", "00")):
        return "+" + compacted.removeprefix("00")
    return compacted


class Pseudonymizer:
    """Keyed hashes (HMAC-SHA-256) of values, so one report can count a value without showing it.

    Use one fresh key per report: pseudonyms then match within a report, never across
    reports, and cannot be reversed by hashing guessed values without the key.
    """

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("a pseudonym key needs at least 16 bytes")
        self._key = key
        # The same values recur through an archive (a client's number, a diagnosis word):
        # each is hashed once. Kept in memory for this object's life only, never written.
        self._known: dict[tuple[Category, str], str] = {}

    @classmethod
    def with_random_key(cls) -> Pseudonymizer:
        return cls(secrets.token_bytes(32))

    def pseudonym(self, category: Category, value: str) -> str:
        """16 hex digits; equal for equal values of one category under this key."""
        known = self._known.get((category, value))
        if known is not None:
            return known
        message = f"{category.value}\x1f{normalise(category, value)}".encode()
        digest = hmac.new(self._key, message, hashlib.sha256).hexdigest()[:16]
        if len(self._known) >= _KNOWN_LIMIT:
            self._known.clear()
        self._known[(category, value)] = digest
        return digest


_KNOWN_LIMIT = 10_000
