"""What went wrong while reading an input, said without quoting the input.

Parsers and decompressors put excerpts of what they read into their error messages
(yajl quotes the bytes around a JSON error, zipfile quotes member headers). Those
bytes can be client data, so no reader ever prints an exception's text: it prints
the phrase :func:`reason` gives for the exception's kind, and a byte offset.
"""

from __future__ import annotations

import operator
from itertools import accumulate, count
from typing import IO

_ZIP_CHECKS = (
    ("Bad HMAC check", "Bad HMAC check: the member's integrity check failed"),
    ("Bad CRC-32", "Bad CRC-32: the member's checksum does not match"),
)


def reason(exc: BaseException) -> str:
    """A short description of ``exc`` that holds nothing read from the input."""
    # Imported here: the clock imports this module, and `compliance --help` no zip code.
    import zipfile
    import zlib

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


_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
# Openers count 2 and closers 0: the depth after the k-th bracket is (sum so far) - k.
_BRACKET_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


class JsonGuard:
    """A binary stream for a JSON parser that counts the bytes handed out (so an error can
    name an offset) and raises :class:`TooDeep` before the parser meets deeper nesting.

    The parser's own cost grows with the square of the depth (it names every value by
    its full path), so the depth is measured here, on the raw bytes, with C-speed
    steps: escapes are dropped, the text between quotes is set aside, and the brackets
    left are summed.
    """

    __slots__ = ("_depth", "_escaped", "_in_string", "_stream", "offset")

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.offset = 0
        self._depth = 0
        self._in_string = False
        self._escaped = False  # the last block ended inside a string with a backslash

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._measure(data)
        self.offset += len(data)
        return data

    def _measure(self, data: bytes) -> None:
        if self._escaped and data:
            data = data[1:]  # the character the backslash escaped
            self._escaped = False
        # Escapes only occur inside strings: drop escaped backslashes, then escaped
        # quotes, so that every quote left opens or closes a string.
        cleaned = data.replace(b"\\\\", b"").replace(b'\\"', b"")
        if cleaned.endswith(b"\\"):
            cleaned = cleaned[:-1]
            self._escaped = True
        pieces = cleaned.split(b'"')
        outside = pieces[1::2] if self._in_string else pieces[0::2]
        if len(pieces) % 2 == 0:
            self._in_string = not self._in_string
        steps = b"".join(outside).translate(_BRACKET_STEPS, _NOT_BRACKETS)
        if not steps:
            return
        depths = map(operator.sub, accumulate(steps, initial=self._depth), count(0))
        if max(depths) > MAX_NESTING:
            raise TooDeep(self.offset + len(data))
        self._depth += 2 * steps.count(2) - len(steps)
