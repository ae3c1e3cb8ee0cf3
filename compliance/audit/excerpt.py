"""Masked excerpts: a short window of a message in which every sensitive value is masked.

Two layers: the detectors' findings are masked by their own masks, and, as a safety net
for what no detector claimed (an identifier in a notation the patterns miss), every run
of four or more digits and every e-mail-like token in the rest of the window is masked
too. A message with many findings is prepared once (:class:`MessageExcerpts`), so that
its excerpts cost time in proportion to the window, not to the message.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Protocol

from compliance.redact import safety_mask


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def masked(self) -> str: ...


EXCERPT_CONTEXT = 40
EXCERPT_LIMIT = 160
# How far a window edge moves out to the end of a token it would cut.
_TOKEN_REACH = 40


def _flat(text: str) -> str:
    return " ".join(text.split())


class MessageExcerpts:
    """The excerpts of one message around each of its findings."""

    __slots__ = ("_ends", "_spans", "_starts", "show_values", "text")

    def __init__(self, text: str, spans: Sequence[Span], *, show_values: bool = False) -> None:
        self.text = text
        self.show_values = show_values
        kept: list[Span] = []
        if len(spans) == 1:
            kept.append(spans[0])  # most messages with a finding: nothing to order
        else:
            ordered = sorted(spans, key=lambda span: (span.start, span.end))
            # Overlapping spans (never made by the scanner) keep the first of each overlap.
            for span in ordered:
                if not kept or span.start >= kept[-1].end:
                    kept.append(span)
        self._spans = kept
        self._starts = [span.start for span in kept]
        self._ends = [span.end for span in kept]

    def around(self, focus: Span | None = None, context: int = EXCERPT_CONTEXT) -> str:
        """The text around ``focus`` (or the start), every value in it masked unless
        values are shown. A value or token cut by the window's edge widens the window,
        so that nothing is ever shown half-masked."""
        text = self.text
        if focus is not None:
            start, end = max(0, focus.start - context), min(len(text), focus.end + context)
        else:
            start, end = 0, min(len(text), EXCERPT_LIMIT)
        start, end = self._whole_tokens(start, end)
        first = bisect_right(self._ends, start)
        last = bisect_left(self._starts, end)
        if first < last:
            start = min(start, self._starts[first])
            end = max(end, self._ends[last - 1])
        pieces: list[str] = []
        cursor = start
        for span in self._spans[first:last]:
            pieces.append(self._plain(text[cursor : span.start]))
            pieces.append(text[span.start : span.end] if self.show_values else span.masked)
            cursor = span.end
        pieces.append(self._plain(text[cursor:end]))
        body = _flat("".join(pieces))
        prefix = "…" if start > 0 else ""
        suffix = "…" if end < len(text) else ""
        return f"{prefix}{body}{suffix}"

    def _plain(self, piece: str) -> str:
        return piece if self.show_values else safety_mask(piece)

    def _whole_tokens(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        floor = max(0, start - _TOKEN_REACH)
        while start > floor and not text[start - 1].isspace():
            start -= 1
        ceiling = min(len(text), end + _TOKEN_REACH)
        while end < ceiling and not text[end].isspace():
            end += 1
        return start, end


def masked_excerpt(
    text: str,
    spans: Sequence[Span],
    *,
    focus: Span | None = None,
    show_values: bool = False,
    context: int = EXCERPT_CONTEXT,
) -> str:
    """The text around ``focus`` (or the start), with every span masked unless values are
    shown (see :class:`MessageExcerpts`, which serves many excerpts of one message)."""
    return MessageExcerpts(text, spans, show_values=show_values).around(focus, context)
