"""The reader's edge for JSON exports: every field read as the type the model needs.

A JSON export is untrusted: a number stands where a list is expected, a list where a
string is. Readers take each field through one of these adapters, so that messages,
rules and reports only ever see well-typed values (a wrong type reads as missing).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any


def text(value: Any) -> str | None:
    """A string field; a number is written as text, anything else is missing."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def mapping(value: Any) -> dict[str, Any]:
    """An object field; anything else reads as an empty object."""
    return value if isinstance(value, dict) else {}


def items(value: Any) -> list[Any]:
    """An array field; anything else reads as an empty array."""
    return value if isinstance(value, list) else []


def count(value: Any) -> int | None:
    """A non-negative whole number (a size); anything else is missing."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 2**63:
        return int(value)
    return None


def number(value: Any) -> float | None:
    """A finite number, or a string holding one (epoch times); anything else is missing.
    Whether it is in range is for the caller (:func:`~compliance.archives.clock.from_epoch`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, int):
        value = float(value) if abs(value) < 2**1000 else math.inf
    if isinstance(value, float) and math.isfinite(value):
        return value
    return None


def is_file(path: Path) -> bool:
    """Whether an export's file reference names a file; a NUL byte or an over-long name is no
    file (``Path.is_file`` raises ValueError for the first)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
