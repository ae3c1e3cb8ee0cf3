"""A test-side client-text check for the agreement (to be replaced by the shared one).

What a client reads never holds source URLs, "unknown" facts, Markdown markers or,
in Swiss German, an "ß".
"""

from __future__ import annotations

import re

_FORBIDDEN = (
    (re.compile(r"https?://|www\.|\.com\b|\.de/"), "a source address"),
    (
        re.compile(r"\b(unbekannt|unknown|confidence|checked_on|\[src|\[gk|\[\?\])", re.I),
        "research wording",
    ),
    (re.compile(r"\*\*|(?<!_)__[^_\s]|^#|`", re.M), "a Markdown marker"),
)


def client_text_problems(text: str, *, swiss_german: bool = False) -> list[str]:
    problems = [
        f"{label}: {match.group(0)!r}"
        for pattern, label in _FORBIDDEN
        for match in pattern.finditer(text)
    ]
    if swiss_german and "ß" in text:
        problems.append("an 'ß' in Swiss German text")
    return problems
