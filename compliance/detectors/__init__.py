"""Sensitive-data detection for German and English chat text (identifiers, Art. 9, Art. 10).

Use :func:`scan_texts` for many messages at once (the fast path), :func:`scan_stream`
for archives of any size, and :func:`scan_text` for one message. Findings never carry
the raw value; see :mod:`compliance.detectors.masking`.

Values recur through an archive (a client's phone number, IBAN, diagnosis words), so the
detectors remember the last few thousand values they validated or masked, and a
pseudonymizer the values it hashed: in this process's memory only, never written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from compliance.detectors.base import (
    Candidate,
    Category,
    Detector,
    Finding,
    Match,
    Severity,
    Shape,
    ValidatingDetector,
)
from compliance.detectors.catalogue import (
    CATALOGUE,
    CRISIS_KINDS,
    CategoryInfo,
    CrisisKindInfo,
    LegalBasis,
)
from compliance.detectors.engine import Scanner, get_scanner
from compliance.detectors.masking import Pseudonymizer, mask
from compliance.detectors.registry import DEFAULT_DETECTORS, LEXICON_CATEGORIES, build_detectors

__all__ = [
    "CATALOGUE",
    "CRISIS_KINDS",
    "DEFAULT_DETECTORS",
    "LEXICON_CATEGORIES",
    "Candidate",
    "Category",
    "CategoryInfo",
    "CrisisKindInfo",
    "Detector",
    "Finding",
    "LegalBasis",
    "Match",
    "Pseudonymizer",
    "Scanner",
    "Severity",
    "Shape",
    "ValidatingDetector",
    "build_detectors",
    "get_scanner",
    "mask",
    "scan_stream",
    "scan_text",
    "scan_texts",
]


def scan_texts(
    texts: Sequence[str],
    *,
    lang: str = "auto",
    region: str = "DE",
    pseudonymizer: Pseudonymizer | None = None,
) -> list[list[Finding]]:
    """Findings for each message of ``texts`` (same order), each list sorted by position.

    ``lang`` picks the lexicons (``de``, ``en`` or ``auto`` for both); ``region`` is the
    default country for phone numbers without a country code.
    """
    return get_scanner(lang, region).scan_texts(texts, pseudonymizer=pseudonymizer)


def scan_stream(
    texts: Iterable[str],
    *,
    lang: str = "auto",
    region: str = "DE",
    pseudonymizer: Pseudonymizer | None = None,
) -> Iterator[list[Finding]]:
    """Like :func:`scan_texts` for a stream of any length: memory stays at one block."""
    return get_scanner(lang, region).scan_stream(texts, pseudonymizer=pseudonymizer)


def scan_text(
    text: str,
    *,
    lang: str = "auto",
    region: str = "DE",
    pseudonymizer: Pseudonymizer | None = None,
) -> list[Finding]:
    """Findings in one message; prefer :func:`scan_texts` for many."""
    return scan_texts([text], lang=lang, region=region, pseudonymizer=pseudonymizer)[0]
