"""A one-line progress display on standard error for long audits and inspects.

Shown only to a person watching a terminal (never on a pipe, never with ``--quiet``):
archives done, messages read, the rate, the bytes of the archives finished out of all
input bytes, and an estimate of the time left once one archive has finished (a reader
streams its archive and cannot say how far into it it is; finished archives give the
bytes-per-second rate that the estimate needs).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

import click


def total_bytes(paths: Iterable[str]) -> int:
    """The size of every regular file in ``paths`` (folders walked); errors count as zero."""
    total = 0
    for given in paths:
        path = Path(given)
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            try:
                if file.is_file():
                    total += file.stat().st_size
            except OSError:
                continue
    return total


def human_bytes(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} GB"


def human_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class ProgressLine:
    """Archives done, messages read, rate, bytes and time left, redrawn in place."""

    def __init__(self, input_bytes: int, verb: str = "Auditing") -> None:
        self.verb = verb
        self.input_bytes = input_bytes
        self.started = time.monotonic()
        self.messages = 0
        self.done = 0
        self.total: int | None = None
        self.bytes_done = 0.0
        self._last_draw = 0.0

    def update(self, messages: int) -> None:
        self.messages += messages
        self._show()

    def archive_done(self, done: int, total: int) -> None:
        if total:
            # Archives are of similar size on average: the share done, in bytes.
            self.bytes_done = self.input_bytes * done / total
        self.done, self.total = done, total
        self._show(force=True)

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-6)
        parts = [f"{self.verb}…"]
        if self.input_bytes and self.bytes_done:
            parts.append(_bar(self.bytes_done / self.input_bytes))
        if self.total:
            parts.append(f"{self.done}/{self.total} archives,")
        parts.append(f"{self.messages:,} messages ({self.messages / elapsed:,.0f}/s),")
        parts.append(f"{human_bytes(self.bytes_done)} of {human_bytes(self.input_bytes)}")
        if self.done and self.total and self.done < self.total and self.bytes_done:
            left = (self.input_bytes - self.bytes_done) / (self.bytes_done / elapsed)
            parts.append(f"· about {human_duration(left)} left")
        return " ".join(parts)

    def _show(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_draw < 0.1:  # redraw at most ten times a second
            return
        self._last_draw = now
        width = os.get_terminal_size(2).columns if _has_terminal() else 100
        click.echo(f"\r\033[K{self.line(now)[: width - 1]}", err=True, nl=False)

    def close(self) -> None:
        click.echo("\r\033[K", err=True, nl=False)


def _bar(share: float, width: int = 16) -> str:
    """``[######----------]``: the share of the input bytes done."""
    filled = max(0, min(width, round(share * width)))
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def _has_terminal() -> bool:
    try:
        os.get_terminal_size(2)
    except OSError:
        return False
    return True
