"""The word lists of the name detector: gender-guesser's first names and the data files.

The list comes from the ``gender-guesser`` package (about 37,000 first names of 54
countries, among them Germany, Turkey, Arabia/Persia, Poland, Russia, Italy, Great
Britain and the U.S.A.; 4.3 MB installed). ``names-dataset`` also has surnames, but its
wheel is 56 MB and loading it takes seconds and gigabytes, so surnames are found by their
place instead: after a first name or a title. The data files in ``checklists/names/``
complete it: ``common-words.txt`` (everyday words that are also names, "Mark", "Will",
"Rose"), ``never-names.txt`` and ``never-surnames.txt`` (words never taken for a name),
``cues.txt`` and ``cues-running-text.txt`` (words after which a name may be lower case or a
common word: "mein Sohn", "lg", "mit"), ``verbs-after-name.txt`` and ``not-subjects.txt``
(a common word opening a sentence before a verb is a person, unless it is a thing there).
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from compliance.cachedir import cached_bytes

#: Shorter entries of the list are mostly syllables and abbreviations, not names people use.
MIN_LENGTH = 3
#: Rare names are kept from this length on: the automaton finds every name inside longer
#: words too ("nia" in "Begonia"), and the short rare ones would double those hits.
RARE_MIN_LENGTH = 5
#: The list's frequency per country is 1 (rare) to 9, then A, B, C, D (very common); a
#: name needs 2 or more in some country. Deleting the 1s leaves only the frequent ones.
_RARE = str.maketrans("", "", "1$\r")


def _data_lines(name: str) -> list[str]:
    from compliance.datadir import data_root

    path = data_root() / "checklists" / "names" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip().lower() for line in lines if line.strip() and not line.startswith("#")]


def _data_words(name: str) -> list[str]:
    return [word for line in _data_lines(name) for word in line.split()]


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case words that are never taken for a name without a cue."""
    return frozenset(_data_lines("common-words.txt"))


@lru_cache(maxsize=1)
def never_names() -> frozenset[str]:
    """Lower-case words that are never taken for a name (function words, months)."""
    return frozenset(_data_words("never-names.txt"))


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Countries and regions in German and English, lower case ("sri lanka", "jordanien"):
    a capitalised pair of words that is one of them is a place, not a person."""
    from babel import Locale

    return frozenset(
        name.lower() for lang in ("de", "en") for name in Locale(lang).territories.values()
    )


@lru_cache(maxsize=1)
def never_surnames() -> frozenset[str]:
    """Never-names that stay no name after a title ("Frau Holle")."""
    return frozenset(_data_words("never-surnames.txt"))


@lru_cache(maxsize=1)
def name_cues() -> frozenset[str]:
    """Lower-case words after which a name may be lower case or a common word."""
    return frozenset(_data_lines("cues.txt"))


@lru_cache(maxsize=1)
def verbs_after_name() -> frozenset[str]:
    """Lower-case words that make a common word opening a sentence its subject, a person."""
    return frozenset(_data_words("verbs-after-name.txt"))


@lru_cache(maxsize=1)
def verbs_after_lower_name() -> frozenset[str]:
    """Lower-case words that make a first name written in lower case the subject of its
    sentence, a person (German and English)."""
    return frozenset(_data_words("verbs-after-lower-name.txt"))


@lru_cache(maxsize=1)
def not_subjects() -> frozenset[str]:
    """Common words that stay things before a verb ("Hope is ...")."""
    return frozenset(_data_words("not-subjects.txt"))


@lru_cache(maxsize=1)
def not_surnames() -> frozenset[str]:
    """Words after a form of address in lower case that are no surname ("herr doktor")."""
    return frozenset(_data_words("not-surnames.txt"))


@lru_cache(maxsize=1)
def running_text_cues() -> frozenset[str]:
    """Lower-case words after which a lower-case name that is no common word is a name."""
    return frozenset(_data_lines("cues-running-text.txt"))


def _name_list() -> Traversable:
    """gender-guesser's name list (the package itself is never used for guessing)."""
    import gender_guesser

    return resources.files(gender_guesser).joinpath("data/nam_dict.txt")


def first_names_source() -> str:
    """What identifies the name list's version: its path, size and date."""
    source = _name_list()
    with contextlib.suppress(OSError):
        stat = Path(str(source)).stat()
        return f"{source}:{stat.st_size}:{stat.st_mtime_ns}"
    return str(source)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lower-case first names of gender-guesser's list (plain letters, hyphens allowed),
    the rare ones (:func:`rare_first_names`) included."""
    frequent, rare = _name_lists()
    return frequent | rare


@lru_cache(maxsize=1)
def rare_first_names() -> frozenset[str]:
    """The names of the list that are rare in every country ("Callum", "Nia", "Steph").

    Rare names hold more everyday words ("Corona", "Reha", "March"), so a capital alone
    does not make one a name: a cue, "'s" or a verb after it must say it is a person.
    """
    return _name_lists()[1]


@lru_cache(maxsize=1)
def _name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(frequent, rare) first names.

    Reading the 4 MB list takes most of a second; the names are kept in the user's cache
    folder under the list's size and date, so later runs read 250 kB instead.
    """
    key = f"{first_names_source()}|v5"
    text = cached_bytes("names", "first-names", key, _build_first_names).decode("utf-8")
    frequent, _, rare = text.partition("\n\n")
    frequent_names = frozenset(frequent.split("\n"))
    # a rare name that is also an everyday word ("just", "bitte") is left out: it would
    # be a name only after a cue, and would cost a look at every "just" of a chat
    rare_names = frozenset(name for name in rare.split("\n") if len(name) >= RARE_MIN_LENGTH)
    return frequent_names, rare_names - frequent_names - common_words()


#: Where a rare name is kept: the countries clients in DE/AT/CH and the UK/US come from
#: most (English, German, Italian, Slavic, Balkan, Greek, Turkish, Arabic names, and the
#: list's "other countries"); the rare names of the rest would only slow the scanner.
_RARE_NAME_COUNTRIES = frozenset(
    [
        *("great_britain", "ireland", "usa", "italy", "germany", "austria", "swiss"),
        *("poland", "russia", "ukraine", "croatia", "serbia", "bosniaand", "kosovo"),
        *("albania", "greece", "turkey", "arabia", "other_countries"),
    ]
)


def _countries(line: str) -> set[str]:
    """The countries in whose column a line of the list has a frequency (the columns in
    the order of gender-guesser's own parser)."""
    from gender_guesser.detector import Detector as NameListReader

    countries: list[str] = NameListReader.COUNTRIES
    columns = line[30 : 30 + len(countries)]
    return {countries[i] for i, value in enumerate(columns) if value != " "}


def _build_first_names() -> bytes:
    """The frequent names, a blank line, the rare names (each sorted, one a line)."""
    text = _name_list().read_text(encoding="utf-8")
    names: set[str] = set()
    rare: set[str] = set()
    for line in text.splitlines():
        # Gender in the first column, the name (one word, "+" joining the parts of a
        # compound name), frequencies per country from column 30 on; "#" comments and
        # "=" equivalences are skipped, as gender-guesser's own parser does.
        if not line or line[0] in "#=" or len(line) < 30:
            continue
        parts = line.split()
        if len(parts) < 2:
            continue
        frequent = bool(line[30:].translate(_RARE).strip())
        if not frequent and not _RARE_NAME_COUNTRIES.intersection(_countries(line)):
            continue
        for name in {parts[1].replace("+", "-"), *parts[1].split("+")}:
            if len(name) >= MIN_LENGTH and name.replace("-", "").isalpha():
                (names if frequent else rare).add(name.lower())
    return ("\n".join(sorted(names)) + "\n\n" + "\n".join(sorted(rare - names))).encode("utf-8")
