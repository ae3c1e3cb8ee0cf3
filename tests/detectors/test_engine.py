"""The batch scanner: same findings as one by one, offsets per message, robust on any input."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.detectors import (
    Candidate,
    Category,
    Finding,
    get_scanner,
    scan_stream,
    scan_text,
    scan_texts,
)
from compliance.detectors.engine import BLOCK_SIZE

MESSAGES = [
    "Meine IBAN ist DE89 3704 0044 0532 0130 00, ich nehme Sertralin",
    "",
    "😊😊 Ruf mich an: 0171 2345678",
    "Guten Morgen! Wie geht's?",
    "ich habe Suizidgedanken\nLG Anna",
    "mail: anna.k@example.de",
]


def test_batch_equals_one_by_one() -> None:
    batch = scan_texts(MESSAGES)
    assert batch == [scan_text(m) for m in MESSAGES]
    assert [len(f) for f in batch] == [2, 0, 1, 0, 2, 1]


def test_offsets_are_code_points_of_each_message() -> None:
    text = "😊😊 Ruf mich an: 0171 2345678"
    (phone,) = scan_text(text)
    assert text[phone.start : phone.end] == "0171 2345678"
    assert phone.start == 16


def test_blocks_are_joined_seamlessly() -> None:
    texts = [
        "Tel 0171 2345678" if i % 997 == 0 else "Hallo zusammen" for i in range(BLOCK_SIZE * 2 + 5)
    ]
    results = scan_texts(texts)
    phones = [i for i, found in enumerate(results) if found]
    assert phones == [i for i in range(len(texts)) if i % 997 == 0]


def test_no_finding_crosses_from_one_message_into_the_next() -> None:
    # Without the separator these would read as one card number / one tax ID.
    texts = ["Karte 4111 1111", "1111 1111", "Steuer-ID 365742", "61809"]
    assert scan_texts(texts) == [[], [], [], []]
    assert [f.category for f in scan_text(" ".join(texts[:2]))] == [Category.PAYMENT_CARD]


def test_a_nul_character_inside_a_message_is_harmless() -> None:
    text = "IBAN DE89 3704 0044 0532 0130 00\x00Tel 0171 2345678"
    assert [f.category for f in scan_text(text)] == [Category.IBAN, Category.PHONE]


def test_overlapping_detectors_keep_the_stronger_finding() -> None:
    findings = scan_text("Steuer-ID 36574261809")
    assert [(f.category, f.detector) for f in findings] == [(Category.DE_TAX_ID, "de_tax_id")]


def test_same_input_same_output() -> None:
    assert scan_texts(MESSAGES) == scan_texts(list(MESSAGES))
    assert scan_texts(MESSAGES, lang="de") == scan_texts(MESSAGES, lang="de")


def test_scanner_lists_every_detector_once() -> None:
    names = [d.name for d in get_scanner().detectors]
    assert len(names) == len(set(names))
    assert "phone" in names and "lexicon_crisis" in names


def _check(text: str, findings: list[Finding]) -> None:
    previous_end = 0
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.start >= previous_end  # sorted, no overlaps
        previous_end = finding.end
        assert 0 < finding.confidence <= 1
        assert finding.masked != text[finding.start : finding.end] or len(finding.masked) < 2


chat_alphabet = st.sampled_from(
    list("0123456789 +-./()@:,!?\n\x00")
    + list("ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜabcdeghilmnorstuäöüßİ😊")
    + ["DE89", "Hallo ", "LG ", "Frau ", "straße ", "geb. ", "://", "mg ", "Suizid", "sertralin"]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(), max_size=5))
def test_never_raises_on_arbitrary_unicode_and_spans_stay_inside(texts: list[str]) -> None:
    for text, findings in zip(texts, scan_texts(texts), strict=True):
        _check(text, findings)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(chat_alphabet, max_size=40).map("".join), min_size=1, max_size=6))
def test_never_raises_on_identifier_like_noise(texts: list[str]) -> None:
    results = scan_texts(texts)
    for text, findings in zip(texts, results, strict=True):
        _check(text, findings)
    assert results == [scan_text(t) for t in texts]


def test_stream_equals_batch_and_accepts_any_iterable() -> None:
    texts = [MESSAGES[i % len(MESSAGES)] for i in range(BLOCK_SIZE + 7)]
    streamed = list(scan_stream(iter(texts)))
    assert streamed == scan_texts(texts)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_detector_survives_arbitrary_candidates(data: st.DataObject) -> None:
    message = data.draw(st.text(max_size=60))
    start = data.draw(st.integers(0, len(message)))
    end = data.draw(st.integers(start, len(message)))
    for detector in get_scanner().detectors:
        for match in detector.find(Candidate(message, start, end)):
            assert 0 <= match.start <= match.end <= len(message)
            assert 0 < match.confidence <= 1
