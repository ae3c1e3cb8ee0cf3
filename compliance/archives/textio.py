"""Streaming text from binary input: encoding fallback, huge-line and damage limits."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from compliance.archives.faults import reason
from compliance.archives.model import ReadReport
from compliance.archives.sources import ZIP_ERRORS

CHUNK_BYTES = 256 * 1024  # below MAX_LINE_CHARS, so only a carried-over line can be too long
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
    return head.decode("utf-8-sig" if encoding == "utf-8" else encoding, errors="replace")


def iter_blocks(
    stream: IO[bytes], *, origin: str, report: ReadReport, encoding: str = "utf-8"
) -> Iterator[str]:
    """Yield the text of ``stream`` in blocks of whole lines (each ends with a newline,
    except perhaps the last), so callers can scan many lines with one regex call.

    Undecodable bytes become U+FFFD with one warning; a line longer than
    ``MAX_LINE_CHARS`` is cut and counted; a damaged compressed stream ends the
    text with a warning instead of an exception. A leading BOM is dropped.
    """
    state = _BlockState()
    if encoding in _NEWLINE_SAFE:
        yield from _byte_blocks(stream, origin, report, encoding, state)
        if state.done:
            return
    yield from _decoded_blocks(stream, origin, report, encoding, state)


# Encodings in which the byte 0x0A is a newline and never part of another character:
# their text can be cut into lines before it is decoded.
_NEWLINE_SAFE = frozenset({"utf-8", "cp1252"})


@dataclass(slots=True)
class _BlockState:
    """Where :func:`_byte_blocks` stopped: lines yielded, whether any text was decoded
    yet (the BOM), the decoding errors mode, the bytes read but not yet decoded, whether
    the stream has ended, and whether everything was yielded."""

    lines: int = 0
    first: bool = True
    errors: str = "strict"
    carry: bytes = b""
    ended: bool = False
    done: bool = False


def _byte_blocks(
    stream: IO[bytes], origin: str, report: ReadReport, encoding: str, state: _BlockState
) -> Iterator[str]:
    """Blocks cut at the last newline of each chunk's bytes and only then decoded: the
    text is decoded once and never copied to join a line split between chunks.

    The same blocks and warnings as decoding chunk by chunk; a line that may be too
    long (more bytes than ``MAX_LINE_CHARS`` characters) hands the rest of the stream
    over to :func:`_decoded_blocks`, which cuts it.
    """
    carry = b""
    while True:
        chunk = _read(stream, origin, report, state.lines)
        final = not chunk
        data = carry + chunk if carry else chunk
        end = len(data) - 1 if final else data.rfind(b"\n")
        first_end = data.find(b"\n")
        if (len(data) if first_end < 0 else first_end) > MAX_LINE_CHARS:
            # _decoded_blocks measures the line in characters (and cuts it)
            state.carry, state.ended = data, final
            return
        if end >= 0:
            carry = data[end + 1 :]
            block = _decode(data[: end + 1], origin, report, encoding, state)
            if carry and state.errors == "strict":
                _check_tail(carry, origin, report, encoding, state)
            state.lines += block.count("\n")
            if block:
                yield block
        else:
            carry = data
        if final:
            state.done = True
            return


def _decode(data: bytes, origin: str, report: ReadReport, encoding: str, state: _BlockState) -> str:
    try:
        text = data.decode(encoding, state.errors)
    except UnicodeDecodeError:
        report.warn(
            f"{origin}: not valid {encoding} near line {state.lines + 1}; "
            "undecodable bytes replaced"
        )
        state.errors = "replace"
        text = data.decode(encoding, state.errors)
    if state.first and text:
        state.first = False
        if text.startswith("\ufeff"):
            text = text[1:]
    return text


def _check_tail(
    tail: bytes, origin: str, report: ReadReport, encoding: str, state: _BlockState
) -> None:
    """Warn about undecodable bytes in the start of a line left for the next block when
    decoding chunk by chunk would have (a character cut at the end is no error)."""
    try:
        codecs.getincrementaldecoder(encoding)("strict").decode(tail, False)
    except UnicodeDecodeError:
        report.warn(
            f"{origin}: not valid {encoding} near line {state.lines + 1}; "
            "undecodable bytes replaced"
        )
        state.errors = "replace"


def _read(stream: IO[bytes], origin: str, report: ReadReport, lines_seen: int) -> bytes:
    """The next chunk; none (the end) when a compressed stream is damaged."""
    try:
        return stream.read(CHUNK_BYTES)
    except ZIP_ERRORS as exc:
        report.skipped += 1
        report.warn(f"{origin}: damaged after line {lines_seen}; read so far ({reason(exc)})")
        return b""


def _decoded_blocks(
    stream: IO[bytes],
    origin: str,
    report: ReadReport,
    encoding: str,
    state: _BlockState,
) -> Iterator[str]:
    """:func:`iter_blocks` by decoding every chunk: for any encoding, and for files with
    lines too long for :func:`_byte_blocks` (``state.carry``: bytes it read and left)."""
    decoder = codecs.getincrementaldecoder(encoding)(errors=state.errors)
    carry = ""
    skipping = False  # inside a cut line: drop everything up to its end
    lines_seen = state.lines
    first = state.first
    while True:
        if state.carry:
            chunk, state.carry = state.carry, b""
        elif state.ended:
            chunk = b""
        else:
            chunk = _read(stream, origin, report, lines_seen)
        final = not chunk
        try:
            text = decoder.decode(chunk, final)
        except UnicodeDecodeError:
            report.warn(
                f"{origin}: not valid {encoding} near line {lines_seen + 1}; "
                "undecodable bytes replaced"
            )
            decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
            text = decoder.decode(chunk, final)
        if first and text:
            first = False
            if text.startswith("\ufeff"):
                text = text[1:]
        if skipping:
            cut = text.find("\n")
            if cut < 0:
                if final:
                    return
                continue
            text = text[cut + 1 :]
            skipping = False
        data = carry + text if carry else text
        end = data.rfind("\n")
        if end < 0:
            carry = data
        else:
            first_end = data.find("\n")
            if first_end > MAX_LINE_CHARS:
                yield _cut_line(data[:first_end], origin, lines_seen + 1, report)
                lines_seen += 1
                data = data[first_end + 1 :]
                end -= first_end + 1
            if end >= 0:
                block = data[: end + 1]
                lines_seen += block.count("\n")
                yield block
            carry = data[end + 1 :]
        if len(carry) > MAX_LINE_CHARS:
            yield _cut_line(carry, origin, lines_seen + 1, report)
            lines_seen += 1
            carry = ""
            skipping = True
        if final:
            if carry:
                yield carry
            return


def _cut_line(line: str, origin: str, number: int, report: ReadReport) -> str:
    report.skipped += 1
    report.warn(f"{origin}:{number}: line longer than {MAX_LINE_CHARS} characters; cut")
    return line[:MAX_LINE_CHARS] + "\n"


def iter_lines(
    stream: IO[bytes], *, origin: str, report: ReadReport, encoding: str = "utf-8"
) -> Iterator[str]:
    """Yield the lines of ``stream`` without their line endings (LF, CRLF or a mix)."""
    for block in iter_blocks(stream, origin=origin, report=report, encoding=encoding):
        lines = block.split("\n")
        if block.endswith("\n"):
            lines.pop()
        for line in lines:
            yield line[:-1] if line.endswith("\r") else line
