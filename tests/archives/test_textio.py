"""Text lines from bytes: line endings, BOM, encodings, huge lines."""

from __future__ import annotations

import io

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
