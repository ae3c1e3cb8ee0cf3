"""Art. 9 / Art. 10 vocabulary: lexicon files, one Aho-Corasick automaton, context rules.

Lexicons live in ``checklists/lexicons/<lang>/<category>.txt`` (data, not code). One
line per term, ``#`` starts a comment::

    depressi*                      a word starting with "depressi" (Depression, depressiven)
    *störung                       may close a compound (Angststörung), whole word otherwise
    sertralin* | needs=medication  only when a cue of the set "medication" is in the message
    lithium | needs=medication unless=battery conf=0.7

Cue sets live in ``cues-<name>.txt`` beside them, in the same syntax. Matching runs on
the lower-cased text, so spans stay in the caller's code points; German umlauts and ß
also match their ASCII spellings (ae, oe, ue, ss).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from compliance.detectors.base import Category
from compliance.errors import InputError

# The repository's lexicons; an installed copy is found through the catalogue's data root.
LEXICON_DIR = Path(__file__).resolve().parents[1] / "checklists" / "lexicons"


def lexicon_dir() -> Path:
    """Where the lexicons of this installation are."""
    from compliance.datadir import data_root

    return data_root() / "checklists" / "lexicons"


LANGUAGES = ("de", "en")
_FOLDINGS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"))


@dataclass(frozen=True, slots=True)
class Term:
    """One lexicon line: what it marks (a category or a cue set) and how it must stand."""

    text: str
    category: Category | None  # None for cue terms
    cue: str | None  # name of the cue set for cue terms
    prefix: bool  # the word may go on ("depressi*")
    compound: bool  # the word may start before ("*störung")
    needs: frozenset[str]
    unless: frozenset[str]
    confidence: float


@dataclass(frozen=True, slots=True)
class LexiconHit:
    """A term found in one message of a block, after boundary and context rules."""

    message: int
    start: int
    end: int
    category: Category
    confidence: float


def parse_line(
    line: str, path: Path, number: int, category: Category | None, cue: str | None
) -> Term | None:
    """Parse one lexicon line; raises InputError naming file and line when it is malformed."""
    body = line.split("#", 1)[0].strip()
    if not body:
        return None
    word, _, options = body.partition("|")
    word = " ".join(word.split()).lower()
    prefix = word.endswith("*")
    compound = word.startswith("*")
    word = word.strip("*")
    if not word or "*" in word:
        raise InputError.single(path, f"bad term {body!r}", line=number)
    needs: set[str] = set()
    unless: set[str] = set()
    confidence = 0.85 if prefix or compound else 0.9
    for option in options.split():
        key, _, value = option.partition("=")
        if key == "needs" and value:
            needs.update(value.split(","))
        elif key == "unless" and value:
            unless.update(value.split(","))
        elif key == "conf":
            try:
                confidence = float(value)
            except ValueError:
                raise InputError.single(path, f"bad confidence {value!r}", line=number) from None
        else:
            raise InputError.single(path, f"unknown option {option!r}", line=number)
    return Term(
        word, category, cue, prefix, compound, frozenset(needs), frozenset(unless), confidence
    )


def read_terms(folder: Path, langs: Iterable[str]) -> list[Term]:
    """All terms and cues of the given languages, in a stable order."""
    terms: list[Term] = []
    for lang in langs:
        lang_dir = folder / lang
        if not lang_dir.is_dir():
            raise InputError.single(lang_dir, "lexicon folder is missing")
        for path in sorted(lang_dir.glob("*.txt")):
            category: Category | None = None
            cue: str | None = None
            if path.stem.startswith("cues-"):
                cue = path.stem.removeprefix("cues-")
            else:
                try:
                    category = Category(path.stem.upper())
                except ValueError:
                    raise InputError.single(path, "file name is no known category") from None
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, start=1):
                term = parse_line(line, path, number, category, cue)
                if term is not None:
                    terms.append(term)
    return terms


def _spellings(word: str) -> set[str]:
    spellings = {word}
    folded = word
    for umlaut, ascii_form in _FOLDINGS:
        folded = folded.replace(umlaut, ascii_form)
    spellings.add(folded)
    return spellings


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every offset kept (a few characters lower-case to two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


class Lexicon:
    """The compiled automaton over all terms and cues of some languages."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.terms = tuple(terms)
        keys: dict[str, list[tuple[int, int]]] = {}
        for index, term in enumerate(self.terms):
            for spelling in _spellings(term.text):
                keys.setdefault(spelling, []).append((index, len(spelling)))
        self._automaton = ahocorasick.Automaton()
        for key, values in keys.items():
            self._automaton.add_word(key, tuple(values))
        self._automaton.make_automaton()
        self.categories = frozenset(t.category for t in self.terms if t.category is not None)

    def scan_block(
        self, block: str, starts: Sequence[int], ends: Sequence[int]
    ) -> list[LexiconHit]:
        """Terms in a block of joined messages; ``starts``/``ends`` bound each message."""
        return [LexiconHit(*hit) for hit in self.scan_block_tuples(block, starts, ends)]

    def scan_block_tuples(
        self, block: str, starts: Sequence[int], ends: Sequence[int]
    ) -> list[tuple[int, int, int, Category, float]]:
        """:meth:`scan_block` as plain (message, start, end, category, confidence) tuples.

        The scanner reads tens of thousands of hits per second; plain tuples spare it
        building a frozen dataclass per hit that it would take apart at once.
        """
        lowered = lower_same_length(block)
        size = len(lowered)
        terms = self.terms
        found: list[tuple[int, int, int, Term]] = []
        cues: dict[int, set[str]] = {}
        for last, values in self._automaton.iter(lowered):
            for index, length in values:
                term = terms[index]
                start = last - length + 1
                end = last + 1
                if start > 0 and lowered[start - 1].isalpha():
                    if not term.compound:
                        continue
                    while start > 0 and lowered[start - 1].isalpha():
                        start -= 1  # the span covers the whole compound ("Angststörung")
                if term.prefix:
                    while end < size and (
                        lowered[end].isalpha()
                        or (lowered[end] == "-" and end + 1 < size and lowered[end + 1].isalpha())
                    ):
                        end += 1
                elif end < size and lowered[end].isalpha():
                    continue
                message = bisect_right(starts, start) - 1
                if message < 0 or end > ends[message]:
                    continue
                if term.cue is not None:
                    cues.setdefault(message, set()).add(term.cue)
                else:
                    found.append((message, start, end, term))
        hits: list[tuple[int, int, int, Category, float]] = []
        for message, start, end, term in found:
            present = cues.get(message, ())
            if term.needs and not term.needs.intersection(present):
                continue
            if term.unless and term.unless.intersection(present):
                continue
            assert term.category is not None
            offset = starts[message]
            hits.append((message, start - offset, end - offset, term.category, term.confidence))
        return hits


@lru_cache(maxsize=8)
def load_lexicon(langs: tuple[str, ...] = LANGUAGES, folder: Path | None = None) -> Lexicon:
    """The lexicon of the given languages, compiled once per process."""
    return Lexicon(read_terms(folder or lexicon_dir(), langs))
