"""Text lines from bytes: line endings, BOM, encodings, huge lines."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.archives import textio
from compliance.archives.model import ReadReport
from compliance.archives.textio import MAX_LINE_CHARS, iter_lines, sniff_encoding


def _lines(data: bytes, encoding: str = "utf-8") -> tuple[list[str], ReadReport]:
    report = ReadReport()
    lines = list(iter_lines(io.BytesIO(data), origin="x.txt", report=report, encoding=encoding))
    return lines, report


def test_mixed_line_endings_and_bom() -> None:
    lines, report = _lines(b"\xef\xbb\xbfa\r\nb\nc\r\n\r\nd")
    assert lines == ["a", "b", "c", "", "d"]
    assert report.warnings == []


def test_invalid_utf8_is_replaced_with_warning() -> None:
    lines, report = _lines(b"ok\nbad \xff byte\nok\n")
    assert lines == ["ok", "bad \ufffd byte", "ok"]
    assert any("not valid utf-8" in w for w in report.warnings)


def test_sniff_encoding() -> None:
    assert sniff_encoding("Grüße".encode()) == "utf-8"
    assert sniff_encoding("Grüße".encode("cp1252") + b" and more text") == "cp1252"
    assert sniff_encoding("\ufeffHi".encode("utf-16")) == "utf-16"
    # a multi-byte character cut at the end of the sniffed head is still UTF-8
    assert sniff_encoding("abc ü".encode()[:-1]) == "utf-8"


def test_cp1252_text_decodes() -> None:
    lines, _report = _lines("Grüße\n".encode("cp1252"), encoding="cp1252")
    assert lines == ["Grüße"]


def test_huge_line_is_cut_and_counted() -> None:
    data = b"a\n" + b"x" * (MAX_LINE_CHARS * 3 + 5) + b"\nb\n"
    lines, report = _lines(data)
    assert lines[0] == "a"
    assert len(lines[1]) == MAX_LINE_CHARS
    assert lines[2] == "b"
    assert report.skipped == 1
    assert any("x.txt:2" in w for w in report.warnings)


# Bytes a chat export may hold: ASCII, multi-byte characters, newlines of both kinds,
# a BOM, and bytes that are no UTF-8 (a lone continuation byte, a cut sequence).
_PIECES = [
    b"a",
    b"Zeile ",
    b"\n",
    b"\r\n",
    "ü".encode(),
    "🌸".encode(),
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=60),
    chunk=st.integers(min_value=1, max_value=9),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
)
def test_blocks_cut_before_decoding_give_the_text_of_decoding_it_whole(
    pieces: list[bytes], chunk: int, encoding: str
) -> None:
    # Chunks of a few bytes cut lines and characters everywhere; the lines and the one
    # warning are those of decoding the whole file at once.
    data = b"".join(pieces)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(textio, "CHUNK_BYTES", chunk)
        lines, report = _lines(data, encoding)
    text = data.decode(encoding, "replace").removeprefix("\ufeff")
    expected = text.split("\n")
    if text.endswith("\n") or not text:
        expected.pop()
    assert lines == [line.removesuffix("\r") for line in expected]
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        assert len(report.warnings) == 1
    else:
        assert report.warnings == []


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
def test_a_long_line_after_short_ones_is_cut_whatever_the_encoding(
    encoding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A line longer than the limit in bytes but not in characters is kept whole; one
    # longer in characters is cut, also after the reader switched to decoding chunks.
    monkeypatch.setattr(textio, "CHUNK_BYTES", 7)
    monkeypatch.setattr(textio, "MAX_LINE_CHARS", 20)
    wide = "ü" * 15 if encoding != "utf-16" else "a" * 15
    data = f"a\n{wide}\n{'x' * 45}\nb\nc".encode(encoding)
    lines, report = _lines(data, encoding)
    assert lines == ["a", wide, "x" * 20, "b", "c"]
    assert report.skipped == 1
    assert any("x.txt:3" in w for w in report.warnings)
