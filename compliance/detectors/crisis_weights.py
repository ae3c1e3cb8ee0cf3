"""Crisis by word weights: a second opinion for the messages no crisis term or signal marks.

The crisis lexicon lists how people say it; people who write in crisis often say it in
words no list holds ("hab die Briefe für euch ins Handschuhfach gelegt", "please be the
one who finds me"). Measured on messages by writers who never saw the lexicon, the terms
found about six in ten crisis messages. Word weights learnt from the labelled messages
(``tools/train_crisis_weights.py``, a logistic model over words and word pairs) weigh
every word of a message, so they also see a crisis told in plain words; a message whose
weights add up past the threshold is a crisis finding of lower confidence.

The weights are data (``checklists/lexicons/crisis-weights.txt``): one line per word or
word pair, sorted by weight, readable and open to review like the lexicons. The weights
judge a message as a whole, so their findings are of the kind ``unspecified``: the
practitioner finds out who is at risk. Words are
lower-cased, split at the lexicon's word separators and folded (``ä`` → ``ae``, ``ß`` →
``ss``), the same way for training (:func:`message_features`) and scanning.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Collection, Sequence
from itertools import pairwise, repeat
from pathlib import Path

import ahocorasick

from compliance.detectors.base import Category
from compliance.detectors.lexicon_automaton import word_separated
from compliance.detectors.lexicon_terms import Term, lower_same_length
from compliance.errors import InputError

#: Umlauts and ß as written without them, so that "fuer" and "für" are one word.
FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
WEIGHTS_FILE = "crisis-weights.txt"
#: A message is weighed only when one of its words or pairs weighs at least this much
#: towards a crisis: no message of the labelled sets that the weights flag lacks one (a
#: test checks it after each training), and most chat messages have none.
GATE_WEIGHT = 0.4
#: How far under the threshold the weights may leave a message whose crisis signals add
#: up: with the threshold at 0.75, a probability of about 0.13. Measured on the labelled
#: tune part, this dropped 8 of the signals' false alarms on hard negatives and no crisis.
SUPPORT_MARGIN = 3.0
#: What a flagged message's finding stands for: a crisis of lower confidence than a term.
#: Laughter drops it, and so does a word of cooking, sport or games nearby (as for the
#: crisis terms: cue sets ``hyperbole`` and ``notcrisis``).
WEIGHTS_TERM = Term(
    "(weights)",
    Category.CRISIS,
    None,
    False,
    False,
    frozenset(),
    frozenset({"hyperbole"}),
    0.55,
    "unspecified",
    unless_near=(("notcrisis", 8),),
    conditional=True,
)


def words(separated: str) -> list[str]:
    """The folded words of lower-cased, word-separated text."""
    return separated.translate(FOLD).split()


def message_features(text: str) -> set[str]:
    """A message's words and pairs of neighbouring words, as the weights name them."""
    tokens = words(word_separated(lower_same_length(text)))
    features = set(tokens)
    features.update(f"{first} {second}" for first, second in pairwise(tokens))
    return features


def spellings(folded: str) -> set[str]:
    """The ways a folded word may be written: "fuer" also as "für", "strasse" as "straße".

    Looking up every spelling saves folding each message before its words are weighed.
    """
    if _FOLDED.search(folded) is None:
        return {folded}  # most words
    found = {""}
    position = 0
    while position < len(folded):
        pair = folded[position : position + 2]
        if pair in _UNFOLD:
            found = {f + pair for f in found} | {f + _UNFOLD[pair] for f in found}
            position += 2
        else:
            found = {f + folded[position] for f in found}
            position += 1
    return found


_UNFOLD = {"ae": "ä", "oe": "ö", "ue": "ü", "ss": "ß"}
_FOLDED = re.compile("ae|oe|ue|ss")


class CrisisWeights:
    """A logistic model's bias, its threshold and its word weights, ready to weigh text."""

    def __init__(
        self,
        bias: float,
        threshold: float,
        single: dict[str, float],
        pairs: dict[str, float],
    ) -> None:
        """``single`` and ``pairs`` are weights of folded words and of "first second"."""
        # Every spelling of every word, so that words are looked up as written.
        spelt = {v: w for word, w in single.items() for v in spellings(word)}
        spelt_pairs = {v: w for pair, w in pairs.items() for v in spellings(pair)}
        # The most a word can add through the pairs it begins: a message whose words and
        # these bounds stay under the threshold needs no look at its pairs.
        bounds: dict[str, float] = {}
        for pair, weight in spelt_pairs.items():
            if weight > 0:
                first = pair.partition(" ")[0]
                bounds[first] = max(bounds.get(first, 0.0), weight)
        self._set((bias, threshold, spelt, spelt_pairs, bounds))

    def state(self) -> tuple[float, float, dict[str, float], dict[str, float], dict[str, float]]:
        """Plain values to keep in the lexicon cache (see :meth:`restore`)."""
        return self.bias, self.threshold, self._single, self._pairs, self._pair_bound

    @classmethod
    def restore(
        cls, state: tuple[float, float, dict[str, float], dict[str, float], dict[str, float]]
    ) -> CrisisWeights:
        """Weights from :meth:`state`, without spelling every word again."""
        weights = cls.__new__(cls)
        weights._set(state)
        return weights

    def _set(
        self, state: tuple[float, float, dict[str, float], dict[str, float], dict[str, float]]
    ) -> None:
        self.bias, self.threshold, self._single, self._pairs, self._pair_bound = state
        #: the sum of word weights at which a message reaches the threshold
        self.needed = math.log(self.threshold / (1 - self.threshold)) - self.bias
        # Only messages with a word that weighs clearly towards a crisis are weighed
        # (about one in five chat messages); the automaton finds them in a whole block.
        self._gate = ahocorasick.Automaton()
        for table in (self._single, self._pairs):
            for key, weight in table.items():
                if weight >= GATE_WEIGHT:
                    self._gate.add_word(f" {key} ", 0)
        if len(self._gate):
            self._gate.make_automaton()

    def weight(self, word: str) -> float:
        """One word's weight as written (lower case, any spelling)."""
        return self._single.get(word, 0.0)

    def pair_weight(self, first: str, second: str) -> float:
        """The weight of two neighbouring words as written."""
        return self._pairs.get(f"{first} {second}", 0.0)

    def reaches(self, tokens: list[str]) -> bool:
        """Whether a message's words (lower case, as written) add up to the threshold.

        Each word and each pair counts once, as in training. Most messages are decided
        by their words alone: only where the pairs could still tip the balance are they
        looked up.
        """
        total = sum(map(self._single.get, set(tokens), repeat(0.0)))
        if total + sum(map(self._pair_bound.get, tokens[:-1], repeat(0.0))) < self.needed:
            return False
        pairs = set(map(" ".join, pairwise(tokens)))
        return total + sum(map(self._pairs.get, pairs, repeat(0.0))) >= self.needed

    def total(self, tokens: list[str]) -> float:
        """The sum of a message's word and pair weights, each counted once."""
        total = sum(map(self._single.get, set(tokens), repeat(0.0)))
        pairs = set(map(" ".join, pairwise(tokens)))
        return total + sum(map(self._pairs.get, pairs, repeat(0.0)))

    def supports(self, tokens: list[str]) -> bool:
        """Whether the words leave a crisis possible: their sum at most ``SUPPORT_MARGIN``
        under the threshold (the crisis signals of the lexicon need this much)."""
        return self.total(tokens) >= self.needed - SUPPORT_MARGIN

    def flag(
        self,
        separated: str,
        starts: Sequence[int],
        ends: Sequence[int],
        skip: Collection[int],
        shift: int = 0,
    ) -> list[tuple[int, int, int]]:
        """(message, start, end) of each message not in ``skip`` whose words add up.

        ``separated`` is the lower-cased, word-separated block (see
        :func:`compliance.detectors.lexicon_automaton.word_separated`); ``shift`` is where
        the block starts in it. The span runs over the words that weigh towards a crisis.
        """
        flagged: list[tuple[int, int, int]] = []
        if not len(self._gate):
            return flagged
        candidates = {
            bisect_right(starts, end_index - 1 - shift) - 1
            for end_index, _ in self._gate.iter(separated)
        }
        for message in sorted(candidates - set(skip)):
            if message < 0:
                continue
            start, end = starts[message], ends[message]
            text = separated[start + shift : end + shift]
            if self.reaches(text.split()):
                span = self._span(text)
                flagged.append((message, start + span[0], start + span[1]))
        return flagged

    def _span(self, text: str) -> tuple[int, int]:
        """From the first to the last word that weighs towards a crisis.

        The weights judge the message as a whole, so the finding covers all that spoke
        for it rather than one phrase.
        """
        places: list[tuple[int, int]] = []
        position = 0
        for word in text.split():
            position = text.index(word, position)
            places.append((position, position + len(word)))
            position += len(word)
        tokens = text.split()
        weighing = [i for i, token in enumerate(tokens) if self.weight(token) > 0]
        for index, pair in enumerate(pairwise(tokens)):
            if self.pair_weight(*pair) > 0:
                weighing += (index, index + 1)
        if not weighing:  # only possible with a positive bias
            return places[0][0], places[-1][1]
        return places[min(weighing)][0], places[max(weighing)][1]


def read_crisis_weights(path: Path) -> CrisisWeights:
    """The weights file: ``#`` comments, ``bias``/``threshold`` lines, then weight TAB words."""
    bias: float | None = None
    threshold: float | None = None
    single: dict[str, float] = {}
    pairs: dict[str, float] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.partition("\t")
        try:
            if key in ("bias", "threshold"):
                if key == "bias":
                    bias = float(value)
                else:
                    threshold = float(value)
                continue
            weight = float(key)
        except ValueError:
            raise InputError.single(path, f"not a number: {line!r}", line=number) from None
        parts = value.split(" ")
        if len(parts) == 1 and parts[0]:
            single[value] = weight
        elif len(parts) == 2 and all(parts):
            pairs[value] = weight
        else:
            raise InputError.single(path, "expected one word or two words", line=number)
    if bias is None or threshold is None or not 0 < threshold < 1:
        raise InputError.single(path, "needs a bias line and a threshold between 0 and 1")
    return CrisisWeights(bias, threshold, single, pairs)
