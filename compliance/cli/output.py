"""Where a command's result and its chatter go: files, ``-o -``, colour and ``--quiet``.

Unix habits: ``-o -`` means standard output; a binary format is never written to a
terminal; ``NO_COLOR`` (any non-empty value) or a stream that is not a terminal turns colour
off; ``--quiet`` silences the summary and progress lines on standard error, never errors.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from compliance.errors import UsageError
from compliance.fsio import refuse_existing_files

STDOUT = Path("-")

F = TypeVar("F", bound=Callable[..., Any])


def quiet_option(function: F) -> F:
    """The ``--quiet`` / ``-q`` option of every command that talks on standard error."""
    return click.option(
        "--quiet",
        "-q",
        is_flag=True,
        help="No summary or progress on standard error (errors and warnings still show).",
    )(function)


def force_option(function: F) -> F:
    """The ``--force`` option of a command that writes one output file."""
    return click.option(
        "--force", is_flag=True, help="Overwrite the output file if it exists (never without)."
    )(function)


def refuse_existing(path: Path | None, force: bool) -> None:
    """An existing output file is never replaced without ``--force`` (exit 2, nothing written)."""
    if path is not None and path != STDOUT:
        refuse_existing_files([path], force)


def no_color() -> bool:
    """Whether the user asked for no colour (https://no-color.org)."""
    return bool(os.environ.get("NO_COLOR"))


def color_for(stream: Any) -> bool:
    """Colour only for a person watching a terminal, and only without ``NO_COLOR``."""
    isatty = getattr(stream, "isatty", None)
    return not no_color() and bool(isatty and isatty())


def is_stdout(path: Path | None) -> bool:
    """True for no ``-o`` at all and for ``-o -``."""
    return path is None or path == STDOUT


def refuse_binary_to_terminal(path: Path | None, binary: bool, what: str) -> None:
    """A binary format goes to a file or a pipe, never to a terminal (nor without ``-o``)."""
    if not binary:
        return
    if path is None:
        raise UsageError(f"a {what} needs an output file: add -o FILE (or -o - into a pipe)")
    if path == STDOUT and sys.stdout.isatty():
        raise UsageError(
            f"a {what} is not written to a terminal; redirect it (-o - > file) or give -o FILE"
        )


def write_stdout(chunks: Iterable[bytes]) -> None:
    """Write ``chunks`` to standard output as bytes (a closed pipe is handled by the caller)."""
    stream = sys.stdout.buffer
    for chunk in chunks:
        stream.write(chunk)
    stream.flush()


def note(message: str, **style: Any) -> None:
    """A line on standard error that never stops the work when it cannot be written
    (standard error is a full disk or a closed pipe): notes only describe the work."""
    with contextlib.suppress(OSError):
        click.secho(message, err=True, **style)


def say(message: str, quiet: bool) -> None:
    """A summary or note line on standard error, unless ``--quiet``.

    A line that cannot be written is dropped (see :func:`note`).
    """
    if not quiet:
        note(message)
