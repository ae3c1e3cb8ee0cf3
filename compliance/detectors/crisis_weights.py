"""Crisis by word weights: a second opinion for the messages no crisis term or signal marks.

The crisis lexicon lists how people say it; people who write in crisis often say it in
words no list holds ("hab die Briefe für euch ins Handschuhfach gelegt", "please be the
one who finds me"). Measured on messages by writers who never saw the lexicon, the terms
found about six in ten crisis messages. Weights learnt from the labelled messages
(``tools/train_crisis_weights.py``, a logistic model) weigh every word of a message, so
they also see a crisis told in plain words; a message whose weights add up past the
threshold is a crisis finding of lower confidence.

What is weighed: the pieces of each word (three to five letters, ``_`` marking where the
word starts or ends: ``_lebe``, ``müde_``), so that inflections, compounds and typos of
a word weigh like the word ("lebensmüde", "lebensmuede", "Lebensmüdigkeit"), and pairs of
neighbouring words ("nicht mehr", "want to"). A word's weight is the sum of its pieces';
a message's, the sum of its different words' and pairs'. Words are lower-cased, split at
the lexicon's word separators and folded (``ä`` → ``ae``, ``ß`` → ``ss``), the same way
for training (:func:`message_features`) and scanning.

The weights are data (``checklists/lexicons/crisis-weights.txt``), one piece or pair per
line, sorted by weight and open to review. They judge a message as a whole, so their
findings are of the kind ``unspecified``: the practitioner finds out who is at risk.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import pairwise, repeat
from pathlib import Path

from compliance.detectors.base import Category
from compliance.detectors.lexicon_automaton import word_separated
from compliance.detectors.lexicon_terms import Term, lower_same_length
from compliance.errors import InputError

#: Umlauts and ß as written without them, so that "fuer" and "für" are one word.
FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
WEIGHTS_FILE = "crisis-weights.txt"
#: The lengths of the pieces of a word that carry weights, its borders marked by ``_``.
PIECES = range(3, 6)
#: The probability of a crisis the weights must leave a message whose crisis signals add
#: up: signals the words as a whole speak against (a film title, a cup dropped, "bleeding
#: money") make no finding, while "hab meine Sachen verschenkt. danke für alles" (0.08
#: by the weights of six rounds) still does.
SUPPORT_PROBABILITY = 0.05
#: Words weighed so far, by their spelling, in memory only (never written anywhere); a
#: long archive has a few hundred thousand different ones, so the memory is cleared now
#: and then (at about 10 MB) rather than growing with the archive.
_REMEMBERED = 50_000
#: Once, a message the weights flagged needed a word of a crisis signal set beside them
#: (coming-out stories, faith and family quarrels in client threads were flagged: precision
#: 0.56 on a fresh round of threads, 0.66 with it). Trained on nine rounds, the weights no
#: longer need it: without it crisis recall rose on the measure part (0.70 to 0.72) and on a
#: fresh blind round (0.79 to 0.81) at the same precision, in client threads too (8 Dec 2026).
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


def pieces(word: str) -> list[str]:
    """The pieces of a word (lower case) that carry weights, as often as they occur."""
    padded = f"_{word.translate(FOLD)}_"
    return [padded[i : i + n] for n in PIECES for i in range(len(padded) - n + 1)]


def message_features(text: str) -> list[str]:
    """What the weights weigh in a message: the pieces of each of its different words,
    and each different pair of neighbouring words (folded, ``first second``)."""
    tokens = word_separated(lower_same_length(text)).split()
    features = [piece for token in dict.fromkeys(tokens) for piece in pieces(token)]
    folded = [token.translate(FOLD) for token in tokens]
    features += dict.fromkeys(f"{first} {second}" for first, second in pairwise(folded))
    return features


_State = tuple[float, float, dict[str, float], dict[str, float], dict[str, float]]


class _Remembered(dict[str, float]):
    """Word weights, each worked out from its pieces the first time the word is seen;
    beside them the most the word can add through a pair it begins (``bounds``) and the
    most it can add at all (``most``: its weight if positive, plus its bound)."""

    def __init__(self, weights: CrisisWeights) -> None:
        super().__init__()
        self.weights = weights
        self.bounds: dict[str, float] = {}
        self.most = _Most(self)

    def __missing__(self, word: str) -> float:
        if len(self) >= _REMEMBERED:
            self.clear()
            self.bounds.clear()
            self.most.clear()
        weight = self[word] = self.weights.word_weight(word)
        bound = self.bounds[word] = self.weights.pair_bound(word)
        self.most[word] = max(weight, 0.0) + bound
        return weight


class _Most(dict[str, float]):
    """:attr:`_Remembered.most`, worked out through the words' weights when missing."""

    def __init__(self, remembered: _Remembered) -> None:
        super().__init__()
        self.remembered = remembered

    def __missing__(self, word: str) -> float:
        self.remembered[word]  # working out the weight fills this table too
        return self[word]


class CrisisWeights:
    """A logistic model's bias, its threshold and its weights, ready to weigh text."""

    def __init__(
        self,
        bias: float,
        threshold: float,
        pieces: dict[str, float],
        pairs: dict[str, float],
    ) -> None:
        """``pieces`` weigh pieces of words, ``pairs`` two folded words ("first second")."""
        # The most a word can add through the pairs it begins: a message whose words and
        # these bounds stay under the threshold needs no look at its pairs.
        bounds: dict[str, float] = {}
        for pair, weight in pairs.items():
            if weight > 0:
                first = pair.partition(" ")[0]
                bounds[first] = max(bounds.get(first, 0.0), weight)
        self._set((bias, threshold, pieces, pairs, bounds))

    def state(self) -> _State:
        """Plain values to keep in the lexicon cache (see :meth:`restore`)."""
        return self.bias, self.threshold, self._pieces, self._pairs, self._pair_bound

    @classmethod
    def restore(cls, state: _State) -> CrisisWeights:
        """Weights from :meth:`state`."""
        weights = cls.__new__(cls)
        weights._set(state)
        return weights

    def _set(self, state: _State) -> None:
        self.bias, self.threshold, self._pieces, self._pairs, self._pair_bound = state
        #: the sum of weights at which a message reaches the threshold
        self.needed = math.log(self.threshold / (1 - self.threshold)) - self.bias
        odds = SUPPORT_PROBABILITY / (1 - SUPPORT_PROBABILITY)
        self.supported = math.log(odds) - self.bias
        self._words = _Remembered(self)

    def word_weight(self, word: str) -> float:
        """One word's weight (lower case, any spelling): the sum of its pieces'."""
        return sum(map(self._pieces.get, pieces(word), repeat(0.0)))

    def pair_bound(self, word: str) -> float:
        """The most a word (lower case, any spelling) can add through a pair it begins."""
        return self._pair_bound.get(word.translate(FOLD), 0.0)

    def pair_weight(self, first: str, second: str) -> float:
        """The weight of two neighbouring words (lower case, any spelling)."""
        return self._pairs.get(f"{first.translate(FOLD)} {second.translate(FOLD)}", 0.0)

    def total(self, tokens: list[str]) -> float:
        """The sum of a message's word and pair weights (words lower case, as written)."""
        words = sum(map(self._words.__getitem__, dict.fromkeys(tokens)))
        return words + self._pairs_total(tokens)

    def reaches(self, tokens: list[str]) -> bool:
        """Whether a message's words add up to the threshold.

        Most messages are decided by their words alone: only where the pairs could still
        tip the balance are they looked up.
        """
        remembered = self._words
        total = sum(map(remembered.__getitem__, dict.fromkeys(tokens)))
        if total < self.needed:
            # every word was looked up just now, so its bound is there
            bound = sum(map(remembered.bounds.__getitem__, tokens[:-1]))
            if total + bound < self.needed:
                return False
        return total + self._pairs_total(tokens) >= self.needed

    def _pairs_total(self, tokens: list[str]) -> float:
        """The sum of the weights of a message's different pairs of neighbouring words."""
        folded = [token.translate(FOLD) for token in tokens]
        pairs = dict.fromkeys(map(" ".join, pairwise(folded)))
        return sum(map(self._pairs.get, pairs, repeat(0.0)))

    def supports(self, tokens: list[str]) -> bool:
        """Whether the words leave a crisis possible: a probability of at least
        ``SUPPORT_PROBABILITY`` (the crisis signals of the lexicon need this much)."""
        return self.total(tokens) >= self.supported

    def flag(
        self,
        separated: str,
        starts: Sequence[int],
        ends: Sequence[int],
        shift: int = 0,
    ) -> list[tuple[int, int, int]]:
        """(message, start, end) of each message whose words add up.

        ``separated`` is the lower-cased, word-separated block (see
        :func:`compliance.detectors.lexicon_automaton.word_separated`); ``shift`` is where
        the block starts in it. The span runs over the words that weigh towards a crisis.
        """
        flagged: list[tuple[int, int, int]] = []
        most = self._words.most.__getitem__
        needed = self.needed
        # The most each message's words could add, each word as often as it stands: over
        # nine in ten messages stay under the threshold with it and need nothing more, so
        # their words are not kept. (Sums run over the words in the order they stand, the
        # same on every run.)
        reaching = [
            i
            for i, (s, e) in enumerate(zip(starts, ends, strict=True))
            if sum(map(most, separated[s + shift : e + shift].split())) >= needed
        ]
        for message in reaching:
            words = separated[starts[message] + shift : ends[message] + shift].split()
            if self.reaches(words):
                start = starts[message]
                span = self._span(separated[start + shift : ends[message] + shift])
                flagged.append((message, start + span[0], start + span[1]))
        return flagged

    def _span(self, text: str) -> tuple[int, int]:
        """From the first to the last word or pair that weighs towards a crisis.

        The weights judge the message as a whole, so the finding covers all that spoke
        for it rather than one phrase (measured: spans of the heaviest words only miss
        the labelled phrase more often).
        """
        places: list[tuple[int, int]] = []
        position = 0
        for word in text.split():
            position = text.index(word, position)
            places.append((position, position + len(word)))
            position += len(word)
        tokens = text.split()
        weighed = [(self._words[token], i, i) for i, token in enumerate(tokens)]
        weighed += [(self.pair_weight(*pair), i, i + 1) for i, pair in enumerate(pairwise(tokens))]
        chosen = [(first, last) for weight, first, last in weighed if weight > 0]
        if not chosen:  # only possible with a positive bias
            return places[0][0], places[-1][1]
        return places[min(f for f, _ in chosen)][0], places[max(last for _, last in chosen)][1]


def read_crisis_weights(path: Path) -> CrisisWeights:
    """The weights file: ``#`` comments, ``bias`` and ``threshold`` lines, then lines of
    ``weight<TAB>piece`` or ``weight<TAB>first second``."""
    bias: float | None = None
    threshold: float | None = None
    weighed_pieces: dict[str, float] = {}
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
        if len(parts) == 1 and len(value) in PIECES:
            weighed_pieces[value] = weight
        elif len(parts) == 2 and all(parts):
            pairs[value] = weight
        else:
            raise InputError.single(
                path, "expected a piece of 3 to 5 letters or two words", line=number
            )
    if bias is None or threshold is None or not 0 < threshold < 1:
        raise InputError.single(path, "needs a bias line and a threshold between 0 and 1")
    return CrisisWeights(bias, threshold, weighed_pieces, pairs)
