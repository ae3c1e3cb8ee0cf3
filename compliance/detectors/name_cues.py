"""Names that a cue word shows, also where the name list lacks them: a capitalised word
after a relation word ("meine Schwester Ngozi"), a surname in lower case after a form of
address ("hoi frau baumann"), a possessive before a family word ("Sabines Vater")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from compliance.detectors.base import Category
from compliance.detectors.lexicon_context import Cues, Found
from compliance.detectors.lexicon_terms import Term
from compliance.detectors.name_lists import common_words, name_cues, never_names, not_surnames
from compliance.detectors.person_names import (
    DETERMINERS,
    TITLES,
    previous_word,
    public_or_place,
    with_surname,
)

#: The cue set of words after which a capitalised word is a name even when the name list
#: lacks it ("meine Schwester Ngozi", "Kontoinhaber: Kwame Mensah").
NAME_CUE_SET = "name-before"
#: The cue set of forms of address after which a word in lower case is a surname too, as
#: people type them ("hoi frau baumann", "mr okafor"); capitalised ones are the title shape's.
ADDRESS_CUE_SET = "address"
#: The cue set of family words after which a capitalised possessive is a name ("Sabines
#: Vater", "Chidi's mum").
POSSESSED_CUE_SET = "possessed"
#: The cue set of words with which writers name themselves at the start of a message
#: ("hey, it's Tayo", "hier ist Dawit"): the capitalised word after them is a name, also
#: one the name list lacks.
INTRODUCES_CUE_SET = "introduces"
#: What may stand before a self-introduction: nothing, or a greeting.
_OPENING = re.compile(
    r"[\W_]*(?:(?:hi|hey|heya|hiya|hallo|hello|moin|servus|hoi|grüezi|salut|"
    r"guten (?:morgen|tag|abend)|good (?:morning|afternoon|evening))[\W_]*)?"
)
#: What may follow the name of a self-introduction: the message's end, punctuation, or
#: where the writer is from ("it's Tayo from the group").
_AFTER_INTRODUCED = re.compile(r"(?:\s*[,.!:;)\-–]|\s*$|\s+(?:from|von|aus|here|hier)\b)")
#: What a name found through a cue stands for.
NAME_AFTER_CUE = Term(
    "(after a cue)", Category.PERSON_NAME, None, False, False, frozenset(), frozenset(), 0.75
)


def names_from_cues(
    block: str, lowered: str, cues: Cues, starts: Sequence[int], ends: Sequence[int]
) -> Iterator[Found]:
    """The names the cue words of each message show, as found terms of the block."""
    for message, present in cues.items():
        for _, cue_end in present.get(NAME_CUE_SET, ()):
            name = name_after(block, cue_end, ends[message])
            if name is not None:
                yield message, name[0], name[1], NAME_AFTER_CUE
        for cue_start, cue_end in present.get(ADDRESS_CUE_SET, ()):
            name = surname_after_address(block, lowered, cue_start, cue_end, ends[message])
            if name is not None:
                yield message, name[0], name[1], NAME_AFTER_CUE
        for cue_start, cue_end in present.get(INTRODUCES_CUE_SET, ()):
            name = self_introduced(
                block, lowered, cue_start, cue_end, starts[message], ends[message]
            )
            if name is not None:
                yield message, name[0], name[1], NAME_AFTER_CUE
        for cue_start, _ in present.get(POSSESSED_CUE_SET, ()):
            name = possessor_before(block, lowered, cue_start, starts[message])
            if name is not None:
                yield message, name[0], name[1], NAME_AFTER_CUE


def name_after(block: str, at: int, stop: int) -> tuple[int, int] | None:
    """The capitalised word (and surname) right after a cue word ending at ``at``, if any."""
    while at < stop and block[at] in " :,":
        at += 1
    end = at
    while end < stop and (block[end].isalpha() or block[end] in "-'"):
        end += 1
    word = block[at:end].rstrip("-'")
    if len(word) < 2 or not word[0].isupper() or word.isupper():
        return None
    lowered = word.lower()
    if lowered in never_names() or lowered in TITLES or lowered in name_cues():
        return None  # "danke Mama": a relation or a greeting, not a name
    end = with_surname(block, at + len(word))
    if public_or_place(block[at:end].lower(), block[max(0, at - 40) : at], block[end : end + 40]):
        return None
    return at, end


def self_introduced(
    block: str, lowered: str, cue_start: int, cue_end: int, start: int, stop: int
) -> tuple[int, int] | None:
    """The name a writer gives for themselves at the start of a message, after "it's",
    "this is" or "hier ist", if one stands there.

    Only at the message's start (a greeting may come first), so that "this is Netflix"
    in running text stays a brand, and only before punctuation, the message's end or
    "from"/"aus" (a name, not "it's Christmas Eve tomorrow"). ("Kasia here" is left out:
    "here" and "hier" stand in too many messages to be looked for in each.)
    """
    if not _OPENING.fullmatch(lowered, start, cue_start):
        return None
    name = name_after(block, cue_end, stop)
    if name is None:
        return None
    first = lowered[name[0] : name[1]].partition(" ")[0]
    if first in common_words() or first in not_surnames():  # "it's Mum"
        return None
    if name[1] < stop and not _AFTER_INTRODUCED.match(lowered, name[1], stop):
        return None
    return name


def surname_after_address(
    block: str, lowered: str, cue_start: int, cue_end: int, stop: int
) -> tuple[int, int] | None:
    """A surname typed in lower case right after a form of address ("hoi frau baumann",
    "mr okafor"), if one stands there.

    The form of address must stand as one ("meine frau", "der herr" are a wife and a man,
    not titles), and the word after it must be none of the words that follow such a word
    without being a name: a function word, a common word, a title or relation, a word the
    cue set lists ("frau doktor").
    """
    cue = block[cue_start:cue_end]
    if cue.isupper() or _OWNED.fullmatch(previous_word(lowered, cue_start)):
        return None  # "HR asked", "seiner frau", "mit ner Frau"
    at = cue_end
    if at < stop and block[at] == ".":
        at += 1
    elif len(cue) == 2 and cue.lower() in ("fr", "hr"):
        return None  # the abbreviations only with their full stop
    if at >= stop or block[at] != " ":
        return None
    at += 1
    end = at
    while end < stop and (
        block[end].isalpha() or (block[end] == "-" and end + 1 < stop and block[end + 1].isalpha())
    ):
        end += 1  # a double name is one ("schmidt-weber")
    word = lowered[at:end]
    if (
        len(word) < 3
        or not block[at:end].islower()
        or (end < stop and block[end] in "'’@")
        or word in never_names()
        or word in common_words()
        or word in TITLES
        or word in name_cues()
        or word in not_surnames()
    ):
        return None
    return at, end


#: Articles and possessives, also as spoken ("ner", "nem"): "frau" after one is a woman.
_OWNED = re.compile(
    r"d(?:er|ie|as|en|em|es)|(?:m|d|s|k)?ein(?:e|er|em|en|es)?|ihr(?:e|er|em|en|es)?"
    r"|unser(?:e|er|em|en|es)?|eu(?:er|re|rer|rem|ren|res)|n(?:e|er|em|en)|'ne|the|a|his|my|your"
)


#: Possessives that name no private person ("Gottes Sohn", "Jesus' Mutter").
_NO_POSSESSORS = frozenset({"gotte", "gott", "jesu", "jesus", "christi", "allah"})


def possessor_before(block: str, lowered: str, start: int, floor: int) -> tuple[int, int] | None:
    """The person whose relation (a word of cue set ``possessed``) starts at ``start``
    ("Sabines Vater", "Chidi's mum"): the capitalised word right before it with a
    possessive "s", as (start, end) without the "s". ``floor`` is where the message starts."""
    end = start - 1
    if end <= floor or block[end] != " ":
        return None
    word_end = end
    while end > floor and (block[end - 1].isalpha() or block[end - 1] in "'’"):
        end -= 1
    word = block[end:word_end]
    if word.endswith(("'s", "’s")):
        name = word[:-2]
    elif word.endswith(("s'", "s’", "z'", "x'")):
        name = word[:-1]  # "Milos' Freundin", "Max' Vater"
    elif word.endswith("s") and not word.endswith("ss"):
        name = word[:-1]  # German genitive: "Sabines", "Emres"
    else:
        return None
    # two letters are mostly a word's ("Als Tochter ...")
    if len(name) < 3 or not name.isalpha() or not name[0].isupper() or not name[1:].islower():
        return None
    key, whole = name.lower(), word.lower()
    if (
        # the word itself may be one that ends in "s" ("Servus Frau ...")
        whole in name_cues()
        or whole in never_names()
        or key in _NO_POSSESSORS
        or key in never_names()
        or key in name_cues()
        or key in TITLES
        or key in common_words()
        or public_or_place(key, lowered[max(floor, end - 40) : end])
        or previous_word(lowered, end) in DETERMINERS  # "des Bruders Frau", "the boss's wife"
    ):
        return None
    return end, end + len(name)
