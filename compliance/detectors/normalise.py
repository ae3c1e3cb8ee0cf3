"""The text detectors look at: NFKC, invisible characters removed, offsets mapped back.

People (and apps) write identifiers in notations the patterns do not know: fullwidth
digits and ``＠``, non-breaking or zero-width spaces inside an IBAN, a soft hyphen in a
name. Detection runs on a normalised copy; :class:`Normalised` maps each position of
the copy back to the original, so that findings point into the message as written.
Text that is already normal (all ASCII, or NFKC without invisible characters) is
returned as it is, at the cost of one check.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that take no room and carry no letter: zero-width spaces and joiners,
# word joiner, BOM, soft hyphen, bidirectional marks and isolates, invisible operators.
INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


@dataclass(slots=True)
class Normalised:
    """A normalised copy of a text and, when it differs, where each of its characters
    came from (``origin[i]`` is the original index of copy character ``i``; one more
    entry, the original's length, closes the last span)."""

    text: str
    origin: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the copy's span ``[start, end)``."""
        origin = self.origin
        if origin is None:
            return start, end
        if end <= start:
            return origin[start], origin[start]
        return origin[start], origin[end - 1] + 1


def is_normal(text: str) -> bool:
    """Whether ``text`` is its own normalised copy."""
    return text.isascii() or (
        unicodedata.is_normalized("NFKC", text) and _INVISIBLE.search(text) is None
    )


def normalise(text: str) -> Normalised:
    """The copy of ``text`` the detectors scan (see the module docstring)."""
    if is_normal(text):
        return Normalised(text)
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in INVISIBLE:
            continue
        if char.isascii():
            pieces.append(char)
            origin.append(index)
            continue
        # Character by character, so that each piece knows its origin. A combining mark
        # is normalised on its own here, which NFKC of the whole text might compose
        # with its base; the detectors' shapes are all made of base characters.
        replaced = unicodedata.normalize("NFKC", char)
        pieces.append(replaced)
        origin.extend([index] * len(replaced))
    origin.append(len(text))
    return Normalised("".join(pieces), origin)
