"""The lexicon's context rules: crisis signals that add up, cues before a hit, window terms.

What a message's cue words (found by the context automaton of
:class:`compliance.detectors.lexicon.Lexicon`) make of its hits: a crisis without a listed
phrase (signals of death, harm, means and plans that add up), a hit dropped because a cue
of a topic, an idiom or a job stands right before it, and window terms whose parts stand
in order within a few words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from compliance.detectors.base import Category
from compliance.detectors.lexicon_terms import Term

if TYPE_CHECKING:
    from compliance.detectors.crisis_weights import CrisisWeights

#: A term found in a block: (message, start, end, term), offsets within the block.
Found = tuple[int, int, int, Term]
#: Per message, the cue words found, by cue set: their (start, end) in the block.
Cues = dict[int, dict[str, list[tuple[int, int]]]]
#: A hit as the scanner takes it: (message, start, end, category, confidence, kind),
#: offsets within the message.
Hit = tuple[int, int, int, Category, float, str | None]
#: A message the crisis weights flag: (message, start, end).
Weighed = tuple[int, int, int]

#: Crisis signals: cue sets ``signal-<name>`` and what a hit of each weighs. A message
#: without a crisis term is still a crisis when its signals weigh at least
#: ``SIGNAL_THRESHOLD``, one of them speaks of death or harm, a person is the subject and
#: nothing marks it as a joke, a topic or a figure of speech. This catches ways of
#: writing that no phrase list holds ("the rope is in the car", "hab die Tabletten hier").
SIGNAL_WEIGHTS = {
    "signal-severe": 3,  # killing, self-harm, violence without an everyday sense ("erhängen")
    "signal-death": 2,
    "signal-harm": 2,
    "signal-method": 1,
    "signal-plan": 1,
    "signal-intent": 1,  # wanting, intending, thinking of it ("will", "denk dran", "urge")
    "signal-hope": 1,  # hopelessness, being a burden ("keinen Ausweg", "nobody would notice")
    "signal-goodbye": 1,  # saying goodbye ("danke für alles", "forgive me")
    "signal-affairs": 2,  # putting affairs in order ("Sachen verschenkt", "my will")
    "signal-amount": 2,  # more than a dose at once ("die ganze Packung", "a whole strip")
    "signal-means": 2,  # means with little everyday use in a chat ("Strick", "noose")
    "signal-child": 1,  # a child named ("die Kleinen", "the toddler")
    "signal-intox": 1,  # a carer drunk or high ("besoffen", "hammered")
    "signal-neglect": 1,  # left alone, locked in, unfed ("allein", "no food")
}
SIGNAL_THRESHOLD = 3
_SIGNAL_NEEDED = (
    "signal-severe",
    "signal-death",
    "signal-harm",
    "signal-amount",
    "signal-means",
)
#: Sets that stand in for a needed one only together: (all of these, one of these).
_SIGNAL_GROUPS = (
    (("signal-affairs",), ("signal-goodbye", "signal-hope")),
    (("signal-child", "signal-intox"), ("signal-neglect",)),
    (("signal-hope",), ("signal-goodbye", "signal-intent", "signal-plan")),
)
#: How many words may stand between a word of death or harm and its object (cue set
#: ``signal-object``: "mich", "me", "myself") for the object to weigh one more: "mir in
#: den Bauch getreten", "hit me in the face".
_SIGNAL_NEAR = 3
_SIGNAL_BLOCKERS = ("hyperbole", "topic")
#: A word of cooking, sport or games beside the signals makes them everyday talk; further
#: away in a long message it says nothing about them.
_SIGNAL_NOT_NEAR = (("notcrisis", 8),)
_NEEDED_SETS = frozenset(_SIGNAL_NEEDED)
_GROUP_FIRSTS = frozenset(group[0] for group, _ in _SIGNAL_GROUPS)
_BLOCKER_SETS = frozenset(_SIGNAL_BLOCKERS)
SIGNAL_TERM = Term(
    "(signals)",
    Category.CRISIS,
    None,
    False,
    False,
    frozenset(),
    frozenset(),
    0.6,
    "self",
    unless_near=_SIGNAL_NOT_NEAR,
)


def signal_span(lowered: str, present: dict[str, list[tuple[int, int]]]) -> tuple[int, int] | None:
    """The span from the first to the last crisis signal, when the signals add up."""
    # Most messages with cues have no signal of death or harm: ruled out by set tests.
    if "signal-person" not in present:
        return None
    if _NEEDED_SETS.isdisjoint(present) and (
        _GROUP_FIRSTS.isdisjoint(present)
        or not any(
            # affairs put in order are a crisis only beside a goodbye or hopelessness (a
            # will made at the notary's, a sofa given away are not); a child only with a
            # carer drunk and the child left alone, in the car or unfed
            all(n in present for n in group) and any(n in present for n in others)
            for group, others in _SIGNAL_GROUPS
        )
    ):
        return None
    if not _BLOCKER_SETS.isdisjoint(present):
        return None
    score = 0
    spans: list[tuple[int, int]] = []
    counted: set[tuple[int, int]] = set()
    # Heaviest sets first; a word counts once, in its heaviest set ("für immer" is a word
    # of death and of a plan), and each set at most twice, so one repeated word does not
    # add up.
    for name, weight in sorted(SIGNAL_WEIGHTS.items(), key=lambda item: -item[1]):
        # a word inside a counted phrase ("Packung" in "die ganze Packung") adds nothing
        found = {
            (start, end)
            for start, end in present.get(name, ())
            if not any(start < e and s < end for s, e in counted)
        }
        score += weight * min(len(found), 2)
        counted |= found
        spans.extend(found)
    # A word of death or harm right beside its object ("mich geschlagen", "kill me",
    # "hurt myself") happens to a person, not to a thing: it weighs one more.
    people = present.get("signal-object", ())
    if any(
        words_between(lowered, *((p_end, start) if p_end <= start else (end, p_start)))
        <= _SIGNAL_NEAR
        for name in _SIGNAL_NEEDED
        for start, end in present.get(name, ())
        for p_start, p_end in people
    ):
        score += 1
    if score < SIGNAL_THRESHOLD:
        return None
    return min(s for s, _ in spans), max(e for _, e in spans)


def around_names(start: int, end: int, names: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The longest part of a signal span that holds no name: a crisis finding must not
    swallow a name ("tschüss sagen Dilara. ihr seht mich nicht wieder"), or the name
    would lose its own finding and its mask."""
    cuts = sorted((s, e) for s, e in names if start < e and s < end)
    if not cuts:
        return start, end
    parts: list[tuple[int, int]] = []
    position = start
    for cut_start, cut_end in cuts:
        parts.append((position, cut_start))
        position = max(position, cut_end)
    parts.append((position, end))
    return max(parts, key=lambda part: part[1] - part[0])


def words_between(lowered: str, start: int, end: int) -> int:
    """How many words stand between two offsets."""
    return len(lowered[start:end].split())


_RULE_NAMES: dict[tuple[tuple[str, int], ...], frozenset[str]] = {}
#: A negation right before a term (cue set ``negation``) drops it, unless a word of time
#: stands near that makes the negation reveal a history (cue set ``history``, within so
#: many words): the labelling counts "seit Wochen keine Panikattacke gehabt".
NEGATION_CUE_SET = "negation"
_HISTORY = (("history", 5),)


def cue_before(
    lowered: str,
    start: int,
    rules: tuple[tuple[str, int], ...],
    present: dict[str, list[tuple[int, int]]],
) -> bool:
    """Whether a cue of one of ``rules``' sets ends at most that many words before ``start``."""
    names = _RULE_NAMES.get(rules)
    if names is None:
        names = _RULE_NAMES[rules] = frozenset(name for name, _ in rules)
    if names.isdisjoint(present):
        return False  # the common case: none of the sets is in the message
    for name, width in rules:
        for _, cue_end in present.get(name, ()):
            if cue_end <= start and words_between(lowered, cue_end, start) <= width:
                if name == NEGATION_CUE_SET and cue_near(lowered, start, start, _HISTORY, present):
                    continue  # "seit Wochen keine Panikattacke mehr" reveals a history
                return True
    return False


def cue_near(
    lowered: str,
    start: int,
    end: int,
    rules: tuple[tuple[str, int], ...],
    present: dict[str, list[tuple[int, int]]],
) -> bool:
    """Whether a cue of one of ``rules``' sets stands within that many words of a hit."""
    for name, width in rules:
        for cue_start, cue_end in present.get(name, ()):
            if cue_end <= start:
                between = words_between(lowered, cue_end, start)
            elif cue_start >= end:
                between = words_between(lowered, end, cue_start)
            else:
                between = 0  # inside or overlapping the hit
            if between <= width:
                return True
    return False


def windows(
    lowered: str, message: int, pieces: list[tuple[int, int, int, int]], terms: Sequence[Term]
) -> list[tuple[int, int, int, Term]]:
    """Window terms whose parts all stand in order, each within the gap of the one before."""
    by_term: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for index, part, start, end in pieces:
        by_term.setdefault(index, {}).setdefault(part, []).append((start, end))
    found: list[tuple[int, int, int, Term]] = []
    for index, by_part in by_term.items():
        term = terms[index]
        if len(by_part) < len(term.parts):
            continue
        for first_start, first_end in sorted(by_part[0]):
            end = first_end
            chosen = [(first_start, first_end)]
            for part in range(1, len(term.parts)):
                following = [
                    (s, e)
                    for s, e in sorted(by_part[part])
                    if s >= end and words_between(lowered, end, s) <= term.gap
                ]
                if not following:
                    break
                end = following[0][1]
                chosen.append(following[0])
            else:
                if term.fact < 0:
                    found.append((message, first_start, end, term))
                    break  # one hit per window term and message
                # the part that states the fact, as often as the window stands ("mum's
                # Kurdish and dad's Turkish")
                fact = (message, *chosen[term.fact], term)
                if fact not in found:
                    found.append(fact)
    return found


def crisis_signals(
    found: Sequence[Found],
    cues: Cues,
    lowered: str,
    separated: str,
    starts: Sequence[int],
    ends: Sequence[int],
    weights: CrisisWeights | None,
) -> Iterator[Found]:
    """The crisis signals that add up in messages no sure crisis term marks.

    A term whose condition may still drop it ("geschnitten | needs=selfharm") does not stop
    them: the rules keep one of the two. Signals that the message's words as a whole speak
    against (a film title, a cup dropped, "bleeding money") make no finding.
    """
    crisis = {
        message
        for message, _, _, term in found
        if term.category is Category.CRISIS and not term.conditional
    }
    for message, present in cues.items():
        if message not in crisis:
            span = signal_span(lowered, present)
            if span is not None and (
                weights is None
                or weights.supports(separated[starts[message] + 1 : ends[message] + 1].split())
            ):
                yield message, span[0], span[1], SIGNAL_TERM


def signalled_crises(
    results: Sequence[Hit], signalled: Sequence[Hit], block: str, starts: Sequence[int]
) -> Iterator[Hit]:
    """The crises of signals and weights in messages where no crisis term held, their span
    kept clear of the message's names and trimmed of punctuation."""
    termed = {r[0] for r in results if r[3] is Category.CRISIS}
    names: dict[int, list[tuple[int, int]]] = {}
    for r in results:
        if r[3] is Category.PERSON_NAME:
            names.setdefault(r[0], []).append((r[1], r[2]))
    for message, start, end, category, confidence, kind in signalled:
        if message not in termed:
            start, end = around_names(start, end, names.get(message, ()))
            text = block[starts[message] + start : starts[message] + end]
            start += len(text) - len(text.lstrip(" .,;:!?-"))
            end -= len(text) - len(text.rstrip(" .,;:!?-"))
            if start < end:
                yield message, start, end, category, confidence, kind


#: The reader addressed: "du", "you", or "Sie" in capitals inside a sentence.
_SECOND_PERSON = re.compile(
    r"\b(?:du|dich|dir|dein\w*|euch|you|your|yours|yourself)\b|(?<=[\w,] )(?:Sie|Ihnen|Ihr\w*)\b"
)
#: The writer speaking of themselves.
_FIRST_PERSON = re.compile(
    r"\b(?:ich|mich|mir|mein\w*|wir|uns|unser\w*|i|me|my|myself|mine|we|us|our|"
    r"i'm|im|i've|ive|i'd|i’m)\b",
    re.IGNORECASE,
)
_SENTENCE_ENDS = ".!?\n"


def asks_the_reader(block: str, start: int, end: int, floor: int, stop: int) -> bool:
    """Whether the hit at ``start:end`` stands in a question to the reader about the reader
    ("Haben Sie gerade Gedanken, sich etwas anzutun?", "are you having thoughts of ending
    your life?"): a practitioner's screening question, no disclosure. A question in which
    the writer speaks of themselves ("Is it normal that I want to die?") is not one.
    ``floor``/``stop`` bound the message in the block."""
    begin = max(block.rfind(mark, floor, start) for mark in _SENTENCE_ENDS) + 1
    begin = max(begin, floor)
    finish = min(
        (at for at in (block.find(mark, end, stop) for mark in _SENTENCE_ENDS) if at >= 0),
        default=-1,
    )
    if finish < 0 or block[finish] != "?":
        return False
    sentence = block[begin : finish + 1]
    return bool(_SECOND_PERSON.search(sentence)) and not _FIRST_PERSON.search(sentence)
