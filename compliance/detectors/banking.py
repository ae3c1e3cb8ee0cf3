"""Bank and card identifiers: IBAN (mod 97), BIC (format and context), payment cards (Luhn)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from stdnum import bic, iban, luhn

from compliance.detectors.base import (
    Candidate,
    Category,
    Detector,
    Match,
    Shape,
    ValidatingDetector,
)
from compliance.detectors.runs import sub_runs

_BANK_CONTEXT = ("iban", "bic", "swift", "konto", "überweis", "bank", "account", "transfer")


#: The start of an IBAN: country code, check digits, the first group of the account.
_IBAN_START = re.compile(r"(?<![A-Z0-9])([A-Z]{2})[0-9]{2} ?[A-Z0-9]{4}")
_LETTER_VALUES = str.maketrans({chr(code): str(code - 55) for code in range(65, 91)})


def _mod97_holds(value: str) -> bool:
    """ISO 7064 MOD 97-10 in C speed; stdnum then checks the country's length and format."""
    rearranged = (value[4:] + value[:4]).upper().translate(_LETTER_VALUES)
    return rearranged.isdigit() and int(rearranged) % 97 == 1


@lru_cache(maxsize=1024)  # a client's IBAN recurs (invoices): validated once, in memory
def _is_iban(value: str) -> bool:
    return _mod97_holds(value) and bool(iban.is_valid(value))


class IbanDetector(Detector):
    """IBAN of any country, spaced or compact, validated by length and ISO 7064 mod 97-10."""

    name = "iban"
    category = Category.IBAN
    shape = Shape.CODE
    priority = 90

    def find(self, candidate: Candidate) -> Iterator[Match]:
        text = candidate.text
        if len(text) < 15 or not (text[:2].isalpha() and text[2:4].isdigit()):
            return
        for run in sub_runs(text, 15, 34):
            if run.start != 0:
                return  # an IBAN starts with its country code, i.e. at the candidate start
            if _is_iban(run.value):
                yield Match(candidate.start, candidate.start + run.end, 0.99)
                return


class LowerCaseIbanDetector(Detector):
    """An IBAN written in lower case (``de89 3704 0044 …``), validated like any other."""

    name = "iban_lower_case"
    category = Category.IBAN
    shape = Shape.NUMBER
    min_digits = 12
    priority = 90
    letter_led = 2  # the country code glued to the number

    def find(self, candidate: Candidate) -> Iterator[Match]:
        text = candidate.text
        if not text[:2].isalpha() or not text[:2].islower():
            return
        for run in sub_runs(text.upper(), 15, 34):
            if run.start != 0:
                return
            if _is_iban(run.value):
                yield Match(candidate.start, candidate.start + run.end, 0.97)
                return


class BicDetector(ValidatingDetector):
    """BIC / SWIFT code; it has no check digit, so its structure (stdnum: bank code, a known
    country, location) must hold, and a banking word or a shape no word has must be there."""

    name = "bic"
    category = Category.BIC
    shape = Shape.CAPS
    priority = 60

    def validate(self, value: str, candidate: Candidate) -> float | None:
        if not bic.is_valid(value):
            return None
        message = candidate.message.lower()
        if any(word in message for word in _BANK_CONTEXT):
            return 0.9
        # Without a bank word only what no word looks like: the 11-character form with
        # its branch code, or a location code holding a digit (ABNANL2A), or an IBAN of
        # the BIC's country beside it ("NL49RABO… / RABONL2U").
        if len(value) == 11 or any(c.isdigit() for c in value[6:8]):
            return 0.8
        for iban_start in _IBAN_START.finditer(candidate.message.upper()):
            if iban_start.group(1) == value[4:6]:
                return 0.8
        return None


def _issuer_known(number: str) -> bool:
    """Issuer ranges (IIN) of the card schemes seen in DE/AT/CH, by length."""
    length = len(number)
    two, four, six = int(number[:2]), int(number[:4]), int(number[:6])
    if number[0] == "4":
        return length in (13, 16, 19)  # Visa
    if 51 <= two <= 55 or 2221 <= four <= 2720:
        return length == 16  # Mastercard, 2-series included
    if two in (34, 37):
        return length == 15  # American Express
    if number.startswith("6011") or 644 <= int(number[:3]) <= 649 or two == 65:
        return 16 <= length <= 19  # Discover
    if 622126 <= six <= 622925 or two == 62:
        return 16 <= length <= 19  # UnionPay
    if 3528 <= four <= 3589:
        return 16 <= length <= 19  # JCB
    if 300 <= int(number[:3]) <= 305 or two in (36, 38, 39):
        return 14 <= length <= 19  # Diners Club
    if two == 50 or 56 <= two <= 69:
        return 12 <= length <= 19  # Maestro, girocard
    return False


class PaymentCardDetector(Detector):
    """Payment card numbers: 12-19 digits, Luhn, and a known issuer range."""

    name = "payment_card"
    category = Category.PAYMENT_CARD
    shape = Shape.NUMBER
    min_digits = 12
    priority = 85

    def find(self, candidate: Candidate) -> Iterator[Match]:
        # A card number starts where the digit run starts: a valid-looking stretch from
        # the middle of a longer number is a coincidence, not a card.
        for run in sub_runs(candidate.text, 12, 19):
            if run.start > 0:
                return
            if run.value.isdigit() and _issuer_known(run.value) and luhn.is_valid(run.value):
                yield Match(candidate.start, candidate.start + run.end, 0.97)
                return
