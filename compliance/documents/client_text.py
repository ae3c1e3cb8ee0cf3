"""The client-text check: what a client reads or signs holds no research notes and no slips.

Every client document (the consent form, the messenger agreement, the privacy
notice) can run :func:`client_text_problems` over its visible text. It finds
what must never reach a client: sources and research notes, "unknown" given as
a fact, Markdown markers, internal keys, jargon, English words in German text,
"ß" and GDPR references in Swiss forms, legal references that may break across
lines, and a few known slips of grammar. It is a net for regressions, not a
proof of good German: the phrase lists are deliberately small and exact.
"""

from __future__ import annotations

import re

# Research notes and their labels (messengers.md, the catalogues' `source`/`note` fields);
# matched in lower case, as plain substrings (fast enough for every variant of a form).
_SOURCE_PHRASES = (
    "[src",
    "[gk]",
    "[?]",
    "[stat",
    "quelle:",
    "source:",
    "sekundärquelle",
    "secondary source",
    "allgemeinwissen",
    "general knowledge",
    "nicht prüfbar",
    "not verifiable",
    "dataprivacyframework.gov",
    "checked_on",
    "confidence",
    "(nicht bestätigt)",
    "(unverified)",
)
_JARGON_PHRASES = (
    "double ratchet",
    "sealed sender",
    "gehasht",
    "hashed",
    "homeserver",
    "föderation",
    "federation",
    "service node",
    "chatmail",
    "on-premises",
    "rechtsordnung (land)",
    "cloud act",
)
_JARGON_WORDS = re.compile(r"\b(?:MDM|AVV|DPF)\b")
_NOTE_LABEL = re.compile(r"\bnotes?: ")
_CITED_DOMAIN = re.compile(r"\([^()]*\b[\w-]+\.(?:de|com|org|net|ch|at|eu|io|ru)\b[^()]*\)")
_UNKNOWN = {"de": re.compile(r"\bunbekannt\b", re.IGNORECASE), "en": re.compile(r"\bunknown\b")}
_MARKDOWN = re.compile(r"\*\*|`|^#+ |\[[^\]]+\]\([^)]+\)", re.MULTILINE)
_LEFTOVER_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Internal keys: snake_case identifiers (MDM keys, profile fields) outside addresses.
_INTERNAL_KEY = re.compile(r"\b[a-z]+_[a-z_]+\b")
_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
# English words that have no business in German client text (names of services excepted).
_ENGLISH_IN_GERMAN = re.compile(
    r"\b(?:unknown|yes|the|of|with|template|page|unverified|source|consent|worldwide|"
    r"provider|free of charge)\b",
    re.IGNORECASE,
)
_REFERENCE_WORD_SPACE = re.compile(r"(?<![\w.])(?:Art\.|Abs\.|Nr\.|lit\.|UAbs\.|§|§§) (?=[0-9a-z])")
_NUMBER_LAW_SPACE = re.compile(
    r"(?:\b\d+[a-z]?|\(\w+\)|\b[a-z]) (?=(?:Abs\.|UAbs\.|lit\.|Nr\.|Satz|DSGVO|BDSG|BGB|StGB|"
    r"DSG|DSV|ABGB|ZGB|GDPR|FADP)(?!\w))"
)
_GRAMMAR = {
    "de": [
        re.compile(r"\b1 (?:Werktagen|Werktage|Tagen|Tage)\b"),
        re.compile(r"\bsetzt bzw\. setzen\b|\bverarbeitet bzw\. verarbeiten\b"),
        re.compile(r"\bund \w+(?: \w+)? (?:setzt|verarbeitet|bearbeitet) (?:eine|Daten)\b"),
        re.compile(r"\bsie können Sie selbst\b"),
        re.compile(r"\bUnterschrift sorgeberechtigte Person\b"),
        re.compile(r"Beraterin / psychologischer Berater bin ich\b"),
    ],
    "en": [
        re.compile(r"\b1 (?:working days|days)\b"),
        re.compile(r"\band \w+(?: \w+)? (?:requires|processes) (?:a|data)\b"),
    ],
}


def client_text_problems(text: str, language: str, country: str) -> list[str]:
    """What is wrong with ``text`` as client text in ``language`` for a form in ``country``."""
    problems: list[str] = []

    def find(pattern: re.Pattern[str], what: str, haystack: str = text) -> None:
        for match in pattern.finditer(haystack):
            start = max(0, match.start() - 30)
            excerpt = haystack[start : match.end() + 30].replace("\n", " ")
            problems.append(f"{what}: …{excerpt}…")

    def find_phrases(phrases: tuple[str, ...], what: str) -> None:
        lowered = text.lower()
        for phrase in phrases:
            position = lowered.find(phrase)
            if position >= 0:
                excerpt = text[max(0, position - 30) : position + len(phrase) + 30]
                problems.append(f"{what}: …{excerpt.replace(chr(10), ' ')}…")

    without_addresses = _ADDRESSES.sub(" ", text)
    find_phrases(_SOURCE_PHRASES, "research note or source")
    find_phrases(_JARGON_PHRASES, "jargon")
    find(_JARGON_WORDS, "jargon")
    find(_NOTE_LABEL, "research note or source")
    find(_CITED_DOMAIN, "cited source", without_addresses)
    find(_UNKNOWN[language], "'unknown' given as a fact")
    find(_MARKDOWN, "Markdown marker")
    find(_LEFTOVER_PLACEHOLDER, "unfilled placeholder")
    find(_INTERNAL_KEY, "internal key", without_addresses)
    find(_REFERENCE_WORD_SPACE, "breakable space inside a legal reference")
    find(_NUMBER_LAW_SPACE, "breakable space inside a legal reference")
    for pattern in _GRAMMAR.get(language, []):
        find(pattern, "grammar")
    if language == "de":
        find(_ENGLISH_IN_GERMAN, "English word in German text", without_addresses)
    if country == "CH":
        find(re.compile(r"DSGVO|GDPR|BDSG|Art\.\s28\sDSGVO"), "EU law in a Swiss form")
        if language == "de":
            find(re.compile(r"ß"), "'ß' in Swiss German")
    return problems
