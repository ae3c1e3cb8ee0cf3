"""Lexicon files: their syntax, their terms and cue sets (see :mod:`compliance.detectors.lexicon`).

One line per term, ``#`` starts a comment, ``@ OPTIONS`` sets options for the lines after
it; the syntax is described in ``checklists/lexicons/README.md``. Parsing is apart from
matching so that the syntax can be read (and tested) on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from compliance.detectors.base import Category
from compliance.detectors.person_names import first_names, never_names
from compliance.errors import InputError

# The repository's lexicons; an installed copy is found through the catalogue's data root.
LEXICON_DIR = Path(__file__).resolve().parents[1] / "checklists" / "lexicons"


def lexicon_dir() -> Path:
    """Where the lexicons of this installation are."""
    from compliance.datadir import data_root

    return data_root() / "checklists" / "lexicons"


T = TypeVar("T")
LANGUAGES = ("de", "en")
_FOLDINGS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"))
_BRACES = re.compile(r"\{([^{}]*)\}")
#: Words allowed between the parts of a ``a ~ b`` term when no number is given.
DEFAULT_GAP = 3
#: The crisis kinds a term may name (``kind=``); see the catalogue for their texts.
CRISIS_KINDS = frozenset({"self", "third_person", "violence", "child", "unspecified"})


@dataclass(slots=True, unsafe_hash=True)
class Term:
    """One lexicon line: what it marks (a category or a cue set) and how it must stand.

    Never changed once made (``dataclasses.replace`` makes a changed copy), but not frozen:
    a frozen dataclass sets each field through ``object.__setattr__``, and the lexicon
    makes its eight thousand terms at every start (about 5 % of an audit's start-up).
    """

    text: str
    category: Category | None  # None for cue terms
    cue: str | None  # name of the cue set for cue terms
    prefix: bool  # the word may go on ("depressi*")
    compound: bool  # the word may start before ("*störung")
    needs: frozenset[str]
    unless: frozenset[str]
    confidence: float
    kind: str | None = None  # crisis kind
    unless_before: tuple[tuple[str, int], ...] = ()
    #: a window term's parts, each a choice of (text, prefix, compound), and the words
    #: allowed between them
    parts: tuple[tuple[tuple[str, bool, bool], ...], ...] = ()
    gap: int = DEFAULT_GAP
    name: bool = False  # a first name of the name list
    upper: bool = False  # only when written in capitals (acronyms that are also words: NEU)
    #: whether cues can change the hit (needs, unless, unless-before, unless-ending)
    conditional: bool = False
    unless_ending: frozenset[str] = frozenset()  # cue sets whose words must not end the hit
    #: cue sets that drop the hit only when one of their words stands within that many
    #: words of it ("cut my hand *cooking*"), not anywhere in a long message
    unless_near: tuple[tuple[str, int], ...] = ()
    #: the window part the finding covers (0-based), -1 for the whole window: "mum's
    #: Kurdish" reveals the descent in its last part ("Kurdish"), not in "mum"
    fact: int = -1


def _expand(word: str) -> list[str]:
    """``{a,b} c`` as ``a c`` and ``b c``."""
    found = _BRACES.search(word)
    if found is None:
        return [word]
    return [
        expanded
        for choice in found.group(1).split(",")
        for expanded in _expand(word[: found.start()] + choice.strip() + word[found.end() :])
    ]


def read_forms(path: Path) -> dict[str, tuple[str, ...]]:
    """A forms file (``inflections-<lang>.txt``): each line one word's forms, which a
    term's word stands for all of ("kein grund mehr" also matches "keinen Grund mehr")."""
    forms: dict[str, tuple[str, ...]] = {}
    if not path.is_file():
        return forms
    for line in path.read_text(encoding="utf-8").splitlines():
        family = tuple(line.split("#", 1)[0].lower().split())
        for form in family:
            forms[form] = family
    return forms


def _declined(text: str, forms: dict[str, tuple[str, ...]]) -> list[str]:
    """``text`` with each of its words that has forms in each of them, in a stable order."""
    variants = [""]
    for word in text.split(" "):
        choices = forms.get(word, (word,))
        variants = [f"{v} {c}" if v else c for v in variants for c in choices]
    return variants


def _part(text: str, path: Path, number: int) -> tuple[str, bool, bool]:
    prefix, compound = text.endswith("*"), text.startswith("*")
    text = text.strip("*")
    if not text or "*" in text:
        raise InputError.single(path, f"bad term {text!r}", line=number)
    return text, prefix, compound


def parse_line(
    line: str,
    path: Path,
    number: int,
    category: Category | None,
    cue: str | None,
    defaults: str = "",
    forms: dict[str, tuple[str, ...]] | None = None,
) -> list[Term]:
    """Parse one lexicon line (one term per ``{}`` combination); raises InputError naming
    file and line when it is malformed. A word with ``forms`` stands for all of them."""
    forms = forms or {}
    body = line.split("#", 1)[0].strip()
    if not body:
        return []
    word, _, options = body.partition("|")
    word = " ".join(word.split()).lower()
    needs: set[str] = set()
    unless: set[str] = set()
    unless_before: list[tuple[str, int]] = []
    unless_near: list[tuple[str, int]] = []
    kind: str | None = None
    confidence: float | None = None
    fact = -1
    upper = False
    unless_ending: set[str] = set()
    for option in f"{defaults} {options}".split():
        key, _, value = option.partition("=")
        if key == "upper" and not value:
            upper = True
        elif key == "needs" and value:
            needs.update(value.split(","))
        elif key == "unless" and value:
            unless.update(value.split(","))
        elif key == "unless-ending" and value:
            unless_ending.update(value.split(","))
        elif key in ("unless-before", "unless-near") and value:
            rules = unless_before if key == "unless-before" else unless_near
            for rule in value.split(","):
                name, _, width = rule.partition(":")
                rules.append((name, int(width) if width.isdigit() else DEFAULT_GAP))
        elif key == "fact" and value.isdigit() and int(value) >= 1:
            fact = int(value) - 1
        elif key == "kind" and value in CRISIS_KINDS:
            kind = value
        elif key == "conf":
            try:
                confidence = float(value)
            except ValueError:
                raise InputError.single(path, f"bad confidence {value!r}", line=number) from None
        else:
            raise InputError.single(path, f"unknown option {option!r}", line=number)
    terms: list[Term] = []
    pieces = re.split(r"\s*~(\d*)\s*", word)
    if len(pieces) > 1:
        # A window term stays one term: each part keeps its choices ("{a,b} ~ {c,d}").
        parts = tuple(
            tuple(
                _part(form, path, number)
                for choice in _expand(piece)
                for form in dict.fromkeys(_declined(choice, forms))
            )
            for piece in pieces[::2]
        )
        gaps = [int(g) if g else DEFAULT_GAP for g in pieces[1::2]]
        if fact >= len(parts):
            raise InputError.single(path, f"fact={fact + 1} names no part", line=number)
        variants = [(word, parts[0][0][1], parts[0][0][2], parts, max(gaps))]
    else:
        declined = dict.fromkeys(d for w in _expand(word) for d in _declined(w, forms))
        variants = [(w, *_part(w, path, number)[1:], (), DEFAULT_GAP) for w in declined]
    for text, prefix, compound, window, gap in variants:
        if not window:
            text = text.strip("*")
        terms.append(
            Term(
                text,
                category,
                cue,
                prefix,
                compound,
                _shared(frozenset(needs)),
                _shared(frozenset(unless)),
                _confidence(confidence, prefix or compound, kind),
                kind,
                _shared(tuple(unless_before)),
                window,
                gap,
                upper=upper,
                unless_ending=_shared(frozenset(unless_ending)),
                unless_near=_shared(tuple(unless_near)),
                fact=fact if window else -1,
                conditional=bool(needs or unless or unless_before or unless_ending or unless_near),
            )
        )
    return terms


_SHARED: dict[object, object] = {}


def _shared(value: T) -> T:
    """One object for equal rule options: terms of one options line share them, so the
    lexicon can tell equal rules by identity (and the cache keeps them shared)."""
    return cast(T, _SHARED.setdefault(value, value))


def _confidence(given: float | None, open_ended: bool, kind: str | None) -> float:
    """The term's confidence: given, else 0.85 for ``*`` terms and 0.9 otherwise; a crisis
    kind other than the writer's own wins an overlap with a plain crisis phrase."""
    if given is not None:
        return given
    if kind not in (None, "self"):
        return 0.92
    return 0.85 if open_ended else 0.9


def read_terms(folder: Path, langs: Iterable[str]) -> list[Term]:
    """All terms and cues of the given languages, in a stable order."""
    terms: list[Term] = []
    for lang in langs:
        lang_dir = folder / lang
        if not lang_dir.is_dir():
            raise InputError.single(lang_dir, "lexicon folder is missing")
        forms = read_forms(folder / f"inflections-{lang}.txt")
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
            defaults = ""
            for number, line in enumerate(lines, start=1):
                if line.startswith("@"):
                    defaults = line[1:].split("#", 1)[0]
                    continue
                terms.extend(parse_line(line, path, number, category, cue, defaults, forms))
    return terms


#: The one term every first name of the name list stands for: a name needs no term of
#: its own, since what makes it a name (its place, its capital) is the same for all.
NAME_TERM = Term(
    "(first name)",
    Category.PERSON_NAME,
    None,
    False,
    False,
    frozenset(),
    frozenset(),
    0.7,
    name=True,
)


def name_keys() -> list[str]:
    """The first names of :mod:`compliance.detectors.person_names`, less words never names."""
    return sorted(first_names() - never_names())


def spellings(word: str) -> set[str]:
    spellings = {word}
    folded = word
    for umlaut, ascii_form in _FOLDINGS:
        folded = folded.replace(umlaut, ascii_form)
    spellings.add(folded)
    return spellings


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every offset kept.

    One character lower-cases to two: the Turkish capital İ (U+0130) becomes "i" and a
    combining dot. It is kept as it is; every other character lower-cases to one.
    """
    if "\u0130" not in text:
        return text.lower()
    return "\u0130".join(piece.lower() for piece in text.split("\u0130"))
