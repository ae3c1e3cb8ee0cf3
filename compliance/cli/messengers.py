"""The ``messengers`` commands: list, show one messenger's facts, compare them all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from compliance.errors import UsageError
from compliance.fsio import refuse_existing_files


@click.group("messengers")
def messengers_command() -> None:
    """The messenger catalogue: list, show one messenger's facts, compare them all.

    \b
    Example:
      compliance messengers list
      compliance messengers show threema
      compliance messengers compare --weights privacy=5,spread=1
    """


def _messenger(key: str) -> None:
    from compliance import catalog

    known = catalog.messengers()
    if key not in known:
        raise UsageError(f"unknown messenger '{key}'; valid: {', '.join(sorted(known))}")


@messengers_command.command("list")
def list_command() -> None:
    """List the messengers in the catalogue with their key and status.

    \b
    Example:
      compliance messengers list
    """
    from compliance import catalog

    for key, messenger in catalog.messengers().items():
        click.echo(f"{key:<20} {messenger.name:<22} {messenger.status.value}")


@messengers_command.command("show")
@click.argument("key")
@click.option(
    "--lang", "language", type=click.Choice(["de", "en"]), default="en", show_default=True
)
def show_command(key: str, language: str) -> None:
    """Show one messenger's facts with their source, date and confidence.

    \b
    Example:
      compliance messengers show signal --lang de
    """
    from compliance import catalog
    from compliance.catalog import LocalizedText
    from compliance.messengers import rules

    _messenger(key)
    messenger = catalog.messengers()[key]
    click.echo(f"{messenger.name} ({key}), status: {messenger.status.value}")
    facts = {name: getattr(messenger.facts, name) for name in catalog.MessengerFacts.model_fields}
    facts.update(rules.assessment().get(key, {}))
    for name, fact in facts.items():
        value = fact.value
        shown = value.in_(language) if isinstance(value, LocalizedText) else value
        click.echo(f"\n{name}: {shown}")
        click.echo(f"  confidence: {fact.confidence.value}, checked on {fact.checked_on}")
        click.echo(f"  source: {fact.source or '-'}")
        if fact.note:
            click.echo(f"  note: {fact.note.in_(language)}")


@messengers_command.command("compare")
@click.option(
    "--weights",
    metavar="spread=3,cost=1,usability=2,privacy=4",
    help="Weights of the four criteria (any subset; the rest keep their defaults).",
)
@click.option(
    "--for",
    "profile",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A practice profile: its country's survey, its chamber's position, its messengers marked.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json", "pdf"]),
    default="text",
    show_default=True,
)
@click.option(
    "--lang", "language", type=click.Choice(["de", "en"]), default="en", show_default=True
)
@click.option(
    "--country",
    type=click.Choice(["DE", "AT", "CH"]),
    help="Survey country without --for (default DE).",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date facts are judged old against (default: today).",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (required for pdf).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def compare_command(
    weights: str | None,
    profile: Path | None,
    fmt: str,
    language: str,
    country: str | None,
    as_of: object,
    output: Path | None,
    force: bool,
) -> None:
    """Score and rank every messenger on spread, cost, usability and data protection.

    Data protection is broken down into the requirements of the German DSK's 2019
    messenger paper. Every score is explained from the catalogue's facts, with the
    facts that are unverified or old. The rules are data:
    compliance/checklists/messenger_scoring.yaml.

    \b
    Example:
      compliance messengers compare --weights privacy=5,spread=1
      compliance messengers compare --for practice.yaml --format pdf -o compare.pdf
    """
    from compliance.fsio import write_atomic
    from compliance.messengers.compare import compare, parse_weights
    from compliance.messengers.output import CompareFormat, Context, render
    from compliance.messengers.rules import chamber_for
    from compliance.profile import Country, load_profile

    chosen = parse_weights(weights)
    context = Context()
    chosen_country = Country(country) if country else Country.DE
    if profile is not None:
        loaded = load_profile(profile)
        chosen_country = loaded.jurisdiction.country
        name = loaded.practitioner.chamber
        context = Context(chamber_for(name), name or "", tuple(loaded.messaging.messengers))
    day: date = as_of.date() if hasattr(as_of, "date") else date.today()
    output_format = CompareFormat(fmt)
    if output_format is CompareFormat.PDF and output is None:
        raise UsageError("--format pdf needs -o FILE")
    data = render(compare(chosen, chosen_country, day), context, output_format, language)
    if output is None:
        click.echo(data.decode(), nl=False)
        return
    refuse_existing_files([output], force)
    write_atomic(output, data, mode=0o600)
    click.echo(f"Wrote {output}", err=True)
