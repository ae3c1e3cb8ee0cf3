"""What went wrong while reading an input, said without quoting the input.

Parsers and decompressors put excerpts of what they read into their error messages
(yajl quotes the bytes around a JSON error, zipfile quotes member headers). Those
bytes can be client data, so no reader ever prints an exception's text: it prints
the phrase :func:`reason` gives for the exception's kind, and a byte offset.
"""

from __future__ import annotations

import operator
import re
import zipfile
import zlib
from itertools import accumulate, count
from typing import IO

_ZIP_CHECKS = (
    ("Bad HMAC check", "Bad HMAC check: the member's integrity check failed"),
    ("Bad CRC-32", "Bad CRC-32: the member's checksum does not match"),
)


def reason(exc: BaseException) -> str:
    """A short description of ``exc`` that holds nothing read from the input."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not valid {exc.encoding} (byte {exc.start})"
    if isinstance(exc, zipfile.BadZipFile):
        # zipfile's messages quote member names and header bytes: only known kinds pass
        for known, phrase in _ZIP_CHECKS:
            if str(exc).startswith(known):
                return phrase
        return "damaged zip structure"
    if isinstance(exc, zlib.error):
        return "damaged compressed data"
    if isinstance(exc, EOFError):
        return "unexpected end of the compressed data"
    if isinstance(exc, NotImplementedError):
        return "unsupported compression or encryption method"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, OSError):
        return (exc.strerror or "read error").lower()
    return f"unreadable data ({type(exc).__name__})"


# How deep a record's values may nest. Real exports nest text a few levels (Telegram's
# entities: a list of parts, each a dict); a deeper record is damaged or hostile.
MAX_NESTING = 64


class DamagedRecord(ValueError):
    """One record cannot be used as it is (too deep, a time out of range, a wrong type).

    The message names the problem, never the record's content; readers skip the record,
    count it and warn with its position.
    """


class TooDeep(ValueError):
    """A JSON document nests deeper than :data:`MAX_NESTING` levels."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"nested deeper than {MAX_NESTING} levels before byte {offset:,}")
        self.offset = offset


# The body of a JSON string (escapes included) up to, not including, its closing quote.
_STRING_BODY = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*', re.S)
_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
# Openers count 2 and closers 0: the depth after the k-th bracket is (sum so far) - k.
_BRACKET_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


class JsonGuard:
    """A binary stream for a JSON parser that counts the bytes handed out (so an error can
    name an offset) and raises :class:`TooDeep` before the parser meets deeper nesting.

    The parser's own cost grows with the square of the depth (it names every value by
    its full path), so the depth is measured here, on the raw bytes, with C-speed
    steps: strings are cut out by a regular expression, the brackets left are summed.
    """

    __slots__ = ("_depth", "_escaped", "_in_string", "_stream", "offset")

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.offset = 0
        self._depth = 0
        self._in_string = False
        self._escaped = False

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._measure(data)
        self.offset += len(data)
        return data

    def _measure(self, data: bytes) -> None:
        start = 0
        if self._in_string:
            start = self._close_string(data, 1 if self._escaped else 0)
            if start < 0:
                return
        structure = _STRINGS.sub(b"", data[start:])
        quote = structure.find(b'"')
        if quote >= 0:  # a string that goes on in the next block
            tail = structure[quote + 1 :]
            self._in_string = True
            self._escaped = _STRING_BODY.match(tail).end() < len(tail)  # type: ignore[union-attr]
            structure = structure[:quote]
        steps = structure.translate(_BRACKET_STEPS, _NOT_BRACKETS)
        if not steps:
            return
        depths = map(operator.sub, accumulate(steps, initial=self._depth), count(0))
        if max(depths) > MAX_NESTING:
            raise TooDeep(self.offset + len(data))
        self._depth += 2 * steps.count(2) - len(steps)

    def _close_string(self, data: bytes, start: int) -> int:
        """Where the open string ends in ``data`` (after its quote), or -1 if it goes on."""
        body = _STRING_BODY.match(data, start)
        end = body.end() if body else start
        if end < len(data) and data[end : end + 1] == b'"':
            self._in_string = self._escaped = False
            return end + 1
        self._escaped = end < len(data)  # a backslash at the end of the block
        return -1
