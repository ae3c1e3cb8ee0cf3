"""Streaming text lines from binary input: encoding fallback, huge-line and damage limits."""

from __future__ import annotations

import codecs
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from compliance.archives.model import ReadReport

CHUNK_BYTES = 1024 * 1024
MAX_LINE_CHARS = 1024 * 1024  # a longer "line" is no chat message; keep its start only


def sniff_encoding(head: bytes) -> str:
    """The encoding to read a text export with: UTF-8 (with or without BOM), UTF-16, or cp1252."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut off by the end of the sniffed head is still UTF-8.
        if exc.start < len(head) - 4:
            return "cp1252"
    return "utf-8"


def decode_head(head: bytes) -> str:
    """Best-effort text of a sniffed head, for format detection."""
    encoding = sniff_encoding(head)
    text = head.decode("utf-8-sig" if encoding == "utf-8" else encoding, errors="replace")
    return text


def iter_lines(
    stream: IO[bytes], *, origin: str, report: ReadReport, encoding: str = "utf-8"
) -> Iterator[str]:
    """Yield the lines of ``stream`` without their line endings (LF, CRLF or a mix).

    Undecodable bytes become U+FFFD with one warning; a line longer than
    ``MAX_LINE_CHARS`` is cut and counted; a damaged compressed stream ends the
    text with a warning instead of an exception.
    """
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    lenient = codecs.getincrementaldecoder(encoding)(errors="replace")
    pending = ""
    skipping_long_line = False
    line_number = 0
    first = True
    while True:
        try:
            chunk = stream.read(CHUNK_BYTES)
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
            report.skipped += 1
            report.warn(
                f"{origin}: the file is damaged after line {line_number}; read so far ({exc})"
            )
            chunk = b""
            final = True
        else:
            final = not chunk
        try:
            text = decoder.decode(chunk, final)
        except UnicodeDecodeError:
            report.warn(
                f"{origin}: not valid {encoding} near line {line_number + 1}; "
                "undecodable bytes replaced"
            )
            decoder = lenient
            text = decoder.decode(chunk, final)
        if first and text.startswith("\ufeff"):
            text = text[1:]
        first = False if text or final else first
        pending += text
        if skipping_long_line:
            # Still inside a cut line: drop everything up to its end.
            cut = pending.find("\n")
            if cut < 0:
                pending = ""
                if final:
                    return
                continue
            pending = pending[cut + 1 :]
            skipping_long_line = False
        parts = pending.split("\n")
        pending = "" if final else parts.pop()
        if final and parts and parts[-1] == "":
            parts.pop()  # the file's last line ending
        for line in parts:
            line_number += 1
            if line.endswith("\r"):
                line = line[:-1]
            if len(line) > MAX_LINE_CHARS:
                report.skipped += 1
                report.warn(
                    f"{origin}:{line_number}: line longer than {MAX_LINE_CHARS} characters; cut"
                )
                line = line[:MAX_LINE_CHARS]
            yield line
        if len(pending) > MAX_LINE_CHARS:
            line_number += 1
            report.skipped += 1
            report.warn(
                f"{origin}:{line_number}: line longer than {MAX_LINE_CHARS} characters; cut"
            )
            yield pending[:MAX_LINE_CHARS]
            pending = ""
            skipping_long_line = True
        if final:
            return
