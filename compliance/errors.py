"""Our own exceptions and the process exit codes; the library never imports click."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Exit codes of every ``compliance`` command (documented in the README)."""

    OK = 0
    FINDINGS = 1  # a report found something at or above the chosen threshold
    USAGE = 2  # wrong options or arguments (click's own code for usage errors)
    BAD_INPUT = 3  # an input file could not be read or is invalid


class ComplianceError(Exception):
    """Base of all errors the CLI turns into a clear one-line message."""

    exit_code: ExitCode = ExitCode.BAD_INPUT


class InputProblem:
    """One problem in an input file, shown as ``file:line: field.path: message``."""

    __slots__ = ("field", "line", "message", "path")

    def __init__(self, path: Path | str, line: int | None, field: str | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line is not None else self.path
        if self.field:
            return f"{place}: {self.field}: {self.message}"
        return f"{place}: {self.message}"

    def __repr__(self) -> str:
        return f"InputProblem({self!s})"


class InputError(ComplianceError):
    """An input file is malformed or invalid; carries one problem per line of output."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type[InputError], tuple[list[InputProblem]]]:
        # Rebuilt from its problems (a forked reader sends its errors to the parent).
        return (type(self), (self.problems,))

    @classmethod
    def single(
        cls, path: Path | str, message: str, line: int | None = None, field: str | None = None
    ) -> InputError:
        return cls([InputProblem(path, line, field, message)])


class UsageError(ComplianceError):
    """The user asked for something that cannot be done as asked."""

    exit_code = ExitCode.USAGE


class OutputError(ComplianceError):
    """An output could not be written (permissions, disk full, existing file)."""

    exit_code = ExitCode.BAD_INPUT
