"""The batch scanner: one regex pass and one automaton pass over a block of joined messages."""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import accumulate, islice

from compliance.detectors.base import Candidate, Category, Detector, Finding, Match, Shape
from compliance.detectors.catalogue import CATALOGUE, CRISIS_KINDS
from compliance.detectors.lexicon import LANGUAGES, Lexicon, load_lexicon
from compliance.detectors.lexicon_context import around_names
from compliance.detectors.masking import Pseudonymizer, mask
from compliance.detectors.normalise import is_normal, normalise
from compliance.detectors.shapes import WORD_START_SHAPES, compile_passes, shape_of_group

#: Messages per block: large enough to amortise each pass, small enough to stream.
BLOCK_SIZE = 4096
#: Joins messages in a block; no shape can cross it (matches that do are dropped).
SEPARATOR = "\x00"

_DIGITS_DELETED = str.maketrans("", "", "0123456789")


class LexiconDetector(Detector):
    """Terms of one Art. 9 / Art. 10 category, found by the scanner's automaton pass."""

    shape = Shape.LEXICON
    priority = 45

    def __init__(self, lexicon: Lexicon, category: Category) -> None:
        self.lexicon = lexicon
        self.category = category  # one instance per category
        self.name = f"lexicon_{category.value.lower()}"
        if category is Category.CRISIS:
            self.priority = 95  # crisis language is never hidden
        elif category is Category.PERSON_NAME:
            self.name = "person_name_list"
            self.priority = 29  # below the cue detectors, which know the span better

    def find(self, candidate: Candidate) -> Iterable[Match]:
        text = candidate.text
        for hit in self.lexicon.scan_block(text, [0], [len(text)]):
            if hit.category is self.category:
                yield Match(candidate.start + hit.start, candidate.start + hit.end, hit.confidence)


class Scanner:
    """Runs a fixed set of detectors over many messages at once."""

    def __init__(self, detectors: Sequence[Detector], lexicon: Lexicon | None = None) -> None:
        self.detectors = tuple(detectors)
        self._by_shape: dict[str, list[Detector]] = {}
        self._by_category: dict[Category, LexiconDetector] = {}
        for detector in self.detectors:
            if isinstance(detector, LexiconDetector):
                self._by_category[detector.category] = detector
            else:
                self._by_shape.setdefault(detector.shape.value, []).append(detector)
        self._lexicon = lexicon
        self._passes = compile_passes({Shape(name) for name in self._by_shape})
        # What a hit of each pass's group stands for, by group number (``match.lastindex``):
        # looked up once per pattern, not once per hit.
        self._routes = [_routes(pattern, self._by_shape) for pattern in self._passes]
        self._number_detectors = tuple(self._by_shape.get(Shape.NUMBER.value, ()))
        self._by_digit_count: dict[int, tuple[Detector, ...]] = {}
        self._letter_led = tuple(d for d in self._number_detectors if d.letter_led)

    def scan_texts(
        self, texts: Sequence[str], *, pseudonymizer: Pseudonymizer | None = None
    ) -> list[list[Finding]]:
        """Findings per message, in the order of ``texts``, each list sorted by position."""
        results: list[list[Finding]] = []
        for first in range(0, len(texts), BLOCK_SIZE):
            block = texts[first : first + BLOCK_SIZE]
            results.extend(self._scan_block(block, pseudonymizer))
        return results

    def scan_stream(
        self, texts: Iterable[str], *, pseudonymizer: Pseudonymizer | None = None
    ) -> Iterator[list[Finding]]:
        """Findings per message of a stream, in order; holds one block in memory at a time."""
        iterator = iter(texts)
        while block := list(islice(iterator, BLOCK_SIZE)):
            yield from self._scan_block(block, pseudonymizer)

    def scan_text(self, text: str, *, pseudonymizer: Pseudonymizer | None = None) -> list[Finding]:
        return self.scan_texts([text], pseudonymizer=pseudonymizer)[0]

    def _scan_block(
        self, texts: Sequence[str], pseudonymizer: Pseudonymizer | None
    ) -> list[list[Finding]]:
        # A block makes tens of thousands of short-lived objects and no reference cycles:
        # the cyclic collector, left on, walks every live object of the process again and
        # again while it runs (a fifth of the scan's time), and has nothing to free.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return self._scan_normalised(texts, pseudonymizer)
        finally:
            if enabled:
                gc.enable()

    def _scan_normalised(
        self, texts: Sequence[str], pseudonymizer: Pseudonymizer | None
    ) -> list[list[Finding]]:
        # Detection runs on normalised copies; findings are mapped back to the originals.
        block = SEPARATOR.join(texts)
        if is_normal(block):
            # the common case, checked for the whole block at once: every message is normal
            # (the separator starts anew, so no normalisation crosses it)
            return self._scan_normal_block(texts, pseudonymizer, block)
        copies = [normalise(text) for text in texts]
        changed = [i for i, copy in enumerate(copies) if copy.origin is not None]
        if changed:
            texts = [copy.text for copy in copies]
        results = self._scan_normal_block(texts, pseudonymizer)
        for index in changed:
            copy = copies[index]
            for finding in results[index]:
                finding.start, finding.end = copy.span(finding.start, finding.end)
        return results

    def _scan_normal_block(
        self, texts: Sequence[str], pseudonymizer: Pseudonymizer | None, block: str | None = None
    ) -> list[list[Finding]]:
        if block is None:
            block = SEPARATOR.join(texts)
        starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
        starts.pop()
        ends = [start + len(text) for start, text in zip(starts, texts, strict=True)]
        raw: dict[int, list[tuple[Match, Detector]]] = {}
        for pattern, routes in zip(self._passes, self._routes, strict=True):
            self._regex_pass(pattern, routes, block, texts, starts, ends, raw)
        if self._lexicon is not None and self._by_category:
            by_category = self._by_category
            hits = self._lexicon.scan_block_tuples(block, starts, ends)
            for message, start, end, category, confidence, kind in hits:
                lexicon_detector = by_category.get(category)
                if lexicon_detector is not None:
                    if kind is None and category is Category.CRISIS:
                        kind = "self"
                    match = Match(start, end, confidence, kind)
                    raw.setdefault(message, []).append((match, lexicon_detector))
        results: list[list[Finding]] = [[] for _ in texts]
        for index, matches in raw.items():
            results[index] = _findings(texts[index], matches, pseudonymizer)
        return results

    def _regex_pass(
        self,
        pattern: re.Pattern[str],
        routes: list[_Route],
        block: str,
        texts: Sequence[str],
        starts: list[int],
        ends: list[int],
        raw: dict[int, list[tuple[Match, Detector]]],
    ) -> None:
        by_digit_count = self._by_digit_count
        for found in pattern.finditer(block):
            detectors, word_start, is_number = routes[found.lastindex or 0]
            start, end = found.span()
            if word_start and start and block[start - 1].isalnum():
                if is_number and self._letter_led and block[start - 1].isalpha():
                    self._letter_led_number(block, start, end, texts, starts, ends, raw)
                continue
            if is_number:
                text = found.group()
                digits = len(text) - len(text.translate(_DIGITS_DELETED))
                fitting = by_digit_count.get(digits)
                if fitting is None:
                    fitting = self._for_digit_count(digits)
                if not fitting:
                    continue
                detectors = fitting
            index = bisect_right(starts, start) - 1
            if end > ends[index]:
                continue
            offset = starts[index]
            candidate = Candidate(texts[index], start - offset, end - offset)
            for detector in detectors:
                for match in detector.find(candidate):
                    raw.setdefault(index, []).append((match, detector))

    def _letter_led_number(
        self,
        block: str,
        start: int,
        end: int,
        texts: Sequence[str],
        starts: list[int],
        ends: list[int],
        raw: dict[int, list[tuple[Match, Detector]]],
    ) -> None:
        """A number glued to letters: the detectors that take such numbers see it whole."""
        index = bisect_right(starts, start) - 1
        if end > ends[index]:
            return
        offset = starts[index]
        for detector in self._letter_led:
            first = start - detector.letter_led
            if first < offset or not block[first:start].isalpha():
                continue
            if first > offset and block[first - 1].isalnum():
                continue
            candidate = Candidate(texts[index], first - offset, end - offset)
            for match in detector.find(candidate):
                raw.setdefault(index, []).append((match, detector))

    def _for_digit_count(self, digits: int) -> tuple[Detector, ...]:
        """The number detectors that accept a candidate with this many digits (cached)."""
        fitting = tuple(d for d in self._number_detectors if d.min_digits <= digits <= d.max_digits)
        self._by_digit_count[digits] = fitting
        return fitting


#: What a group of a scan pass stands for: its detectors, whether the shape must start
#: a word, and whether it is a number (whose detectors are then picked by digit count).
_Route = tuple[tuple[Detector, ...], bool, bool]


def _routes(pattern: re.Pattern[str], by_shape: dict[str, list[Detector]]) -> list[_Route]:
    """The route of every group of ``pattern``, indexed by group number."""
    routes: list[_Route] = [((), False, False)] * (pattern.groups + 1)
    for name, number in pattern.groupindex.items():
        shape = shape_of_group(name)
        routes[number] = (
            tuple(by_shape[shape]),
            shape in WORD_START_SHAPES,
            shape == Shape.NUMBER.value,
        )
    return routes


def _findings(
    text: str, matches: list[tuple[Match, Detector]], pseudonymizer: Pseudonymizer | None
) -> list[Finding]:
    """Resolve overlaps and build findings, sorted by position."""
    findings: list[Finding] = []
    for match, detector in _merged(text, _without_overlaps(_crisis_beside_others(matches))):
        value = text[match.start : match.end]
        category = detector.category
        findings.append(
            Finding(
                start=match.start,
                end=match.end,
                category=category,
                detector=detector.name,
                severity=(
                    CRISIS_KINDS[match.kind].severity
                    if match.kind in CRISIS_KINDS
                    else CATALOGUE[category].severity
                ),
                confidence=match.confidence,
                masked=mask(category, value, detector.name),
                pseudonym=pseudonymizer.pseudonym(category, value) if pseudonymizer else None,
                kind=match.kind,
            )
        )
    return findings


def _crisis_beside_others(
    matches: list[tuple[Match, Detector]],
) -> list[tuple[Match, Detector]]:
    """Crisis spans cut back to their longest part without a name, and a crisis found by
    its words as a whole (kind ``unspecified``) without any other finding.

    Such a crisis spans most of its message; a name, a phone number or a diagnosis in it
    stays a finding of its own (masked, counted, pseudonymised) rather than disappearing
    inside the crisis. A crisis phrase keeps the words it is made of ("die ganze Packung
    Tabletten" is a crisis, not also health data).
    """
    if len(matches) < 2:
        return matches
    names = [(m.start, m.end) for m, d in matches if d.category is Category.PERSON_NAME]
    others = [(m.start, m.end) for m, d in matches if d.category is not Category.CRISIS]
    if not others:
        return matches
    cut: list[tuple[Match, Detector]] = []
    for match, detector in matches:
        if detector.category is Category.CRISIS:
            inside = others if match.kind == "unspecified" else names
            start, end = around_names(match.start, match.end, inside)
            match = Match(start, end, match.confidence, match.kind)
        cut.append((match, detector))
    return cut


def _without_overlaps(matches: list[tuple[Match, Detector]]) -> list[tuple[Match, Detector]]:
    """The matches that win their overlaps, sorted by position; empty spans are dropped.

    Of two overlapping matches the higher priority wins, then the higher confidence,
    then the longer span, then the earlier one.
    """
    if len(matches) == 1:
        # Most messages with anything hold exactly one match: nothing to rank.
        match = matches[0][0]
        return matches if match.end > match.start else []
    ranked = sorted(
        matches,
        key=lambda item: (
            -item[1].priority,
            -item[0].confidence,
            item[0].start - item[0].end,
            item[0].start,
        ),
    )
    kept: list[tuple[Match, Detector]] = []
    # The kept spans never overlap, so sorted by start they are sorted by end too: a new
    # span is checked against its two neighbours only (linear in the matches of a long
    # message, where checking every kept span was quadratic).
    kept_starts: list[int] = []
    kept_ends: list[int] = []
    for match, detector in ranked:
        if match.end <= match.start:
            continue
        place = bisect_right(kept_starts, match.start)
        if place and kept_ends[place - 1] > match.start:
            continue
        if place < len(kept_starts) and kept_starts[place] < match.end:
            continue
        kept_starts.insert(place, match.start)
        kept_ends.insert(place, match.end)
        kept.append((match, detector))
    kept.sort(key=lambda item: (item[0].start, item[0].end))
    return kept


#: Two names join only across a space or hyphen ("Anna-Lena", "Anna Schmidt"), never
#: across a word ("Farah and Karim" are two people).
_NAME_GAP = re.compile(r"[ -]?")
#: What may stand between two hits of one category that are one disclosure.
_JOINABLE_GAP = re.compile(r"[ \t,:/&+-]{0,3}(?:\w+[ \t,/-]{1,3})?")
#: Crisis hits of one message are one disclosure when they stand this close: "stood on
#: the bridge ... thought about jumping" is one crisis to act on, not two.
_CRISIS_GAP_WORDS = 12


def _merged(text: str, matches: list[tuple[Match, Detector]]) -> list[tuple[Match, Detector]]:
    """Adjacent hits of one category joined into one finding (one phrase, one disclosure).

    Two hits join when at most one word stands between them ("Anna-Lena", "diagnosed
    with depression"), crisis hits when at most ``_CRISIS_GAP_WORDS`` do; the joined
    finding keeps the higher confidence and the more specific crisis kind.
    """
    if len(matches) < 2:
        return matches
    merged: list[tuple[Match, Detector]] = [matches[0]]
    for match, detector in matches[1:]:
        previous, previous_detector = merged[-1]
        gap = _NAME_GAP if detector.category is Category.PERSON_NAME else _JOINABLE_GAP
        if previous_detector.category is detector.category and (
            gap.fullmatch(text, previous.end, match.start) is not None
            or (
                detector.category is Category.CRISIS
                and len(text[previous.end : match.start].split()) <= _CRISIS_GAP_WORDS
            )
        ):
            kind = max(previous.kind, match.kind, key=_specificity)
            joined = Match(
                previous.start,
                max(previous.end, match.end),
                max(previous.confidence, match.confidence),
                kind or previous.kind,
            )
            winner = previous_detector if previous.confidence >= match.confidence else detector
            merged[-1] = (joined, winner)
        else:
            merged.append((match, detector))
    return merged


def _specificity(kind: str | None) -> int:
    """How much a crisis kind says: whose crisis it is beats the writer's, which beats a
    crisis of undetermined kind."""
    return {None: 0, "unspecified": 1, "self": 2}.get(kind, 3)


def languages(lang: str) -> tuple[str, ...]:
    """The lexicon languages for a ``--lang`` value: ``de``, ``en`` or ``auto`` (both)."""
    if lang == "auto":
        return LANGUAGES
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of de, en, auto")
    return (lang,)


@lru_cache(maxsize=16)
def get_scanner(lang: str = "auto", region: str = "DE") -> Scanner:
    """The scanner with every built-in detector, built once per language and region."""
    from compliance.detectors.registry import build_detectors

    lexicon = load_lexicon(languages(lang))
    scanner = Scanner(build_detectors(lexicon, region=region), lexicon)
    # The lexicon and the detectors' tables are a few hundred thousand objects that live
    # as long as the process: moved out of the collector's sight, they are not walked
    # again by every full collection of an audit's run.
    gc.freeze()
    return scanner
