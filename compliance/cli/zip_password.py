"""The password of encrypted zips on the command line: a file, the environment, or a prompt.

Never an option value: a password given as an argument would stay in the shell history
and be visible to every user of the machine in the process list.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from compliance.archives import ZipPasswords
from compliance.errors import InputError

PASSWORD_ENV = "COMPLIANCE_ZIP_PASSWORD"
HOW_TO_GIVE = (
    "give its password with --password-file FILE (the file's first line) "
    f"or the {PASSWORD_ENV} environment variable"
)
_NO_TERMINAL = " (standard input is no terminal to ask on)"

F = TypeVar("F", bound=Callable[..., Any])


def password_file_option(command: F) -> F:
    """The ``--password-file`` option of the commands that read chat exports."""
    return click.option(
        "--password-file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="File whose first line is the password of encrypted zips (Threema's exports). "
        f"Else ${PASSWORD_ENV} is used; else it is asked for once on a terminal.",
    )(command)


def stdin_is_terminal() -> bool:
    """Whether a person can answer a prompt (tests replace this)."""
    return sys.stdin.isatty()


def zip_passwords(password_file: Path | None) -> ZipPasswords:
    """Where this run's encrypted zips get their password: file, environment, or prompt."""
    if password_file is not None:
        return ZipPasswords(_first_line(password_file), how_to_give=HOW_TO_GIVE)
    from_environment = os.environ.get(PASSWORD_ENV)
    if from_environment:
        return ZipPasswords(from_environment, how_to_give=HOW_TO_GIVE)
    if stdin_is_terminal():
        return ZipPasswords(ask=_ask, how_to_give=HOW_TO_GIVE)
    return ZipPasswords(how_to_give=HOW_TO_GIVE + _NO_TERMINAL)


def _ask(zip_path: str) -> str:
    answer: str = click.prompt(
        f"Password for {zip_path} (used for every encrypted zip of this run)",
        hide_input=True,
        err=True,  # standard output stays for the result
    )
    return answer


def _first_line(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.single(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # No detail from the exception: it would quote the password's bytes.
        raise InputError.single(path, "the password file is not UTF-8 text") from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise InputError.single(path, "the first line is empty; it must hold the password")
    return lines[0]
