"""The safety net of masking: what looks like an identifier is masked whoever found it.

Detectors mask the values they claim; an identifier in a notation no detector knows would
show in clear beside them. Every text shown next to client data (excerpts, participant
names) passes through :func:`safety_mask` as well. Imported by the command line without
the detectors, so it holds only two regular expressions.
"""

from __future__ import annotations

import re

# Digits (any script), joined by what people put inside numbers: spaces of every width,
# invisible characters, dots, dashes, slashes. Four or more in a row are masked.
_SEPARATORS = r"[\s.\-/_\u00ad\u00b7\u2022\u2027\u0300-\u036f\u200b-\u200f\u2060\ufeff]"
_DIGIT_RUN = re.compile(rf"\d(?:{_SEPARATORS}{{0,3}}\d){{3,}}")
# The at signs of something@something, in the spellings people use to dodge address
# harvesters. Found on their own and widened to the token around them: a pattern for
# the whole token would backtrack over every long token without one.
_AT = re.compile(
    r"[ \u00a0]?[@＠﹫][ \u00a0]?|%40"
    r"|\s?[(\[{<]\s?(?:at|ät)\s?[)\]}>]\s?"
    r"|\s(?:at|ät)\s(?=\S+\s(?:dot|punkt)\s\S)",
    re.IGNORECASE,
)
MASK = "•"
MASKED_EMAIL = "•••@•••"


#: What every match of the two patterns holds: a digit, an at sign, "%" or "at"/"ät" as a
#: word. Most excerpts hold none of them and are returned after this one test.
_MAYBE_MASKED = re.compile(r"[\d@＠﹫%]|(?<![^\W\d_])(?:at|ät)(?![^\W\d_])", re.IGNORECASE)


def safety_mask(text: str) -> str:
    """``text`` with every e-mail-like token and every run of four or more digits masked."""
    if _MAYBE_MASKED.search(text) is None:
        return text
    return _masked(text)


def _masked(text: str) -> str:
    pieces: list[str] = []
    cursor = 0
    for at in _AT.finditer(text):
        start, end = at.span()
        if start < cursor:
            continue  # inside a token already masked
        while start > cursor and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if start == at.start() or end == at.end():
            continue  # nothing before or after it: no address
        pieces += [text[cursor:start], MASKED_EMAIL]
        cursor = end
    pieces.append(text[cursor:])
    masked = "".join(pieces)
    return _DIGIT_RUN.sub(lambda run: re.sub(r"\d", MASK, run.group()), masked)


def mask_name(name: str) -> str:
    """A chat or participant name with :func:`safety_mask` applied, keeping the last two
    digits of a masked number so that chats named by different phone numbers stay apart."""
    masked = safety_mask(name)
    if masked == name or len(masked) != len(name):
        return masked
    shown = list(masked)
    restored = 0
    for index in range(len(name) - 1, -1, -1):
        if restored == 2:
            break
        if name[index].isdigit() and shown[index] == MASK:
            shown[index] = name[index]
            restored += 1
    return "".join(shown)
