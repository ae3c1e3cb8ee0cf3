"""Where a word of the name list is a name: cues before it, its case, its place in the
sentence, and what follows it (a verb, "'s", a street word). The lists themselves are read by
:mod:`compliance.detectors.name_lists`.
"""

from __future__ import annotations

import re

from compliance.detectors.name_lists import (
    common_words,
    first_names,
    first_names_source,
    name_cues,
    never_names,
    not_subjects,
    place_names,
    rare_first_names,
    running_text_cues,
    verbs_after_lower_name,
    verbs_after_name,
)

# The lexicon imports the lists it builds its terms from here too.
__all__ = [
    "TITLES",
    "after_title",
    "first_names",
    "first_names_source",
    "name_end",
    "never_names",
]


#: Titles and forms of address: a word right after one is a surname, never a disease.
#: Forms of address that stand before a name, as written (the one list of them: the
#: scanner's shapes and the name detectors read it from here). Relatives and elders are
#: addressed like this too ("Aunty Funmi", "Pastor Adewale", "Tante Gül").
TITLE_WORDS = (
    "Frau",
    "Herr",
    "Herrn",
    "Fr.",
    "Hr.",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Miss",
    "Dr.",
    "Prof.",
    "Dr",
    "Prof",
    # Austrian academic titles, written before the name: Magister/Magistra, the female Dr.
    "Mag.a",
    "Mag.",
    "Dr.in",
    "Aunty",
    "Auntie",
    "Uncle",
    "Pastor",
    "Imam",
    "Rabbi",
    "Tante",
    "Onkel",
    "Teyze",
    "Amca",
)
TITLES = frozenset(title.lower().rstrip(".") for title in TITLE_WORDS) | {"dipl"}


_TITLE_TUPLE = tuple(TITLES)


#: Words before a noun: a common word after one of them is that noun, not a name.
DETERMINERS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "eines",
        "seines",
        "ihres",
        "meines",
        "deines",
        "unseres",
        "eures",
        "im",
        "am",
        "zum",
        "zur",
        "vom",
        "beim",
        "ins",
        "mein",
        "meine",
        "meinen",
        "meinem",
        "meiner",
        "dein",
        "deine",
        "sein",
        "seine",
        "ihr",
        "ihre",
        "unser",
        "unsere",
        "the",
        "a",
        "an",
        "my",
        "your",
        "his",
        "her",
        "our",
        "their",
        "this",
        "that",
    ]
)


#: Prepositions before a place, not before a person ("in Basel"); "nach" and "aus" are
#: left out: "nach Lena" is also "after Lena".
_PLACE_BEFORE = frozenset(["in"])
#: A work and the word that links it to a person ("der Film mit", "a book by"): the name
#: after it is an actor's or an author's, no private person's.
_WORK_BEFORE = re.compile(
    r"\b(?:film|filme|movie|lied|song|songs|buch|book|serie|series|show|album|podcast|roman|"
    r"novel|doku|documentary|play|stück|musical|oper|opera|konzert|concert|interview|"
    r"video|talk|vortrag)"
    # the work's title may stand between ("das Lied \"Hurt\" von")
    r"(?:\W{1,3}|\W{0,2}[\"„“”'‘’»«][^\"„“”»«\n]{1,40}[\"“”'’»«]\W{0,2})"
    r"(?:mit|von|by|with|from|über|about|of|feat\.?|ft\.?)\W{1,3}$"
)
#: A saint's name names a church, a hospital or a school ("St Mary's", "St. Peter",
#: "Sankt Michael"), and Eve a holiday after Christmas or New Year ("Christmas Eve").
_SAINT_OR_HOLIDAY_BEFORE = re.compile(r"(?:^|[^\w])(?:st\.?|sankt|saint|santa|san) $")
_HOLIDAY_EVES = re.compile(r"(?:christmas|year'?s|year’s) $")
#: Quotation marks around a title.
_QUOTES = '"„“”«»'
#: Words a title in quotes may hold beside capitalised ones ("Romeo und Julia").
_TITLE_LINKS = frozenset(
    {"und", "and", "of", "the", "von", "der", "die", "das", "im", "in", "a", "an", "&"}
)


def _in_quoted_title(before: str, after: str) -> bool:
    """Whether a name stands in quotes among capitalised words only, as in a title
    ("\"Romeo und Julia\"", "\"Breaking Bad\""), not in quoted speech ("\"Anna, komm\"")."""
    opening = max(before.rfind(mark) for mark in _QUOTES)
    if opening < 0:
        return False
    closings = [at for at in (after.find(mark) for mark in _QUOTES) if at >= 0]
    if not closings:
        return False
    words = (before[opening + 1 :] + " " + after[: min(closings)]).split()
    return 0 < len(words) <= 6 and all(
        word[:1].isupper() or word.lower() in _TITLE_LINKS for word in words
    )


def public_or_place(name: str, before: str, after: str = "") -> bool:
    """Whether a name (lower case) is a country or region, the text right ``before`` it
    ends in a work ("Film mit", "a book by"), or the name stands in a title in quotes
    (``after`` given: ``before`` and ``after`` as written, case kept)."""
    if after and _in_quoted_title(before, after):
        return True
    before = before.lower()
    if _SAINT_OR_HOLIDAY_BEFORE.search(before[-8:]) or (
        name.partition(" ")[0] == "eve" and _HOLIDAY_EVES.search(before[-12:])
    ):
        return True
    places = place_names()
    if name in places:
        return True
    # the second word of a place ("Costa Rica", "Sierra Leone")
    words_before = before.split()
    if words_before and before[-1:] == " " and f"{words_before[-1]} {name}" in places:
        return True
    return _WORK_BEFORE.search(before[-40:]) is not None


def previous_word(lowered: str, start: int) -> str:
    """The word before ``start`` (lower case, without a full stop), or ``""``."""
    end = start
    while end > 0 and lowered[end - 1] in " ,.:\t":
        end -= 1
    begin = end
    while begin > 0 and (lowered[begin - 1].isalpha() or lowered[begin - 1] in "/"):
        begin -= 1
    return lowered[begin:end]


def after_title(lowered: str, start: int) -> bool:
    """Whether the word at ``start`` follows a title or form of address."""
    end = start
    while end > 0 and lowered[end - 1] in " ,.:\t":
        end -= 1
    # one C call rules out almost every word; the exact test follows for the rest
    if not lowered.endswith(_TITLE_TUPLE, 0, end):
        return False
    return previous_word(lowered, start) in TITLES


def name_end(block: str, lowered: str, start: int, end: int) -> int | None:
    """Where the name found at ``start:end`` ends (a surname included), or None if no name.

    A name right before a street word is the street's ("Oak Road", "Clark St").
    """
    stop = _name_end(block, lowered, start, end)
    if stop is None:
        return None
    if _street_word_at(lowered, stop) or (stop != end and _street_word_at(lowered, end)):
        return None
    return stop


def _street_word_at(lowered: str, at: int) -> bool:
    """Whether a street word follows the space at ``at`` ("… Road", "… Straße")."""
    if not lowered.startswith(" ", at):
        return False
    stop = at + 1
    while stop < len(lowered) and (lowered[stop].isalpha() or lowered[stop] == "."):
        stop += 1
    return lowered[at + 1 : stop] in _STREET_WORDS


#: Street words that are no surnames ("Park", "Green", "Hill", "Lane" are).
_STREET_WORDS = frozenset(
    [
        "road",
        "rd",
        "rd.",
        "street",
        "st",
        "st.",
        "avenue",
        "ave",
        "ave.",
        "boulevard",
        "blvd",
        "blvd.",
        "drive",
        "crescent",
        "terrace",
        "straße",
        "strasse",
        "str.",
        "allee",
        "gasse",
    ]
)


def _name_end(block: str, lowered: str, start: int, end: int) -> int | None:
    """Where the name found at ``start:end`` ends (a surname included), or None if no name.

    A first name of the list is a name when it is written with a capital and is no
    common word, or when a cue stands right before it (a greeting, a closing, a kinship
    word, a form label, "mit", "with", a title), in any case.
    """
    if start and block[start - 1] in "@./_#:":
        return None  # part of an address, a handle or a link
    if end < len(block) and (block[end] == "@" or block[end : end + 2].startswith("_")):
        return None
    word = lowered[start:end]
    if word in never_names():
        return None
    stop = _name_end_unchecked(block, lowered, start, end, word)
    if stop is None or public_or_place(
        lowered[start:stop], block[max(0, start - 40) : start], block[stop : stop + 40]
    ):
        return None
    return stop


def _name_end_unchecked(block: str, lowered: str, start: int, end: int, word: str) -> int | None:
    """:func:`_name_end` for a word that may be a name: by its cues and its spelling."""
    before = previous_word(lowered, start)
    if before in _PLACE_BEFORE and not lowered.startswith(_POSSESSIVE, end):
        return None  # "in Basel", "aus Sri Lanka": a place ("in Anna's room": a person)
    if before in name_cues() or before in TITLES:
        # after a cue a name may be lower case, but a lower-case common word stays a word
        # ("mein Sohn will ...")
        if block[start].isupper() or word not in common_words():
            return with_surname(block, end)
        return None
    title_case = block[start].isupper() and not block[start:end].isupper()
    if word in rare_first_names():
        # "Callum's been sentenced", "is Nia's", "call Steph back" (after a cue: above)
        if not title_case:
            return None
        if _subject_of_verb(lowered, start, end) or lowered.startswith(_POSSESSIVE, end):
            return end
        if before in running_text_cues():
            return with_surname(block, end)
        return None
    if word in common_words():
        # "Will", "Malte", "Hunter": a name when capitalised inside a sentence, a word at
        # its start (or in lower case), a noun after an article ("die Rose")
        if title_case and not _sentence_start(block, start) and before not in DETERMINERS:
            return with_surname(block, end)
        if title_case and _subject_of_verb(lowered, start, end):
            return end  # "Will is picking the kids up": a person opening the sentence
        return None
    if title_case or before in running_text_cues() or _listed_together(lowered, start, before):
        return with_surname(block, end)
    if _sentence_start(lowered, start) and _verb_after(lowered, end) in verbs_after_lower_name():
        return end  # "aylin hat in die gruppe geschrieben": lower case, but a subject
    return None


#: Conjunctions that join two names ("mit lea und tim"); alone they are no cue.
_JOINING = frozenset({"und", "and"})


def _listed_together(lowered: str, start: int, before: str) -> bool:
    """Whether a lower-case word follows "und"/"and" after a first name ("lea und tim"):
    a conjunction alone is no cue ("and hung up"), but one between names is."""
    if before not in _JOINING:
        return False
    joined_at = lowered.rfind(before, 0, start)
    return previous_word(lowered, joined_at) in first_names()


def _verb_after(lowered: str, end: int) -> str:
    """The word right after ``end`` when a single space stands before it, else ``""``."""
    if not lowered.startswith(" ", end):
        return ""
    stop = end + 1
    while stop < len(lowered) and lowered[stop].isalpha():
        stop += 1
    return lowered[end + 1 : stop]


_POSSESSIVE = ("'s ", "’s ", "'s,", "’s,", "'s.", "’s.")


def _subject_of_verb(lowered: str, start: int, end: int) -> bool:
    """Whether the common word at ``start:end`` opens a sentence followed by a verb."""
    if lowered[start:end] in not_subjects() or not _sentence_start(lowered, start):
        return False
    if lowered.startswith(_POSSESSIVE, end):
        return True
    verb = _verb_after(lowered, end)
    # a listed verb, or an English past form ("Darren strangled me")
    return verb in verbs_after_name() or (
        len(verb) >= 5 and verb.endswith("ed") and not verb.endswith("eed")
    )


def _sentence_start(block: str, start: int) -> bool:
    """Whether only spaces stand between ``start`` and a sentence end or the message start."""
    at = start
    while at > 0 and block[at - 1] in " \t\"'(":
        at -= 1
    return at == 0 or block[at - 1] in ".!?:\n\x00"


def with_surname(block: str, end: int) -> int:
    """``end`` moved past a capitalised word right after the first name, if any."""
    if end + 2 >= len(block) or block[end] != " " or not block[end + 1].isupper():
        return end
    stop = end + 1
    while stop < len(block) and (block[stop].isalpha() or block[stop] in "-'"):
        stop += 1
    surname = block[end + 1 : stop].rstrip("-'")
    if len(surname) < 2 or surname.lower() in common_words() or surname.isupper():
        return end
    _, apostrophe, tail = surname.partition("'")
    if apostrophe and not tail[:1].isupper():
        return end  # "I'm", "It's": no surname ("O'Brien" is one)
    return end + 1 + len(surname)
