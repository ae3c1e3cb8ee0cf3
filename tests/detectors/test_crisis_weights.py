"""Crisis word weights: the shipped file, the shortcuts of the scan, and what they find."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detectors import Category, scan_texts
from compliance.detectors.crisis_weights import (
    GATE_WEIGHT,
    WEIGHTS_FILE,
    CrisisWeights,
    message_features,
    read_crisis_weights,
    spellings,
    words,
)
from compliance.detectors.evaluation import load_jsonl
from compliance.detectors.lexicon import LANGUAGES, lexicon_dir, load_lexicon
from compliance.detectors.lexicon_automaton import word_separated
from compliance.detectors.lexicon_terms import lower_same_length
from compliance.errors import InputError

LABELLED = Path(__file__).resolve().parents[1] / "data" / "detection" / "independent"


def shipped() -> CrisisWeights:
    weights = load_lexicon(LANGUAGES).crisis_weights
    assert weights is not None
    return weights


def brute_force(weights: CrisisWeights, text: str) -> float:
    """The model's sum as training defines it: every folded word and pair once."""
    features = message_features(text)
    file = read_crisis_weights(lexicon_dir() / WEIGHTS_FILE)
    return sum(
        file.weight(f) if " " not in f else file.pair_weight(*f.split(" ")) for f in features
    )


def test_the_shipped_file_reads_and_is_sorted_by_weight() -> None:
    path = lexicon_dir() / WEIGHTS_FILE
    weights = read_crisis_weights(path)
    assert 0 < weights.threshold < 1 and weights.bias < 0
    lines = [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "bias", "threshold"))
    ]
    values = [float(w) for w, _ in lines]
    assert len(lines) > 1000 and values == sorted(values, reverse=True)
    # words are stored folded, as training sees them
    assert not any(ch in word for _, word in lines for ch in "äöüß")


def test_the_cached_weights_are_the_file_s() -> None:
    from_file = read_crisis_weights(lexicon_dir() / WEIGHTS_FILE)
    assert shipped().state() == from_file.state()


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("bias\t-2\nthreshold\t1.5\n", "threshold between 0 and 1"),
        ("bias\t-2\nthreshold\t0.7\nzwei\tword\n", "not a number"),
        ("bias\t-2\nthreshold\t0.7\n0.5\tthree words here\n", "one word or two words"),
        ("threshold\t0.7\n", "needs a bias line"),
    ],
)
def test_a_malformed_file_names_the_file_and_the_problem(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = tmp_path / WEIGHTS_FILE
    path.write_text(line, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as error:
        read_crisis_weights(path)
    assert WEIGHTS_FILE in str(error.value)


def test_spellings_cover_umlauts_and_sharp_s() -> None:
    assert spellings("fuer immer") == {"fuer immer", "für immer"}
    assert spellings("strasse") == {"strasse", "straße"}
    assert spellings("abend") == {"abend"}


def test_a_word_weighs_the_same_in_every_spelling() -> None:
    weights = shipped()
    assert weights.weight("lebensmüde") == weights.weight("lebensmuede") > 0
    assert weights.pair_weight("für", "immer") == weights.pair_weight("fuer", "immer")


VOCABULARY = sorted(
    {
        w
        for line in (lexicon_dir() / WEIGHTS_FILE).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
        for w in line.split("\t")[1].split(" ")
    }
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY[:3000]), min_size=1, max_size=30))
def test_the_shortcuts_decide_as_the_whole_sum(tokens: list[str]) -> None:
    """Words alone first, pairs only where they could tip it: the same decision."""
    weights = shipped()
    text = " ".join(tokens)
    assert weights.reaches(words(text)) == (brute_force(weights, text) >= weights.needed)


def test_no_flagged_labelled_message_lacks_a_gate_word() -> None:
    """The gate (a word or pair of weight >= GATE_WEIGHT) loses no message the sum would flag;
    checked again whenever the weights are trained anew."""
    weights = shipped()
    for path in sorted(LABELLED.glob("*/*.jsonl")):
        for message in load_jsonl(path):
            tokens = word_separated(lower_same_length(message.text)).split()
            if weights.reaches(tokens):
                heaviest = max(
                    [weights.weight(t) for t in tokens]
                    + [weights.pair_weight(a, b) for a, b in pairwise(tokens)]
                )
                assert heaviest >= GATE_WEIGHT, message.source


def crisis(text: str) -> list[tuple[str, float]]:
    (found,) = scan_texts([text])
    return [(text[f.start : f.end], f.confidence) for f in found if f.category is Category.CRISIS]


@pytest.mark.parametrize(
    "text",
    [
        # written for this test, in words no crisis term lists
        "hab die briefe für euch fertig, liegen im schrank. ich hab euch lieb, egal was kommt",
        "i've sorted out who gets my stuff and left a note for mum. i'm so tired of all of it",
    ],
)
def test_a_crisis_in_plain_words_is_found_by_its_weights(text: str) -> None:
    found = crisis(text)
    assert found and all(confidence == 0.55 for _, confidence in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Können wir den Termin am Donnerstag auf 15 Uhr schieben? Danke dir!",
        "the train was late again, see you at the cafe at 6",
        "hab die briefe für euch fertig, liegen im schrank 😂😂",  # laughter drops it
    ],
)
def test_everyday_messages_are_not_weighed_as_crisis(text: str) -> None:
    assert crisis(text) == []


def test_a_name_in_a_weighed_crisis_keeps_its_own_finding() -> None:
    text = "sag Leonie dass ich sie lieb hab. die briefe liegen im schrank, ich kann nicht mehr"
    (found,) = scan_texts([text])
    names = [f for f in found if f.category is Category.PERSON_NAME]
    assert [text[f.start : f.end] for f in names] == ["Leonie"]
    assert any(f.category is Category.CRISIS for f in found)
