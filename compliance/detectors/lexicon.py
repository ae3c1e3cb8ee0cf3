"""Art. 9 / Art. 10 vocabulary and names: matching lexicon terms with two Aho-Corasick automata.

Lexicons live in ``checklists/lexicons/<lang>/<category>.txt`` (data, not code). One
line per term, ``#`` starts a comment::

    depressi*                      a word starting with "depressi" (Depression, depressiven)
    *störung                       may close a compound (Angststörung), whole word otherwise
    sertralin* | needs=medication  only when a cue of the set "medication" is in the message
    lithium | needs=medication unless=battery conf=0.7
    {nahm,geschluckt} ~ tablette*  the parts in this order, at most 3 words between (~5: 5)
    schlägt mich | kind=violence   a crisis kind (self, third_person, violence, child)
    neu | upper                    only when written in capitals (an acronym, not a word)
    gefängnis* | unless-ending=job  not when the compound ends in a word of the cue set "job"
    @ unless-before=topic:3        from here on, every term of the file takes these options

Cue sets live in ``cues-<name>.txt`` beside them, in the same syntax. Matching runs on
the lower-cased text, so spans stay in the caller's code points; German umlauts and ß
also match their ASCII spellings (ae, oe, ue, ss). ``{a,b}`` stands for each of its
words. ``unless-before=SET:N`` drops a hit when a cue of SET ends at most N words before
it (topics, jobs, idioms). Parsing lives in :mod:`compliance.detectors.lexicon_terms`.

Besides the listed terms, two rules find what no list holds: crisis signals (words of
death, harm, means and plans that add up in one message, see ``SIGNAL_WEIGHTS``) and
names after kinship words and form labels (cue set ``name-before``).

The automata are built in :mod:`compliance.detectors.lexicon_automaton`, the context rules
(signals, cues before a hit, window terms) live in
:mod:`compliance.detectors.lexicon_context`, and the compiled lexicon is cached by
:mod:`compliance.detectors.lexicon_cache`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from compliance.detectors.base import Category
from compliance.detectors.crisis_weights import (
    WEIGHTS_FILE,
    WEIGHTS_TERM,
    CrisisWeights,
    read_crisis_weights,
)
from compliance.detectors.lexicon_automaton import (
    SEPARATORS,
    Slot,
    Value,
    build_automaton,
    everyday_words,
    word_separated,
)
from compliance.detectors.lexicon_context import (
    SIGNAL_TERM,
    SIGNAL_WEIGHTS,
    Cues,
    Found,
    Hit,
    Weighed,
    asks_the_reader,
    crisis_signals,
    cue_before,
    cue_near,
    signalled_crises,
    windows,
)
from compliance.detectors.lexicon_terms import (
    CRISIS_KINDS,
    DEFAULT_GAP,
    LANGUAGES,
    LEXICON_DIR,
    NAME_TERM,
    Term,
    lexicon_dir,
    lower_same_length,
    name_keys,
    parse_line,
    read_terms,
    spellings,
)
from compliance.detectors.name_cues import (
    ADDRESS_CUE_SET,
    INTRODUCES_CUE_SET,
    NAME_AFTER_CUE,
    NAME_CUE_SET,
    POSSESSED_CUE_SET,
    names_from_cues,
)
from compliance.detectors.person_names import after_title, name_end

# The separators' pattern, kept here under its old name for the tests that compare with it.
_SEPARATORS = SEPARATORS

__all__ = [
    "CRISIS_KINDS",
    "DEFAULT_GAP",
    "LANGUAGES",
    "LEXICON_DIR",
    "Lexicon",
    "LexiconHit",
    "Term",
    "lexicon_dir",
    "load_lexicon",
    "lower_same_length",
    "parse_line",
    "read_terms",
    "word_separated",
]


#: What a lexicon works out from its terms and slots (see :meth:`Lexicon.derived`): per
#: context slot its whole-word cue sets, other cue values and window parts; the words of
#: each cue set; and those words indexed by their last letters.
Derived = tuple[
    list[tuple[tuple[str, ...], tuple[Value, ...], dict[int, tuple[Value, ...]]]],
    dict[str, tuple[str, ...]],
    dict[str, tuple[int, dict[str, tuple[str, ...]]]],
]


@dataclass(frozen=True, slots=True)
class LexiconHit:
    """A term found in one message of a block, after boundary and context rules."""

    message: int
    start: int
    end: int
    category: Category
    confidence: float


class Lexicon:
    """The compiled automaton over all terms and cues of some languages."""

    def __init__(
        self,
        terms: Sequence[Term],
        names: Iterable[str] = (),
        crisis_weights: CrisisWeights | None = None,
    ) -> None:
        """Compile ``terms`` and the first ``names`` (all standing for :data:`NAME_TERM`);
        ``crisis_weights`` weigh the messages no crisis term marks."""
        self.terms = (*terms, NAME_TERM)
        # Two automata: the first runs over every message and holds what can make a
        # finding on its own (terms, the rarest part of each window term, the crisis
        # signals of death and harm, the words before names); the second holds context
        # (cue sets, the other window parts, many of them short everyday words such as
        # "ich" or "me") and runs only over the few messages the first one flagged.
        main: dict[str, list[tuple[int, int, int, int]]] = {}
        context: dict[str, list[tuple[int, int, int, int]]] = {}
        everyday = everyday_words()  # the most frequent words: never an anchor
        for index, term in enumerate(self.terms):
            if term.parts:
                # the anchor: the part whose shortest choice is longest, the last one on a
                # tie or near-tie, since window terms begin with the everyday word
                # ("ich ~ tot", "mein ~ türk*"), and never a part with an everyday word
                last = len(term.parts) - 1
                anchor = max(
                    range(len(term.parts)),
                    key=lambda i: (
                        min(len(c[0]) for c in term.parts[i])
                        + (3 if i == last else 0)
                        - (20 if any(c[0] in everyday for c in term.parts[i]) else 0)
                    ),
                )
                for part, choices in enumerate(term.parts):
                    keys = main if part == anchor else context
                    for choice, (piece, _, _) in enumerate(choices):
                        for spelling in spellings(piece):
                            keys.setdefault(spelling, []).append(
                                (index, part, choice, len(spelling))
                            )
                continue
            if term is NAME_TERM:
                continue
            keys = context if term.cue is not None and term.cue not in EAGER_CUES else main
            for spelling in spellings(term.text):
                keys.setdefault(spelling, []).append((index, -1, 0, len(spelling)))
        name_index = len(self.terms) - 1
        for name in names:
            for spelling in spellings(name):
                main.setdefault(spelling, []).append((name_index, -1, 0, len(spelling)))
        self._automaton, self._slots = build_automaton(main, self.terms)
        self._context, self._context_slots = build_automaton(context, self.terms)
        self._derive()
        self.crisis_weights: CrisisWeights | None = crisis_weights

    @classmethod
    def restore(
        cls,
        terms: Sequence[Term],
        automata: tuple[tuple[ahocorasick.Automaton, list[Slot]], ...],
        derived: Derived | None = None,
        crisis_weights: CrisisWeights | None = None,
    ) -> Lexicon:
        """A lexicon from its parts as :mod:`compliance.detectors.lexicon_cache` keeps them.

        ``derived``: what :meth:`derived` gave for the same terms and slots; kept with
        them, it spares working it out again at every start (a tenth of a small audit).
        """
        lexicon = cls.__new__(cls)
        lexicon.terms = tuple(terms)
        (lexicon._automaton, lexicon._slots), (lexicon._context, lexicon._context_slots) = automata
        if derived is None:
            lexicon._derive()
        else:
            lexicon._apply(derived)
        lexicon.crisis_weights = crisis_weights
        return lexicon

    def derived(self) -> Derived:
        """What :meth:`_derive` works out from the terms and slots, as plain values."""
        return (
            self._context_split,
            {cue: tuple(sorted(words)) for cue, words in self._ending_sets.items()},
            self._ending_index,
        )

    def _apply(self, derived: Derived) -> None:
        context_split, ending_words, ending_index = derived
        self._context_split: list[
            tuple[tuple[str, ...], tuple[Value, ...], dict[int, tuple[Value, ...]]]
        ] = context_split
        self._ending_sets = {cue: frozenset(words) for cue, words in ending_words.items()}
        self._ending_index: dict[str, tuple[int, dict[str, tuple[str, ...]]]] = ending_index
        self._set_summary()

    def _set_summary(self) -> None:
        """The categories of the terms, and whether crisis signals are weighed."""
        self.categories = frozenset(t.category for t in self.terms if t.category is not None)
        self.has_signals = any(name in self._ending_sets for name in SIGNAL_WEIGHTS)

    def _derive(self) -> None:
        """What follows from the terms and slots: categories, cue words, signals."""
        #: per context slot: the cue sets it stands for as a whole word (padded on both
        #: sides; recorded at once), its other cue values, its window parts by window term
        self._context_split = []
        for _, _, _, values, after, before in self._context_slots:
            by_term: dict[int, list[Value]] = {}
            whole: list[str] = []
            other: list[Value] = []
            for value in values:
                term = self.terms[value[0]]
                if value[1] >= 0:
                    by_term.setdefault(value[0], []).append(value)
                elif after and before and term.cue is not None and not term.upper:
                    if term.cue not in whole:
                        whole.append(term.cue)
                else:
                    other.append(value)
            self._context_split.append(
                (
                    tuple(whole),
                    tuple(other),
                    {index: tuple(found) for index, found in by_term.items()},
                )
            )
        endings: dict[str, list[str]] = {}
        for term in self.terms:
            if term.cue is not None and not term.parts:
                endings.setdefault(term.cue, []).extend(spellings(term.text))
        #: the words of each cue set, for ``unless-ending`` (a compound's closing part)
        self._ending_sets = {cue: frozenset(words) for cue, words in endings.items()}
        self._set_summary()
        # a cue set's words by their last few letters: a compound's ending is looked up,
        # not tested against every word of the set
        self._ending_index = {}
        for cue, words in endings.items():
            if not words:
                continue
            size = min(3, *map(len, words))
            index: dict[str, list[str]] = {}
            for word in words:
                index.setdefault(word[-size:], []).append(word)
            self._ending_index[cue] = (size, {tail: tuple(ws) for tail, ws in index.items()})

    def _collect(
        self,
        automaton: ahocorasick.Automaton,
        slots: list[Slot],
        block: str,
        lowered: str,
        separated: str,
        ranges: Sequence[tuple[int, int, int]],
        starts: Sequence[int],
        ends: Sequence[int],
        hits: tuple[
            list[tuple[int, int, int, Term]],
            dict[int, dict[str, list[tuple[int, int]]]],
            dict[int, list[tuple[int, int, int, int]]],
        ],
        anchored: dict[int, frozenset[int]] | None = None,
    ) -> None:
        """Hits of one automaton in ``ranges``, after the boundary rules.

        ``ranges``: (message, low, high) to read, ``message`` -1 where the range holds many.
        ``anchored``: when given (the context pass, one range per message), window parts
        are kept only for the window terms given for the message (those whose anchor
        stands in it; no other can be complete).
        """
        found, cues, parts = hits
        size = len(lowered)
        terms = self.terms
        context_split = self._context_split
        anchors: frozenset[int] = frozenset()
        present: dict[str, list[tuple[int, int]]] | None = None
        # ``separated`` is the block with word separators as spaces and one space added at
        # either end, so its index ``i + 1`` is the block's ``i``.
        for known, low, high in ranges:
            # a slice, not a range of the whole block: pyahocorasick converts the whole
            # string it is given on every call, which for a block is a thousand times the
            # work of one message
            text = (
                separated if low == 0 and high + 2 >= len(separated) else separated[low : high + 2]
            )
            if anchored is not None:
                # context: of a key's window parts only those of the message's anchored
                # window terms ("ich" is a part of many)
                anchors = anchored[known]
                present = cues.get(known)
            for end_in_text, slot in automaton.iter(text):
                end_at = end_in_text + low if text is not separated else end_in_text
                length, open_before, open_after, values, after, before = slots[slot]
                # Every value of a key has the key's length and borders: a padded border was
                # checked by the automaton, an open one is checked here for all values at once.
                last = end_at - after - 1
                first = last - length + 1
                if anchored is not None:
                    whole, cue_values, part_values = context_split[slot]
                    if whole:
                        # cue words that stand as whole words (padded on both sides, so
                        # never glued): nothing to check or widen
                        if present is None:
                            present = cues.setdefault(known, {})
                        span = (first, last + 1)
                        for cue in whole:
                            spans = present.get(cue)
                            if spans is None:
                                present[cue] = [span]
                            else:
                                spans.append(span)
                        if not cue_values and not (anchors and part_values):
                            continue  # most context hits: the key stands for nothing else
                glued_before = not before and first > 0 and lowered[first - 1].isalpha()
                if glued_before and not open_before:
                    continue
                glued_after = not after and last + 1 < size and lowered[last + 1].isalpha()
                if glued_after and not open_after:
                    continue
                message = known
                if anchored is not None:
                    if anchors:
                        values = cue_values + tuple(
                            value for index in anchors for value in part_values.get(index, ())
                        )
                    else:
                        values = cue_values
                for index, part, choice, _ in values:
                    term = terms[index]
                    if part >= 0:
                        _, prefix, compound = term.parts[part][choice]
                    else:
                        prefix, compound = term.prefix, term.compound
                    if (glued_before and not compound) or (glued_after and not prefix):
                        continue
                    start, end = first, last + 1
                    if glued_before:
                        while start > 0 and lowered[start - 1].isalpha():
                            start -= 1  # the span covers the whole compound ("Angststörung")
                    if prefix:
                        while end < size and (
                            lowered[end].isalpha()
                            or (
                                lowered[end] == "-"
                                and end + 1 < size
                                and lowered[end + 1].isalpha()
                            )
                        ):
                            end += 1
                    if message < 0:
                        message = bisect_right(starts, first) - 1
                    if message < 0 or end > ends[message] or start < starts[message]:
                        continue
                    if term.upper and not block[start:end].isupper():
                        continue
                    if term.name:
                        name_stop = name_end(block, lowered, start, end)
                        if name_stop is None or name_stop > ends[message]:
                            continue
                        found.append((message, start, name_stop, term))
                    elif part >= 0:
                        parts.setdefault(message, []).append((index, part, start, end))
                    elif term.cue is not None:
                        cues.setdefault(message, {}).setdefault(term.cue, []).append((start, end))
                    else:
                        found.append((message, start, end, term))

    def _ends_in(
        self, lowered: str, start: int, end: int, sets: frozenset[str], term: Term
    ) -> bool:
        """Whether the hit's compound, or the word right after it, is a word of ``sets``
        ("Gefängnisseelsorger", "probation officer").

        Only what follows the term's own letters counts as the compound's ending: a term
        that itself ends in such a word ("Kranken*haus*") is not a workplace.
        """
        own = lowered.find(term.text, start, end) if not term.parts else -1
        if own >= 0:
            start = own + len(term.text) - 1
        after: str | None = None
        for cue in sets:
            indexed = self._ending_index.get(cue)
            if indexed is None:
                continue
            size, by_tail = indexed
            words = by_tail.get(lowered[max(0, end - size) : end])
            if words is not None and lowered.endswith(words, start + 1, end):
                return True
            if after is None:
                following = lowered[end : end + 40].split(None, 1)
                after = following[0].strip(".,;:!?") if following else ""
            if after in self._ending_sets[cue]:
                return True
        return False

    def scan_block(
        self, block: str, starts: Sequence[int], ends: Sequence[int]
    ) -> list[LexiconHit]:
        """Terms in a block of joined messages; ``starts``/``ends`` bound each message."""
        return [LexiconHit(*hit[:5]) for hit in self.scan_block_tuples(block, starts, ends)]

    def scan_block_tuples(
        self, block: str, starts: Sequence[int], ends: Sequence[int]
    ) -> list[Hit]:
        """:meth:`scan_block` as plain (message, start, end, category, confidence, kind) tuples.

        The scanner reads tens of thousands of hits per second; plain tuples spare it
        building a frozen dataclass per hit that it would take apart at once.
        """
        lowered = lower_same_length(block)
        separated = f" {word_separated(lowered)} "
        found, cues, parts, weighed = self._find(block, lowered, separated, starts, ends)
        for message, pieces in parts.items():
            found.extend(windows(lowered, message, pieces, self.terms))
        found.extend(names_from_cues(block, lowered, cues, starts, ends))
        if self.has_signals:
            found.extend(
                crisis_signals(found, cues, lowered, separated, starts, ends, self.crisis_weights)
            )
        if weighed:
            # The second opinion, for messages that no crisis term or signal marks at all
            # (a term a cue may still drop counts: its cue decides).
            marked = {message for message, _, _, term in found if term.category is Category.CRISIS}
            found.extend(
                (message, start, end, WEIGHTS_TERM)
                for message, start, end in weighed
                if message not in marked
            )
        results, signalled = self._judge(found, cues, block, lowered, starts, ends)
        if signalled:
            results.extend(signalled_crises(results, signalled, block, starts))
        return results

    def _find(
        self,
        block: str,
        lowered: str,
        separated: str,
        starts: Sequence[int],
        ends: Sequence[int],
    ) -> tuple[list[Found], Cues, dict[int, list[tuple[int, int, int, int]]], list[Weighed]]:
        """The terms, cue words and window parts of a block, and the messages its crisis
        weights flag; cue words are looked for only where they can change something."""
        found: list[Found] = []
        cues: Cues = {}
        parts: dict[int, list[tuple[int, int, int, int]]] = {}
        hits = (found, cues, parts)
        self._collect(
            self._automaton,
            self._slots,
            block,
            lowered,
            separated,
            [(-1, 0, len(block))],
            starts,
            ends,
            hits,
        )
        # Context is read only where it can change something: window anchors, terms with
        # conditions, crisis signals. The cue words that show names ("hier ist", "meine
        # Schwester") need no context: their messages are read again only for something else.
        flagged = {message for message, _, _, term in found if term.conditional}
        flagged |= parts.keys()
        flagged.update(
            message for message, present in cues.items() if not present.keys() <= NAME_CUE_SETS
        )
        # Messages whose words weigh as a crisis: their context (laughter, cooking, a
        # notary) may still drop the finding.
        weighed = (
            self.crisis_weights.flag(separated, starts, ends, shift=1)
            if self.crisis_weights is not None
            else []
        )
        flagged.update(message for message, _, _ in weighed)
        if flagged and self._context.kind == ahocorasick.AHOCORASICK:
            # The flagged messages only (a quarter or less); context parts matter only for
            # the window terms whose anchor a message has.
            anchored = {
                message: frozenset(index for index, _, _, _ in parts.get(message, ()))
                for message in flagged
            }
            self._collect(
                self._context,
                self._context_slots,
                block,
                lowered,
                separated,
                [(message, starts[message], ends[message]) for message in sorted(flagged)],
                starts,
                ends,
                hits,
                anchored,
            )
        return found, cues, parts, weighed

    def _judge(
        self,
        found: list[Found],
        cues: Cues,
        block: str,
        lowered: str,
        starts: Sequence[int],
        ends: Sequence[int],
    ) -> tuple[list[Hit], list[Hit]]:
        """The hits whose cues and context keep them, with offsets within their message:
        terms, and apart from them the crisis signals and weights (which a term beats)."""
        results: list[Hit] = []
        signalled: list[Hit] = []
        no_cues: dict[str, list[tuple[int, int]]] = {}
        # The rules that read the text around a hit give one verdict per span and rule
        # options; several terms often stand on one span with the same options (a word
        # as a stem and as a compound's end, in both languages): each is worked out once.
        # (The rule options enter the key by identity: terms of one options line share
        # them, and hashing the tuples anew for every hit cost more than the rules.)
        ruled_out: dict[tuple[int, int, int, int, str, bool], bool] = {}
        # A name in the message is a person too ("Milan ist wieder in der Kita, die
        # Windpocken sind durch"): terms that need one hold beside it.
        named = {message for message, _, _, term in found if term.name or term is NAME_AFTER_CUE}
        for message, start, end, term in found:
            present = cues.get(message, no_cues)
            if (
                term.needs
                and term.needs.isdisjoint(present)
                and not (message in named and PERSON_CUE_SET in term.needs)
            ):
                continue
            if term.unless and not term.unless.isdisjoint(present):
                continue
            is_name = term.category is Category.PERSON_NAME
            # a compound's ending is read after the term's own letters: the term is part of it
            own = term.text if term.unless_ending else ""
            key = (start, end, id(term.unless_before), id(term.unless_ending), own, is_name)
            verdict = ruled_out.get(key)
            if verdict is None:
                verdict = ruled_out[key] = bool(
                    (term.unless_before and cue_before(lowered, start, term.unless_before, present))
                    or (
                        term.unless_ending
                        and self._ends_in(lowered, start, end, term.unless_ending, term)
                    )
                    # "Dr. Alzheimer" is a person, not a diagnosis
                    or (not is_name and after_title(lowered, start))
                )
            if verdict:
                continue
            if term.unless_near and cue_near(lowered, start, end, term.unless_near, present):
                continue
            assert term.category is not None
            offset = starts[message]
            if term.category is Category.CRISIS and asks_the_reader(
                block, start, end, offset, ends[message]
            ):
                continue  # a practitioner's screening question, no disclosure
            hit = (message, start - offset, end - offset, term.category, term.confidence, term.kind)
            if term is SIGNAL_TERM or term is WEIGHTS_TERM:
                signalled.append(hit)
            else:
                results.append(hit)
        return results, signalled


#: The cue set of words that make a person the subject ("ich", "mein Sohn"); a name found
#: in the message stands for one too.
PERSON_CUE_SET = "person"
#: Cue sets that show names: found in every message, and read without any context.
NAME_CUE_SETS = frozenset({NAME_CUE_SET, POSSESSED_CUE_SET, ADDRESS_CUE_SET, INTRODUCES_CUE_SET})
#: Cue sets that can make a finding on their own, so they are looked for in every message.
EAGER_CUES = frozenset(
    {
        "signal-severe",
        "signal-death",
        "signal-harm",
        "signal-affairs",
        "signal-amount",
        "signal-means",
        *NAME_CUE_SETS,
    }
)


@lru_cache(maxsize=8)
def load_lexicon(langs: tuple[str, ...] = LANGUAGES, folder: Path | None = None) -> Lexicon:
    """The lexicon of the given languages, compiled once per process.

    Compiling takes about a third of a second; the compiled automata are kept in the
    user's cache folder (:mod:`compliance.detectors.lexicon_cache`), so later runs load
    them instead.
    """
    from compliance.detectors.lexicon_cache import cached_lexicon

    folder = folder or lexicon_dir()
    # The weights were learnt from German and English messages together: they belong to
    # the lexicon of both languages (the default), not to one language's.
    weights = folder / WEIGHTS_FILE if set(langs) == set(LANGUAGES) else None
    return cached_lexicon(
        langs,
        folder,
        lambda: Lexicon(
            read_terms(folder, langs),
            name_keys(),
            read_crisis_weights(weights) if weights is not None and weights.is_file() else None,
        ),
    )
