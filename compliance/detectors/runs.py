"""Split a number-like candidate into its typed groups and enumerate contiguous sub-runs.

A scan pass finds "0171 2345678 36574261809" as one candidate; the detectors decide
which contiguous groups form a phone number, a tax ID or nothing at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_GROUP = re.compile(r"[0-9A-Za-z]+")


@dataclass(frozen=True, slots=True)
class Run:
    """Contiguous groups of a candidate: offsets inside the candidate and the compact value."""

    start: int
    end: int
    value: str


def groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of every alphanumeric group in ``text``."""
    return [m.span() for m in _GROUP.finditer(text)]


def sub_runs(text: str, min_len: int, max_len: int) -> Iterator[Run]:
    """Contiguous group ranges whose compact length is within bounds, longest first per start.

    Lazy: a detector that accepts the first (longest) run never pays for the others.
    """
    spans = groups(text)
    for first in range(len(spans)):
        # The runs from ``first`` within the bounds end at lasts[0] .. lasts[-1].
        lasts: list[int] = []
        length = 0
        for last in range(first, len(spans)):
            length += spans[last][1] - spans[last][0]
            if length > max_len:
                break
            if length >= min_len:
                lasts.append(last)
        for last in reversed(lasts):
            start, end = spans[first][0], spans[last][1]
            yield Run(start, end, "".join(filter(str.isalnum, text[start:end])))
