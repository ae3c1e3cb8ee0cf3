"""Crisis weights: the shipped file, the shortcuts of the scan, and what they find."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.detectors import Category, scan_texts
from compliance.detectors.crisis_weights import (
    WEIGHTS_FILE,
    CrisisWeights,
    message_features,
    pieces,
    read_crisis_weights,
)
from compliance.detectors.lexicon import LANGUAGES, lexicon_dir, load_lexicon
from compliance.errors import InputError


def shipped() -> CrisisWeights:
    weights = load_lexicon(LANGUAGES).crisis_weights
    assert weights is not None
    return weights


def file_lines() -> list[tuple[float, str]]:
    text = (lexicon_dir() / WEIGHTS_FILE).read_text(encoding="utf-8")
    return [
        (float(weight), feature)
        for weight, feature in (
            line.split("\t")
            for line in text.splitlines()
            if line and not line.startswith(("#", "bias", "threshold"))
        )
    ]


def as_trained(text: str) -> float:
    """A message's sum as training defines it: each feature of
    :func:`message_features` times its weight in the file, as often as it occurs."""
    weights = dict((feature, weight) for weight, feature in file_lines())
    return sum(weights.get(f, 0.0) * n for f, n in Counter(message_features(text)).items())


def test_the_shipped_file_reads_and_is_sorted_by_weight() -> None:
    weights = read_crisis_weights(lexicon_dir() / WEIGHTS_FILE)
    assert 0 < weights.threshold < 1 and weights.bias < 0
    lines = file_lines()
    values = [w for w, _ in lines]
    assert len(lines) > 1000 and values == sorted(values, reverse=True)
    # stored folded, as training sees them
    assert not any(ch in feature for _, feature in lines for ch in "äöüß")


def test_the_cached_weights_are_the_file_s() -> None:
    from_file = read_crisis_weights(lexicon_dir() / WEIGHTS_FILE)
    assert shipped().state() == from_file.state()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("bias\t-2\nthreshold\t1.5\n", "threshold between 0 and 1"),
        ("bias\t-2\nthreshold\t0.7\nzwei\t_ab\n", "not a number"),
        ("bias\t-2\nthreshold\t0.7\n0.5\tthree words here\n", "3 to 5 letters or two words"),
        ("bias\t-2\nthreshold\t0.7\n0.5\t_toolong\n", "3 to 5 letters or two words"),
        ("threshold\t0.7\n", "needs a bias line"),
    ],
)
def test_a_malformed_file_names_the_file_and_the_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / WEIGHTS_FILE
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as error:
        read_crisis_weights(path)
    assert WEIGHTS_FILE in str(error.value)


def test_a_word_is_weighed_by_its_folded_pieces() -> None:
    assert pieces("müde")[:5] == ["_mu", "mue", "ued", "ede", "de_"]
    assert sorted(pieces("müde")) == sorted(pieces("muede"))
    weights = shipped()
    assert weights.word_weight("lebensmüde") == weights.word_weight("lebensmuede")
    assert weights.pair_weight("für", "immer") == weights.pair_weight("fuer", "immer")


def test_inflections_and_compounds_weigh_like_their_word() -> None:
    """What the pieces are for: forms no training message held still weigh towards it."""
    weights = shipped()
    for word in ("lebensmüde", "abschiedsbrief", "überdosis"):
        assert weights.word_weight(word) > 0
        assert weights.word_weight(word + "n") > 0 or weights.word_weight(word + "e") > 0


WORDS = sorted(
    {f.strip("_") for _, f in file_lines() if " " not in f and len(f.strip("_")) >= 3}
    | {w for _, f in file_lines() if " " in f for w in f.split(" ")}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_the_shortcuts_decide_as_the_whole_sum(tokens: list[str]) -> None:
    """Words alone first, pairs only where they could tip it: the same decision as the
    sum training defines."""
    weights = shipped()
    text = " ".join(tokens)
    assert weights.reaches(text.split()) == (as_trained(text) >= weights.needed - 1e-9)
    assert abs(weights.total(text.split()) - as_trained(text)) < 1e-6


def crisis(text: str) -> list[tuple[str, float, str | None]]:
    (found,) = scan_texts([text])
    return [
        (text[f.start : f.end], f.confidence, f.kind)
        for f in found
        if f.category is Category.CRISIS
    ]


@pytest.mark.parametrize(
    "text",
    [
        # written for this test, in words no crisis term lists
        "hab die briefe für euch geschrieben, liegen im schrank. ich hab keine kraft mehr, "
        "passt auf euch auf",
        "i've sorted out who gets my stuff and left a note for mum. i'm so tired of all of it",
    ],
)
def test_a_crisis_in_plain_words_is_found_by_its_weights(text: str) -> None:
    found = crisis(text)
    assert found and all(c == 0.55 and kind == "unspecified" for _, c, kind in found), found


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


def test_a_name_and_a_number_in_a_weighed_crisis_keep_their_own_findings() -> None:
    text = "sag Leonie dass ich sie lieb hab. die briefe liegen im schrank, ich kann nicht mehr"
    (found,) = scan_texts([text])
    names = [text[f.start : f.end] for f in found if f.category is Category.PERSON_NAME]
    assert names == ["Leonie"]
    assert any(f.category is Category.CRISIS for f in found)



def test_the_weights_need_no_signal_word_beside_them() -> None:
    """Trained on nine rounds, the weights judge a message on their own: a message with no
    word of any crisis signal set is still a crisis when its words add up."""
    from compliance.detectors.crisis_weights import WEIGHTS_TERM

    assert WEIGHTS_TERM.needs == frozenset()
    assert WEIGHTS_TERM.unless == frozenset({"hyperbole"})  # laughter still drops it
