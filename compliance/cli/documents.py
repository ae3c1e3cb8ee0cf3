"""Commands that write documents: init, consent, onboard."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
