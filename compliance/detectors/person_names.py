"""First names for the name detector: gender-guesser's list, less words that are also names.

The list comes from the ``gender-guesser`` package (about 37,000 first names of 54
countries, among them Germany, Turkey, Arabia/Persia, Poland, Russia, Italy, Great
Britain and the U.S.A.; 4.3 MB installed). ``names-dataset`` also has surnames, but its
wheel is 56 MB and loading it takes seconds and gigabytes, so surnames are found by their
place instead: after a first name or a title. Two data files in
``checklists/names/`` complete it: ``common-words.txt`` (everyday words that are also
names, "Mark", "Will", "Rose") and ``cues.txt`` (words after which a name may be lower
case or a common word: "mein Sohn", "lg", "mit").
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
#: Cues after which a name may be lower case: greetings, closings and kinship words, but
#: not prepositions and conjunctions ("mit", "and"), which also stand before common words.


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
def not_subjects() -> frozenset[str]:
    """Common words that stay things before a verb ("Hope is ...")."""
    return frozenset(_data_words("not-subjects.txt"))


@lru_cache(maxsize=1)
def running_text_cues() -> frozenset[str]:
    """Lower-case words after which a lower-case name that is no common word is a name."""
    return frozenset(_data_lines("cues-running-text.txt"))


def _name_list() -> Traversable:
    """gender-guesser's name list (the package itself is never used for guessing)."""
    import gender_guesser

    return resources.files(gender_guesser).joinpath("data/nam_dict.txt")


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
    source = _name_list()
    key = f"{source}|v5"
    with contextlib.suppress(OSError):
        stat = Path(str(source)).stat()
        key = f"{source}:{stat.st_size}:{stat.st_mtime_ns}|v5"
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


#: Titles and forms of address: a word right after one is a surname, never a disease.
TITLES = frozenset(
    ["dr", "frau", "herr", "herrn", "fr", "hr", "mr", "mrs", "ms", "miss", "prof", "dipl"]
)


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
    before = previous_word(lowered, start)
    if before in _PLACE_BEFORE and not lowered.startswith(_POSSESSIVE, end):
        return None  # "in Basel", "aus Sri Lanka": a place ("in Anna's room": a person)
    if before in name_cues() or before in TITLES:
        # after a cue a name may be lower case, but a lower-case common word stays a word
        # ("mein Sohn will ...")
        if block[start].isupper() or word not in common_words():
            return _with_surname(block, end)
        return None
    title_case = block[start].isupper() and not block[start:end].isupper()
    if word in rare_first_names():
        # "Callum's been sentenced", "is Nia's", "call Steph back" (after a cue: above)
        if not title_case:
            return None
        if _subject_of_verb(lowered, start, end) or lowered.startswith(_POSSESSIVE, end):
            return end
        if before in running_text_cues():
            return _with_surname(block, end)
        return None
    if word in common_words():
        # "Will", "Malte", "Hunter": a name when capitalised inside a sentence, a word at
        # its start (or in lower case), a noun after an article ("die Rose")
        if title_case and not _sentence_start(block, start) and before not in DETERMINERS:
            return _with_surname(block, end)
        if title_case and _subject_of_verb(lowered, start, end):
            return end  # "Will is picking the kids up": a person opening the sentence
        return None
    if title_case or before in running_text_cues():
        return _with_surname(block, end)
    return None


_POSSESSIVE = ("'s ", "’s ", "'s,", "’s,", "'s.", "’s.")


def _subject_of_verb(lowered: str, start: int, end: int) -> bool:
    """Whether the common word at ``start:end`` opens a sentence followed by a verb."""
    if lowered[start:end] in not_subjects() or not _sentence_start(lowered, start):
        return False
    if lowered.startswith(_POSSESSIVE, end):
        return True
    if not lowered.startswith(" ", end):
        return False
    stop = end + 1
    while stop < len(lowered) and lowered[stop].isalpha():
        stop += 1
    verb = lowered[end + 1 : stop]
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


def _with_surname(block: str, end: int) -> int:
    """``end`` moved past a capitalised word right after the first name, if any."""
    if end + 2 >= len(block) or block[end] != " " or not block[end + 1].isupper():
        return end
    stop = end + 1
    while stop < len(block) and (block[stop].isalpha() or block[stop] in "-'"):
        stop += 1
    surname = block[end + 1 : stop].rstrip("-'")
    if len(surname) < 2 or surname.lower() in common_words() or surname.isupper():
        return end
    return end + 1 + len(surname)


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
    if word.lower() in never_names() or word.lower() in TITLES:
        return None
    return at, _with_surname(block, at + len(word))
