"""National identifiers of DE/AT/CH: tax ID and number, RVNR, KVNR, ID documents, AHV, SVNR."""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.at import vnr as at_vnr
from stdnum.ch import ssn as ch_ssn
from stdnum.de import idnr, stnr
from stdnum.us import ssn as us_ssn

from compliance.detectors.base import (
    Candidate,
    Category,
    Detector,
    Match,
    Shape,
    ValidatingDetector,
    compact,
)
from compliance.detectors.checkdigits import (
    ICAO_DOCUMENT_ALPHABET,
    icao_check_digit,
    is_valid_health_insurance_number,
    is_valid_pension_number,
)
from compliance.detectors.runs import sub_runs


def _has_context(candidate: Candidate, words: tuple[str, ...], width: int = 40) -> bool:
    before = candidate.before(width)
    return any(word in before for word in words)


_TAX_CONTEXT = ("steuer", "st.-nr", "stnr", "idnr", "id-nr", "identifikation", "tax", "finanzamt")


class TaxIdDetector(Detector):
    """Steuer-IdNr: 11 digits, the digit rule and ISO 7064 MOD 11,10 (stdnum.de.idnr)."""

    name = "de_tax_id"
    category = Category.DE_TAX_ID
    shape = Shape.NUMBER
    min_digits = 11
    priority = 80

    def find(self, candidate: Candidate) -> Iterator[Match]:
        for run in sub_runs(candidate.text, 11, 11):
            if run.value.isdigit() and idnr.is_valid(run.value):
                confidence = 0.97 if _has_context(candidate, _TAX_CONTEXT) else 0.9
                yield Match(candidate.start + run.start, candidate.start + run.end, confidence)
                return


_STNR_SLASHED = re.compile(r"[0-9]{2,3}/[0-9]{3,4}/[0-9]{4,5}|[0-9]{5}/[0-9]{5}")


class TaxNumberDetector(Detector):
    """Steuernummer of the Finanzamt: the slashed state forms, or 10-13 digits with context."""

    name = "de_tax_number"
    category = Category.DE_TAX_NUMBER
    shape = Shape.NUMBER
    min_digits = 10
    priority = 75

    def find(self, candidate: Candidate) -> Iterator[Match]:
        text = candidate.text
        slashed = _STNR_SLASHED.match(text)
        if slashed is not None and stnr.is_valid(slashed.group()):
            end = candidate.start + slashed.end()
            yield Match(candidate.start, end, 0.9)
            return
        if not _has_context(candidate, ("steuernummer", "steuer-nr", "st.-nr", "stnr", "tax no")):
            return
        for run in sub_runs(text, 10, 13):
            if run.value.isdigit() and stnr.is_valid(run.value):
                yield Match(candidate.start + run.start, candidate.start + run.end, 0.85)
                return


class PensionNumberDetector(ValidatingDetector):
    """Rentenversicherungsnummer ``15 070649 C 103``: birth date, letter and check digit."""

    name = "de_pension_number"
    category = Category.DE_PENSION_NUMBER
    shape = Shape.PENSION
    priority = 85

    def validate(self, value: str, candidate: Candidate) -> float | None:
        return 0.97 if is_valid_pension_number(compact(value)) else None


_KVNR_CONTEXT = ("versicher", "kranken", "kasse", "kvnr", "gesundheitskarte", "insurance", "egk")


class HealthInsuranceNumberDetector(Detector):
    """KVNR (unchangeable part): letter, eight digits, § 290 SGB V check digit."""

    name = "de_health_insurance_number"
    category = Category.DE_HEALTH_INSURANCE_NUMBER
    shape = Shape.CODE
    priority = 80

    # compact, or grouped in threes after the letter with or without a space
    _SHAPE = re.compile(r"[A-Z](?:[0-9]{9}| ?[0-9]{3} [0-9]{3} [0-9]{3})(?![0-9A-Za-z])")

    def find(self, candidate: Candidate) -> Iterator[Match]:
        found = self._SHAPE.match(candidate.text)
        if found is None or not is_valid_health_insurance_number(compact(found.group())):
            return
        confidence = 0.97 if _has_context(candidate, _KVNR_CONTEXT, 60) else 0.85
        yield Match(candidate.start, candidate.start + found.end(), confidence)


class SpacedHealthInsuranceNumberDetector(Detector):
    """KVNR written with spaces or in lower case: ``A 123 456 789``, ``a123456789``."""

    name = "de_health_insurance_number_spaced"
    category = Category.DE_HEALTH_INSURANCE_NUMBER
    shape = Shape.NUMBER
    min_digits = 9
    max_digits = 9
    priority = 80
    letter_led = 1  # "a123456789": the letter glued to the digits

    _SPACED = re.compile(r"[0-9]{3} ?[0-9]{3} ?[0-9]{3}|[0-9]{9}")

    def find(self, candidate: Candidate) -> Iterator[Match]:
        text = candidate.text
        message, start = candidate.message, candidate.start
        if text[:1].isalpha():
            letter, digits_at = text[0], 1  # glued: "a123456789"
        elif start >= 2 and message[start - 1] == " " and message[start - 2].isalpha():
            if start >= 3 and message[start - 3].isalnum():
                return  # the letter ends a word, it is no KVNR letter
            letter, digits_at = message[start - 2], 0
            start -= 2
        else:
            return
        found = self._SPACED.fullmatch(text, digits_at)
        if found is None:
            return
        value = letter.upper() + found.group().replace(" ", "")
        if not is_valid_health_insurance_number(value):
            return
        if _has_context(candidate, _KVNR_CONTEXT, 60):
            yield Match(start, candidate.end, 0.9)
        elif digits_at or " " in found.group():
            # the check digit holds and the notation is the number's own: the letter glued
            # to it ("h904248613") or the card's 1-3-3-3 grouping ("E 817 180 022")
            yield Match(start, candidate.end, 0.8)
        # a loose letter before nine compact digits ("a 123456789") needs the context


_DOCUMENT_CONTEXT = (
    "ausweis",
    "reisepass",
    "pass-nr",
    "passnr",
    "passnummer",
    "dokumentennummer",
    "passport",
    "id card",
    "identity card",
    "document number",
)


class IdDocumentDetector(Detector):
    """German ID card and passport numbers (ICAO 9303): nine characters, check digit if given.

    Nine characters from the ICAO alphabet with a tenth that is the right check digit
    are accepted alone; nine characters without it need an ID-document word nearby.
    """

    name = "id_document"
    category = Category.ID_DOCUMENT
    shape = Shape.CODE
    priority = 78

    _SHAPE = re.compile(r"[CFGHJKLMNPRTVWXYZ][0-9CFGHJKLMNPRTVWXYZ]{8}([0-9])?(?![0-9A-Za-z])")

    def find(self, candidate: Candidate) -> Iterator[Match]:
        found = self._SHAPE.match(candidate.text)
        if found is None:
            return
        number = found.group()[:9]
        if not any(c.isdigit() for c in number) or not set(number) <= ICAO_DOCUMENT_ALPHABET:
            return
        # the document word may also follow: "L84Z8WW7X angegeben, das ist die Ausweisnummer"
        context = _has_context(candidate, _DOCUMENT_CONTEXT, 50) or any(
            word in candidate.after(50) for word in _DOCUMENT_CONTEXT
        )
        check = found.group(1)
        if check is not None and int(check) == icao_check_digit(number):
            confidence = 0.97 if context else 0.85
        elif check is None and context:
            confidence = 0.85
        else:
            return
        yield Match(candidate.start, candidate.start + found.end(), confidence)


_SSN_CONTEXT = ("sozialversicherung", "svnr", "sv-nr", "versicherungsnummer", "ahv", "social")


_US_SSN = re.compile(r"[0-9]{3}([- ])[0-9]{2}\1[0-9]{4}|[0-9]{9}")
_US_SSN_CONTEXT = ("ssn", "social security", "social-security", "soc sec", "social is", "my social")
#: Words before a number that is a reference of some kind, not a person's.
_REFERENCE_CONTEXT = (
    "order",
    "bestell",
    "auftrag",
    "rechnung",
    "invoice",
    "tracking",
    "sendung",
    "case",
    "ticket",
    "ref",
    "kunden",
    "customer",
    "vorgang",
    "aktenzeichen",
    "meeting",
    "termin",
)
_AT_SPACED = re.compile(r"(?<![0-9])[0-9]{4} [0-9]{6}(?![0-9])")


class SocialSecurityNumberDetector(Detector):
    """Swiss AHV number (756.xxxx.xxxx.xx, EAN-13), Austrian SVNR (10 digits, mod 11) and
    US social security number (``123-45-6789`` beside the word SSN)."""

    name = "social_security_number"
    category = Category.SOCIAL_SECURITY_NUMBER
    shape = Shape.NUMBER
    min_digits = 9
    priority = 82

    def find(self, candidate: Candidate) -> Iterator[Match]:
        text = candidate.text
        if _US_SSN.fullmatch(text) and us_ssn.is_valid(text.replace(" ", "-")):
            # the US layout 123-45-6789, checked by stdnum (area, group and serial rules)
            if _has_context(candidate, _US_SSN_CONTEXT, 50):
                yield Match(candidate.start, candidate.end, 0.95)
            elif "-" in text and not _has_context(candidate, _REFERENCE_CONTEXT, 30):
                yield Match(candidate.start, candidate.end, 0.75)  # the SSN's own layout
            return
        context = _has_context(candidate, _SSN_CONTEXT, 50)
        if "756" not in text and not context and _AT_SPACED.search(text) is None:
            return  # neither an AHV number nor an Austrian number in its usual form
        for run in sub_runs(text, 10, 13):
            if not run.value.isdigit():
                continue
            if len(run.value) == 13 and run.value.startswith("756") and ch_ssn.is_valid(run.value):
                yield Match(candidate.start + run.start, candidate.start + run.end, 0.97)
                return
            if len(run.value) == 10 and at_vnr.is_valid(run.value):
                spaced = candidate.text[run.start : run.end].count(" ") == 1
                if context or (spaced and candidate.text[run.start + 4] == " "):
                    yield Match(candidate.start + run.start, candidate.start + run.end, 0.9)
                    return
