"""The shortcuts the lexicon pass takes for speed give what the plain way gives."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from compliance.detectors import lexicon_cache
from compliance.detectors.lexicon import (
    _SEPARATORS,
    LANGUAGES,
    LEXICON_DIR,
    Lexicon,
    lower_same_length,
    read_terms,
    word_separated,
)
from compliance.detectors.lexicon_terms import name_keys

#: Letters, digits, separators, Latin-1 and typographic characters, emoji.
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0xFF),
        st.sampled_from("’‘“”„–—…«»‹› \u00a0\u2022😀🙄İ"),
        st.characters(),
    ),
    max_size=200,
)


@given(TEXT)
def test_word_separated_is_the_regular_expression(text: str) -> None:
    assert word_separated(text) == _SEPARATORS.sub(" ", text)
    assert len(word_separated(text)) == len(text)


@given(TEXT)
def test_lower_same_length_is_lower_except_dotted_capital_i(text: str) -> None:
    lowered = lower_same_length(text)
    assert len(lowered) == len(text)
    assert lowered == "".join(c if c == "\u0130" else c.lower() for c in text)


def test_only_the_dotted_capital_i_lower_cases_to_two_characters() -> None:
    # lower_same_length relies on this; a new Unicode version could change it
    longer = [code for code in range(sys.maxunicode + 1) if len(chr(code).lower()) != 1]
    assert longer == [0x130]


def test_cached_lexicon_finds_what_a_fresh_one_finds(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built: list[int] = []

    def build() -> Lexicon:
        built.append(1)
        return Lexicon(read_terms(LEXICON_DIR, LANGUAGES), name_keys())

    fresh = lexicon_cache.cached_lexicon(LANGUAGES, LEXICON_DIR, build)
    assert list((tmp_path / "compliance" / "lexicon").glob("*.main"))
    loaded = lexicon_cache.cached_lexicon(LANGUAGES, LEXICON_DIR, build)
    assert built == [1]  # the second came from the cache
    block = "\x00".join(
        [
            "Ich habe seit Wochen Panikattacken und nehme Sertralin.",
            "meine Schwester Ngozi hat gesagt, Frank kommt später",
            "I want to end it all, the pills are in the drawer",
            "Dr. Alzheimer hat angerufen; lg anna",
        ]
    )
    starts, ends, at = [], [], 0
    for text in block.split("\x00"):
        starts.append(at)
        ends.append(at + len(text))
        at += len(text) + 1
    assert fresh.scan_block_tuples(block, starts, ends) == loaded.scan_block_tuples(
        block, starts, ends
    )
    assert fresh.scan_block_tuples(block, starts, ends)


def test_damaged_cache_is_built_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built: list[int] = []

    def build() -> Lexicon:
        built.append(1)
        return Lexicon(read_terms(LEXICON_DIR, ("de",)), ["anna"])

    lexicon_cache.cached_lexicon(("de",), LEXICON_DIR, build)
    for path in (tmp_path / "compliance" / "lexicon").iterdir():
        path.write_bytes(b"damaged")
    lexicon = lexicon_cache.cached_lexicon(("de",), LEXICON_DIR, build)
    assert built == [1, 1]
    assert lexicon.scan_block_tuples("Anna kommt", [0], [10])


def test_old_compiled_lexicons_are_deleted(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "compliance" / "lexicon"
    folder.mkdir(parents=True)
    for number in range(lexicon_cache.KEEP + 3):
        for part in ("terms", "main", "context"):
            stale = folder / f"old{number:02d}.{part}"
            stale.write_bytes(b"x")
            os.utime(stale, (1_000_000 + number, 1_000_000 + number))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lexicon_cache.cached_lexicon(("de",), LEXICON_DIR, lambda: Lexicon([], ["anna"]))
    kept = {path.stem for path in folder.glob("*.terms")}
    assert len(kept) == lexicon_cache.KEEP
    assert "old00" not in kept and f"old{lexicon_cache.KEEP + 2:02d}" in kept
    assert len(list(folder.iterdir())) == 3 * lexicon_cache.KEEP
