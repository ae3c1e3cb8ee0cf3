"""Every command documents itself: a description and an example in ``--help``."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from compliance.cli import cli


def _all_commands() -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = [("compliance", cli)]
    context = click.Context(cli)
    for name in cli.list_commands(context):
        command = cli.get_command(context, name)
        assert command is not None, name
        found.append((name, command))
        if isinstance(command, click.Group):
            found.extend((f"{name} {sub}", c) for sub, c in command.commands.items())
    return found


@pytest.mark.parametrize(("name", "command"), _all_commands(), ids=lambda v: str(v))
def test_every_command_has_description_and_example(name: str, command: click.Command) -> None:
    args = [*([] if name == "compliance" else name.split()), "--help"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert command.help and len(command.help.strip()) > 20, f"{name} has no description"
    assert "Example" in result.output, f"{name} --help shows no example"


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "compliance" in result.output
