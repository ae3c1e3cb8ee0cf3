"""The ``compliance`` command line: a thin shell over the library.

Commands live in one module per group and are listed explicitly in ``COMMANDS``.
Library errors (:class:`compliance.errors.ComplianceError`) become one clear line per
problem on stderr and the error's exit code; unexpected errors never print a
traceback, because a traceback can carry client data.
"""

from __future__ import annotations

import os
from typing import Any

import click

from compliance import __version__
from compliance.cli import archives, audit, documents, scan
from compliance.errors import ComplianceError, InputError

COMMANDS: list[click.Command] = [
    *documents.COMMANDS,
    *archives.COMMANDS,
    *scan.COMMANDS,
    *audit.COMMANDS,
]

INTERNAL_ERROR_EXIT = 70  # EX_SOFTWARE from sysexits.h


class ComplianceGroup(click.Group):
    """A group that turns our exceptions into messages and exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ComplianceError as exc:
            report_error(exc)
            ctx.exit(int(exc.exit_code))
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except Exception as exc:  # last line of defence, see module docstring
            if os.environ.get("COMPLIANCE_DEBUG"):
                raise
            click.echo(
                f"Internal error ({type(exc).__name__}). This is a bug in compliance; "
                "run again with COMPLIANCE_DEBUG=1 to see the details.",
                err=True,
            )
            ctx.exit(INTERNAL_ERROR_EXIT)


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
@click.version_option(__version__, prog_name="compliance")
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


for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point (also used by ``python -m compliance``)."""
    cli.main(prog_name="compliance")
