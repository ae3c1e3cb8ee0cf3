"""The ``compliance`` command line: a thin shell over the library.

Commands live in one module per group and are listed explicitly in ``COMMANDS``, by
name; a command's module is imported only when that command runs (or ``--help`` lists
them all), so ``compliance inspect`` does not pay for the audit engine or the document
renderers.

Library errors (:class:`compliance.errors.ComplianceError`) become one clear line per
problem on stderr and the error's exit code; unexpected errors never print a
traceback, because a traceback can carry client data.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import os
import signal
import sys
from typing import Any

import click

from compliance import __version__
from compliance.errors import ComplianceError, ExitCode, InputError

# Every command: its name and where it is defined ("module:attribute").
COMMANDS: dict[str, str] = {
    "init": "compliance.cli.documents:init_command",
    "consent": "compliance.cli.documents:consent_command",
    "onboard": "compliance.cli.documents:onboard_command",
    "agreement": "compliance.cli.agreement:agreement_command",
    "messengers": "compliance.cli.messengers:messengers_command",
    "checklist": "compliance.cli.checklists:checklist_command",
    "inspect": "compliance.cli.archives:inspect_command",
    "scan": "compliance.cli.scan:scan_command",
    "audit": "compliance.cli.audit:audit_command",
    "record": "compliance.cli.records:record_command",
    "notice": "compliance.cli.records:notice_command",
    "retention": "compliance.cli.records:retention_command",
    "measures": "compliance.cli.records:measures_command",
}

INTERNAL_ERROR_EXIT = 70  # EX_SOFTWARE from sysexits.h
BROKEN_PIPE_EXIT = 141  # what a shell reports for a tool ended by SIGPIPE (128 + 13)
# Output faults (disk full, quota, file too large, device error): bad environment, not a bug.
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS})


class ComplianceGroup(click.Group):
    """A group that turns our exceptions into messages and exit codes.

    Its commands are the ones in ``COMMANDS``, each imported on first use.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(load_command(cmd_name), cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as exc:
            # click suggests only from the commands loaded so far: suggest from all of them.
            raise click.exceptions.NoSuchCommand(
                exc.command_name, possibilities=self.list_commands(ctx), ctx=ctx
            ) from None

    def invoke(self, ctx: click.Context) -> Any:
        if os.environ.get("NO_COLOR"):
            ctx.color = False  # https://no-color.org: click strips its styles then
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # here, where a failed write can still be handled
        except BrokenPipeError:
            # The reader of our output went away (`| head`): stop quietly, as Unix tools do.
            _silence_stdout()
            ctx.exit(BROKEN_PIPE_EXIT)
        except OSError as exc:
            if exc.errno not in WRITE_ERRNOS:
                return _internal_error(ctx, exc)
            with contextlib.suppress(OSError):  # standard error itself may be what failed
                click.echo(f"Error: cannot write the output: {exc.strerror or exc}", err=True)
            _silence_stdout()
            ctx.exit(int(ExitCode.BAD_INPUT))
        except ComplianceError as exc:
            report_error(exc)
            ctx.exit(int(exc.exit_code))
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except Exception as exc:  # last line of defence, see module docstring
            return _internal_error(ctx, exc)


def _internal_error(ctx: click.Context, exc: Exception) -> None:
    if os.environ.get("COMPLIANCE_DEBUG"):
        raise exc
    click.echo(
        f"Internal error ({type(exc).__name__}). This is a bug in compliance; "
        "run again with COMPLIANCE_DEBUG=1 to see the details.",
        err=True,
    )
    ctx.exit(INTERNAL_ERROR_EXIT)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # no real file behind stdout (a test runner's buffer)


def load_command(name: str) -> click.Command:
    """Import the command registered as ``name`` in ``COMMANDS``."""
    module_name, attribute = COMMANDS[name].split(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command) or command.name != name:
        raise TypeError(f"COMMANDS[{name!r}] does not name the {name!r} command")
    return command


def report_error(exc: ComplianceError) -> None:
    """Print one line per problem; input problems already name file, line and field."""
    if isinstance(exc, InputError):
        for problem in exc.problems:
            click.echo(str(problem), err=True)
    else:
        for line in str(exc).splitlines() or [type(exc).__name__]:
            click.echo(f"Error: {line}", err=True)


@click.group(
    cls=ComplianceGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="compliance")
def cli() -> None:
    """Privacy compliance for practitioners who talk with clients over messengers.

    Writes the onboarding paperwork (consent forms) from one practice profile, and
    audits exported chats for what should not be kept there. Works fully offline:
    nothing is ever sent over the network.

    \b
    Example:
      compliance init practice.yaml
      compliance onboard practice.yaml -o out/
      compliance audit exports/ --profile practice.yaml --format html -o audit.html
    """


def main() -> None:
    """Console-script entry point (also used by ``python -m compliance``)."""
    # A closed standard output or error (`>&-`) leaves None here: write to nothing instead
    # of failing on every message (the exit code still tells what happened).
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    install_signal_handlers()
    cli.main(prog_name="compliance")


def install_signal_handlers() -> None:
    """TERM and HUP end the run as Ctrl-C does: as an exception, so that a report being
    written removes its part file (Python's default for them ends the process at once)."""
    for number in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if number is not None:
            signal.signal(number, _terminate)


def _terminate(number: int, frame: object) -> None:
    signal.signal(number, signal.SIG_DFL)  # a second signal ends the process at once
    raise SystemExit(128 + number)
