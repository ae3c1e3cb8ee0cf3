"""The compiled lexicon, kept in the user's cache folder between runs.

Compiling the lexicon (4,000 terms and 23,000 first names into two Aho-Corasick
automata) takes about a third of a second, as long as the rest of a small audit; loading
the compiled automata takes a tenth of that. They are kept under a key made from
everything they are compiled from: the lexicon files, the name data files, the first
names' source, the versions of compliance and Python, and the installed pyahocorasick
library file (its size and time, which change with its version). A changed file gives a
new key, so a stale lexicon is never used.

The cache holds words of the lexicons only, never anything of the texts scanned. The
terms and what the lexicon derives from them are written with :mod:`marshal`, which can
only rebuild plain values (strings, numbers, tuples, sets); the terms as their texts and
the number of their options in a table of the few hundred distinct option rows (read in a
tenth of the time of one row per term). The automata, which store integers only, with :mod:`pickle`
(an eighth of the work of pyahocorasick's own ``load``), read by an unpickler that
rebuilds nothing but ``ahocorasick.Automaton``. So a tampered cache file can make a wrong
lexicon but never run code. A cache that cannot be read or written only costs the time
to compile again.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import marshal
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ahocorasick

from compliance.cachedir import cache_dir
from compliance.detectors.base import Category
from compliance.detectors.lexicon_terms import Term

if TYPE_CHECKING:
    from compliance.detectors.lexicon import Lexicon

#: Bumped whenever the layout of the cached parts or the meaning of a key changes.
FORMAT = "lexicon-v5"
_FIELDS = tuple(field.name for field in dataclasses.fields(Term))
_PARTS = ("terms", "main", "context")


def cached_lexicon(langs: tuple[str, ...], folder: Path, build: Callable[[], Lexicon]) -> Lexicon:
    """The lexicon of ``langs`` from ``folder``: loaded from the cache, else built and kept."""
    from compliance.detectors.crisis_weights import CrisisWeights
    from compliance.detectors.lexicon import Lexicon

    try:
        base = cache_dir("lexicon") / _key(langs, folder)
    except (OSError, RuntimeError):  # unreadable data files, or no home folder to cache in
        return build()
    with contextlib.suppress(Exception):  # a missing, partial or damaged cache: build again
        stored = marshal.loads(base.with_suffix(".terms").read_bytes())
        columns, slots, context_slots, derived, weights = stored
        automaton = _load_automaton(base.with_suffix(".main"))
        context = _load_automaton(base.with_suffix(".context"))
        return Lexicon.restore(
            _terms_from(columns),
            ((automaton, slots), (context, context_slots)),
            derived,
            CrisisWeights.restore(weights) if weights is not None else None,
        )
    lexicon = build()
    with contextlib.suppress(Exception):
        _store(base, lexicon)
    return lexicon


def _key(langs: tuple[str, ...], folder: Path) -> str:
    """A digest of everything the compiled lexicon depends on."""
    from compliance import __version__
    from compliance.datadir import data_root
    from compliance.detectors.person_names import first_names_source

    digest = hashlib.sha256()
    for part in (
        FORMAT,
        __version__,
        f"{sys.version_info[0]}.{sys.version_info[1]}",
        _library_stamp(),
        ",".join(langs),
        first_names_source(),
    ):
        digest.update(part.encode() + b"\0")
    names = Path(str(data_root() / "checklists" / "names"))
    for root in (folder, names):
        for path in sorted(root.rglob("*.txt")):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    # the code that compiles them, so that a changed rule is never served from an old cache
    # (a working copy keeps its version number while its code changes)
    for module in _COMPILING_MODULES:
        digest.update((_HERE / module).read_bytes())
    return digest.hexdigest()[:24]


def _library_stamp() -> str:
    """The installed pyahocorasick's library file, by size and time: a new version (whose
    automata may be stored differently) is a new file. (``importlib.metadata`` would name
    the version, but importing it costs more than loading the whole lexicon.)"""
    info = os.stat(ahocorasick.__file__ or "ahocorasick")
    return f"pyahocorasick {info.st_size} {info.st_mtime_ns}"


_HERE = Path(__file__).resolve().parent
_COMPILING_MODULES = (
    "lexicon.py",
    "lexicon_automaton.py",
    "lexicon_terms.py",
    "lexicon_cache.py",
    "name_lists.py",
    "crisis_weights.py",
)


def _store(base: Path, lexicon: Lexicon) -> None:
    """Write the three parts, each atomically (a reader sees a whole file or none)."""
    base.parent.mkdir(parents=True, exist_ok=True)
    temporary = {part: base.with_name(f".{base.name}.{os.getpid()}.{part}") for part in _PARTS}
    try:
        weights = lexicon.crisis_weights.state() if lexicon.crisis_weights else None
        parts = (
            _terms_to(lexicon.terms),
            lexicon._slots,
            lexicon._context_slots,
            lexicon.derived(),
            weights,
        )
        temporary["terms"].write_bytes(marshal.dumps(parts))
        temporary["main"].write_bytes(pickle.dumps(lexicon._automaton, protocol=5))
        temporary["context"].write_bytes(pickle.dumps(lexicon._context, protocol=5))
        for part, path in temporary.items():
            os.replace(path, base.with_suffix(f".{part}"))
    finally:
        for path in temporary.values():
            with contextlib.suppress(OSError):
                path.unlink()
    _forget_old(base.parent)


#: Compiled lexicons kept (one per language choice and version; a few megabytes each).
KEEP = 6


def _forget_old(folder: Path) -> None:
    """Delete all but the :data:`KEEP` most recently written lexicons (new versions of the
    lexicon files or of compliance each leave one behind)."""
    written: dict[str, float] = {}
    for path in folder.glob("*.terms"):
        with contextlib.suppress(OSError):
            written[path.stem] = path.stat().st_mtime
    for stem in sorted(written, key=written.__getitem__, reverse=True)[KEEP:]:
        for part in _PARTS:
            with contextlib.suppress(OSError):
                (folder / f"{stem}.{part}").unlink()


class _AutomatonUnpickler(pickle.Unpickler):
    """Rebuilds an ``ahocorasick.Automaton`` and refuses every other class."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("ahocorasick", "Automaton"):
            return ahocorasick.Automaton
        raise pickle.UnpicklingError(f"{module}.{name} is not an automaton")


def _load_automaton(path: Path) -> ahocorasick.Automaton:
    with path.open("rb") as stream:
        automaton = _AutomatonUnpickler(stream).load()
    if (
        not isinstance(automaton, ahocorasick.Automaton)
        or automaton.store != ahocorasick.STORE_INTS
    ):
        raise ValueError("not an automaton of integers")
    return automaton


#: The terms as stored: each term's text and the number of its row of options (every
#: field but the text, the category by its value) in a table of the distinct rows.
_Columns = tuple[list[str], list[int], list[tuple[Any, ...]]]


def _terms_to(terms: tuple[Term, ...]) -> _Columns:
    texts: list[str] = []
    numbers: list[int] = []
    table: dict[tuple[Any, ...], int] = {}
    for term in terms:
        options = tuple(
            value.value if isinstance(value, Category) else value
            for value in (getattr(term, name) for name in _FIELDS[1:])
        )
        texts.append(term.text)
        numbers.append(table.setdefault(options, len(table)))
    return texts, numbers, list(table)


def _terms_from(columns: _Columns) -> list[Term]:
    texts, numbers, table = columns
    if len(texts) != len(numbers) or any(len(row) != len(_FIELDS) - 1 for row in table):
        raise ValueError("cached terms of another layout")
    categories = {category.value: category for category in Category}
    rows = [(categories.get(row[0]), *row[1:]) for row in table]
    return [Term(text, *rows[number]) for text, number in zip(texts, numbers, strict=True)]
