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
    """Contiguous group ranges whose compact length is within bounds, longest first per start."""
    spans = groups(text)
    for first in range(len(spans)):
        found: list[Run] = []
        length = 0
        for last in range(first, len(spans)):
            length += spans[last][1] - spans[last][0]
            if length > max_len:
                break
            if length >= min_len:
                start, end = spans[first][0], spans[last][1]
                value = "".join(c for c in text[start:end] if c.isalnum())
                found.append(Run(start, end, value))
        yield from reversed(found)
