"""The lexicon's automata: keys padded at their word borders, over word-separated text.

The automata of :class:`compliance.detectors.lexicon.Lexicon` read a copy of a block in
which every word separator is a space; a key that must stand at a word's border is padded
with a space there, so the automaton itself reports whole words only.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import ahocorasick

from compliance.detectors.lexicon_terms import Term, lexicon_dir


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """The most frequent German and English words (``lexicons/everyday-words.txt``)."""
    path = lexicon_dir() / "everyday-words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


#: Characters that separate words: in the copy of a block the automata read, each becomes
#: a space, so that a key padded with spaces ("␣ann␣") is found only as a whole word and
#: never inside a longer one ("Johannes", "bauen"). Most automaton hits were such
#: fragments of words, each dropped only after a step in Python.
SEPARATORS = re.compile(
    "[" + re.escape("".join(sorted(set(string.punctuation) - {"_"}))) + "_\x00\t\n\r\f\v"
    "\u00a0\u00ab\u00b7\u00bb\u00bf\u00a1\u2010-\u2015\u2018-\u201f\u2022\u2026\u2039\u203a]"
)


#: The separators of Latin-1, for text that holds no other characters.
_LATIN1SEPARATORS = bytes(32 if SEPARATORS.fullmatch(chr(code)) else code for code in range(256))


def word_separated(text: str) -> str:
    """``text`` with every word separator a space (same length, same offsets)."""
    try:
        # Text of Latin-1 characters only (most German and English text without emoji or
        # typographic quotes) is mapped as bytes, a tenth of the regular expression's time.
        latin = text.encode("latin-1")
    except UnicodeEncodeError:
        return SEPARATORS.sub(" ", text)
    return latin.translate(_LATIN1SEPARATORS).decode("latin-1")


#: What a key of an automaton stands for: (key length, may close a compound, may go on,
#: its values, padding after the key, padding before it). A value is (term, window part or
#: -1, choice, length).
Value = tuple[int, int, int, int]
Slot = tuple[int, bool, bool, tuple[Value, ...], int, int]


def build_automaton(
    keys: dict[str, list[tuple[int, int, int, int]]], terms: Sequence[Term]
) -> tuple[ahocorasick.Automaton, list[Slot]]:
    """An automaton over word-separated text (see :data:`SEPARATORS`) and its slots.

    The automaton stores the number of each key's slot: plain integers are what it saves
    and loads fastest (see :mod:`compliance.detectors.lexicon_cache`). A key's values are
    grouped by where they may be glued to other letters; a side where none may be glued
    is padded with a space, so the automaton itself checks that border.
    """
    # padded key -> [key length, padding after, padding before, values, open before, open after]
    padded: dict[str, list[Any]] = {}
    for key, values in keys.items():
        separated = key if key.isalpha() else word_separated(key)
        alpha_start, alpha_end = separated[0].isalpha(), separated[-1].isalpha()
        for value in values:
            index, part, choice, _ = value
            term = terms[index]
            prefix, compound = (
                term.parts[part][choice][1:] if part >= 0 else (term.prefix, term.compound)
            )
            # a side is padded only where the key ends in a letter: a key that ends in an
            # emoji or a digit keeps the border check in Python, as before
            before = "" if compound or not alpha_start else " "
            after = "" if prefix or not alpha_end else " "
            entry = padded.get(before + separated + after)
            if entry is None:
                entry = padded[before + separated + after] = [
                    len(key),
                    len(after),
                    len(before),
                    [],
                    False,
                    False,
                ]
            entry[3].append(value)
            entry[4] = entry[4] or compound
            entry[5] = entry[5] or prefix
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    # Keys that stand for the same (most first names of one length) share one slot.
    numbers: dict[Slot, int] = {}
    for padded_key, (length, trail, lead, values, open_before, open_after) in padded.items():
        slot = (length, open_before, open_after, tuple(values), trail, lead)
        automaton.add_word(padded_key, numbers.setdefault(slot, len(numbers)))
    if padded:
        automaton.make_automaton()
    return automaton, list(numbers)
