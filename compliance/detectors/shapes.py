"""The scan regexes: every shape as an alternative of one of two passes over a block.

Python's ``re`` only skips quickly to where a match can start when the pattern begins
with a plain character class, or with a choice between single characters. The digit
pass is ``[first characters](?:…)``: the first character is consumed by that class and
every alternative re-checks it with a one-character lookbehind. The letter pass, which
stops at every capital of German text, is a choice between its first characters
(``A(?:…)|B(?:…)|…|@(?:…)|:(?:…)``): a capital then costs one comparison per letter
instead of one lookbehind per shape, and only the alternatives of that letter are tried.
Each alternative ends with an empty named group, so ``match.lastgroup`` names the shape;
the group sits at the end because ``re`` pays for every group it passes, and most
attempts fail long before they get there.
"""

from __future__ import annotations

import re

from compliance.detectors.base import Shape
from compliance.detectors.person_names import TITLE_WORDS
from compliance.detectors.personal import EN_STREET_SUFFIXES, STREET_SUFFIXES, STREET_WORDS

_DE_EN_MONTHS = (
    r"(?i:januar|jänner|january|jan|februar|february|feb|märz|maerz|march|mar|mär|april|apr|"
    r"mai|may|juni|june|jun|juli|july|jul|august|aug|september|sept|sep|oktober|october|okt|"
    r"oct|november|nov|dezember|december|dez|dec)"
)
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sept",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_NAME = r"[A-ZÄÖÜ][\wäöüß-]+(?: [A-ZÄÖÜ][\wäöüß-]+)?"
_TITLE_WORDS = TITLE_WORDS
_TITLES = "(?:" + "|".join(re.escape(t) for t in _TITLE_WORDS) + ")"
_GREETINGS = (
    "Hallo",
    "Hallöchen",
    "Hello",
    "Hiya",
    "Heya",
    "Hi",
    "Hey",
    "Liebe",
    "Lieber",
    "Dear",
    "Moin",
    "Servus",
    "Grüezi",
    "Guten Morgen",
    "Guten Tag",
    "Guten Abend",
    "Good morning",
    "Good afternoon",
    "Good evening",
)
_CLOSINGS = (
    "LG",
    "VG",
    "GLG",
    "Liebe Grüße",
    "Viele Grüße",
    "Beste Grüße",
    "Herzliche Grüße",
    "Schöne Grüße",
    "Grüße",
    "Gruß",
    "Best regards",
    "Kind regards",
    "Warm regards",
    "Regards",
    "Best wishes",
    "Best",
    "Cheers",
    "Thanks",
    "Danke",
)
# the end of the message, after kisses or emoji if any ("Cheers, Bex xx", "LG Jule ❤️")
_END_OF_MESSAGE = r"(?=[.!]?[ \t\r\n]*(?:(?:x{1,3}|[^\w\s\x00]{1,4})[ \t\r\n]*)?(?:\x00|\Z))"
_STREET_BEHIND = (
    "|".join(f"(?<={re.escape(word)} [0-9])" for word in (*STREET_SUFFIXES, *STREET_WORDS))
    + "|(?<=str\\.[0-9])|(?<=Str\\.[0-9])"
)


def _word_trie(words: tuple[str, ...]) -> str:
    """``words`` in title or lower case as a choice by first letter, behind a class of the
    first letters (a word with another first letter fails in one step)."""
    rests: dict[str, set[str]] = {}
    for word in words:
        rests.setdefault(word[0].lower(), set()).add(re.escape(word[1:].lower()))
    firsts = "".join(sorted(rests))
    choices = "|".join(
        f"[{first}{first.upper()}](?:{'|'.join(sorted(rest, key=len, reverse=True))})"
        for first, rest in sorted(rests.items())
    )
    return f"(?=[{firsts}{firsts.upper()}])(?:{choices})"


_NUMBER_SEPARATOR = r"(?:[ \-./]{1,2}| / | ?\(0\) ?)"
_NUMBER_GROUP = r"\(?[0-9]+(?:\)[0-9]*)?"

#: Shapes of the pass that starts at a digit, ``+`` or ``(``, in order of precedence.
DIGIT_LED: dict[Shape, str] = {
    Shape.PENSION: r"(?<=[0-9])[0-9] ?[0-9]{6} ?[A-Z] ?[0-9]{2} ?[0-9](?![0-9A-Za-z])",
    Shape.DATE_WORDS: r"(?<=[0-9])[0-9]?(?:st|nd|rd|th)?\.? ?(?:of )?(?=[JFMASONDjfmasond])"
    + _DE_EN_MONTHS
    + r"\.?,? ?[0-9]{4}(?![0-9])",
    # House number, one or two words (after a direction "N"; an ordinal "79th" is a word)
    # and a street word in either case; the detector decides what else must hold (a
    # capital, a postcode after it). Only a number's first digit starts it, and the street
    # words are a trie behind a class of their first letters: most "5 days" fail at once.
    Shape.STREET_EN: r"(?<=[0-9])(?<![0-9][0-9])[0-9]{0,4}+[A-Za-z]?+ (?:[NSEWnsew]\.? )?"
    r"(?:(?:[0-9]{1,3}(?:st|nd|rd|th)|[A-Za-z][A-Za-z'-]*) ){1,2}"
    + _word_trie(EN_STREET_SUFFIXES)
    + r"\.?(?![A-Za-z])",
    Shape.STREET: r"(?:(?<=[egzmrdtE] [0-9])|(?<=\.[0-9])|(?<=\. [0-9]))"
    + f"(?:{_STREET_BEHIND})"
    + r"[0-9]{0,3}(?: ?[a-zA-Z](?![a-zA-Z]))?(?![0-9])",
    Shape.NUMBER: r"(?:(?<=\+)\(?[0-9]|(?<=\()[0-9]|(?<=[0-9]))"
    rf"(?:[0-9]*(?:\)[0-9]*)?(?:{_NUMBER_SEPARATOR}{_NUMBER_GROUP})+|[0-9]{{3,}})",
}
DIGIT_LEAD = "[0-9+(]"

_CAPITALS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

#: Shapes of the pass that starts at an upper-case letter, ``@`` or ``:``, in order of
#: precedence, each as (the words it starts with, the rest): the first characters of
#: the words become the pass's dispatch, so a shape is only tried where it can start.
LETTER_LED: dict[Shape, tuple[tuple[str, ...], str]] = {
    Shape.CAPS: (_CAPITALS, r"[A-Z]{5}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![0-9A-Za-z])"),
    Shape.CODE: (_CAPITALS, r"[A-Z0-9]{0,7}[0-9][A-Z0-9]*(?:[ .\-/][A-Z0-9]+)*"),
    Shape.AT: (
        ("@",),
        r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])",
    ),
    Shape.SCHEME: ((":",), r"//[^\s<>\"\x00]+"),
    Shape.IPV6: ((":",), r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){1,7}(?![0-9A-Za-z:])"),
    Shape.DATE_WORDS: (_EN_MONTHS, r"\.? [0-9]{1,2}(?:st|nd|rd|th)?,? [0-9]{4}(?![0-9])"),
    Shape.SIGNATURE: (_CLOSINGS, r"[,!.]?\s+" + _NAME + _END_OF_MESSAGE),
    Shape.GREETING: (_GREETINGS, rf"[ ,]+(?:{_TITLES}\s+)*" + _NAME),
    # academic titles between the form of address and the name ("Frau Mag.a Huber")
    Shape.TITLE: (_TITLE_WORDS, r"\s+(?:(?:Dr\.in|Dr\.?|Prof\.?|Mag\.a?)\s+)*" + _NAME),
}

#: Shapes that must not start inside a word ("abc123" is no number).
WORD_START_SHAPES = frozenset(
    s.value
    for s in (
        Shape.PENSION,
        Shape.DATE_WORDS,
        Shape.STREET_EN,
        Shape.NUMBER,
        Shape.CODE,
        Shape.CAPS,
        Shape.SIGNATURE,
        Shape.GREETING,
        Shape.TITLE,
    )
)


def _dispatch(table: dict[Shape, tuple[tuple[str, ...], str]]) -> str:
    """A choice between first characters, each holding every shape that starts with it.

    Within one first character the shapes keep their order of precedence.
    """
    by_first: dict[str, list[str]] = {}
    for shape, (words, rest) in table.items():
        rests_by_first: dict[str, list[str]] = {}
        for word in words:
            rests_by_first.setdefault(word[0], []).append(re.escape(word[1:]))
        for first, rests in rests_by_first.items():
            ordered = "|".join(sorted(rests, key=len, reverse=True))
            index = len(by_first.get(first, []))
            group = f"{shape.value}{GROUP_SUFFIX}{ord(first)}_{index}"
            words_rest = f"(?:{ordered})" if ordered else ""
            by_first.setdefault(first, []).append(f"{words_rest}{rest}(?P<{group}>)")
    choices = (f"{re.escape(first)}(?:{'|'.join(parts)})" for first, parts in by_first.items())
    return "(?:" + "|".join(choices) + ")"


def compile_passes(shapes: set[Shape]) -> list[re.Pattern[str]]:
    """The scan regexes for the requested shapes (one or two passes).

    Group names are shape names, or a shape name, ``GROUP_SUFFIX`` and a tag where one
    shape needs several groups; :func:`shape_of_group` maps them back.
    """
    passes = []
    digit_led = [
        f"{body}(?P<{shape.value}>)" for shape, body in DIGIT_LED.items() if shape in shapes
    ]
    if digit_led:
        passes.append(re.compile(DIGIT_LEAD + "(?:" + "|".join(digit_led) + ")"))
    letter_led = {shape: body for shape, body in LETTER_LED.items() if shape in shapes}
    if letter_led:
        passes.append(re.compile(_dispatch(letter_led)))
    return passes


GROUP_SUFFIX = "__"


def shape_of_group(name: str) -> str:
    """The shape (its value) a named group of the scan regex stands for."""
    return name.split(GROUP_SUFFIX, 1)[0]
