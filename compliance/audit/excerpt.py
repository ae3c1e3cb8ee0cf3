"""Masked excerpts: a short window of a message in which every sensitive value is masked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def masked(self) -> str: ...


EXCERPT_CONTEXT = 40
EXCERPT_LIMIT = 160


def _flat(text: str) -> str:
    return " ".join(text.split())


def masked_excerpt(
    text: str,
    spans: Sequence[Span],
    *,
    focus: Span | None = None,
    show_values: bool = False,
    context: int = EXCERPT_CONTEXT,
) -> str:
    """The text around ``focus`` (or the start), with every span masked unless values are shown.

    A span cut by the window's edge widens the window, so that a value is never shown
    half-masked.
    """
    if focus is not None:
        start, end = max(0, focus.start - context), min(len(text), focus.end + context)
    else:
        start, end = 0, min(len(text), EXCERPT_LIMIT)
    for span in spans:
        if span.start < end and span.end > start:
            start, end = min(start, span.start), max(end, span.end)
    pieces: list[str] = []
    cursor = start
    for span in sorted(spans, key=lambda s: s.start):
        if span.end <= start or span.start >= end or span.start < cursor:
            continue
        pieces.append(text[cursor : span.start])
        pieces.append(text[span.start : span.end] if show_values else span.masked)
        cursor = span.end
    pieces.append(text[cursor:end])
    body = _flat("".join(pieces))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return f"{prefix}{body}{suffix}"
