"""The independently written set: thresholds on its measure part, and the split itself.

The writers of ``tests/data/detection/independent`` never saw the lexicons or the
detectors. Its ``measure`` part is only ever scored in aggregate, here and in
``benchmarks/detection.py``. The thresholds sit a little under the figures reached when
the part was last measured (seven rounds of writers, 5,269 messages); issue 19's targets
are higher and not all met (crisis recall, Art. 9 precision and recall and the hard
negatives fall short, see the README's detection section), so these thresholds guard
against regressions, they do not claim the targets.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from compliance.detectors import scan_texts
from compliance.detectors.evaluation import (
    TARGET_GROUPS,
    Evaluation,
    LabelledMessage,
    evaluate,
    load_jsonl,
    split_part,
)

INDEPENDENT = Path(__file__).resolve().parents[1] / "data" / "detection" / "independent"

#: (minimum precision, minimum recall) per group on the measure part.
THRESHOLDS = {
    "crisis and violence": (0.88, 0.71),
    "Art. 9 and 10": (0.76, 0.76),
    "identifiers with names": (0.93, 0.89),
    "names alone": (0.92, 0.87),
}
MAX_SMALL_TALK_FLAGGED = 0.02
MAX_HARD_NEGATIVES_FLAGGED = 0.13


@lru_cache(maxsize=2)
def part(name: str) -> tuple[LabelledMessage, ...]:
    return tuple(
        m for path in sorted((INDEPENDENT / name).glob("*.jsonl")) for m in load_jsonl(path)
    )


@lru_cache(maxsize=1)
def measured() -> Evaluation:
    messages = part("measure")
    return evaluate(messages, scan_texts([m.text for m in messages]))


def test_both_parts_are_there_and_large() -> None:
    tune, measure = part("tune"), part("measure")
    assert len(tune) >= 1000 and len(measure) >= 1000
    for messages in (tune, measure):
        assert {m.lang for m in messages} == {"de", "en"}
        assert {m.kind for m in messages} == {"positive", "hard_negative", "small_talk"}


def test_split_is_by_hash_and_disjoint() -> None:
    tune = {m.source for m in part("tune")}
    measure = {m.source for m in part("measure")}
    assert not tune & measure
    assert all(split_part(source) == "tune" for source in tune)
    assert all(split_part(source) == "measure" for source in measure)


@pytest.mark.parametrize(("group", "categories"), TARGET_GROUPS, ids=[g for g, _ in TARGET_GROUPS])
def test_measure_part_thresholds(group: str, categories: tuple[object, ...]) -> None:
    tally = measured().group(categories)  # type: ignore[arg-type]
    min_precision, min_recall = THRESHOLDS[group]
    # Aggregate figures only: the measure part is never listed message by message.
    assert tally.precision >= min_precision, (group, round(tally.precision, 3))
    assert tally.recall >= min_recall, (group, round(tally.recall, 3))


def test_measure_part_false_alarms() -> None:
    result = measured()
    assert result.smalltalk_messages >= 100
    assert result.smalltalk_alarm_rate <= MAX_SMALL_TALK_FLAGGED
    assert result.hard_negative_messages >= 300
    assert result.hard_negative_flag_rate <= MAX_HARD_NEGATIVES_FLAGGED
