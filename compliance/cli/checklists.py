"""The ``checklist`` commands: list, show and run the checklists in checklists/checklists/."""

from __future__ import annotations

from pathlib import Path

import click

from compliance.errors import UsageError
from compliance.fsio import refuse_existing_files

LANG = click.option(
    "--lang",
    "language",
    type=click.Choice(["de", "en"]),
    default="en",
    show_default=True,
    help="Language of the questions and the report.",
)


@click.group("checklist")
def checklist_command() -> None:
    """Checklists: choosing a messenger, the DSK 2019 requirements, onboarding, device security.

    \b
    Example:
      compliance checklist list
      compliance checklist show dsk-2019 --lang de
      compliance checklist run messenger-selection --answers examples/answers.yaml
    """


@checklist_command.command("list")
@LANG
def list_command(language: str) -> None:
    """List the checklists with their number of items and must-items.

    \b
    Example:
      compliance checklist list --lang de
    """
    from compliance.checklist.model import load, names

    for name in names():
        checklist, _ = load(name)
        must = sum(item.must for item in checklist.items)
        click.echo(
            f"{name:<22} {checklist.title.in_(language)} "
            f"({len(checklist.items)} items, {must} must)"
        )


@checklist_command.command("show")
@click.argument("name")
@LANG
def show_command(name: str, language: str) -> None:
    """Show a checklist's questions, which are must-items and which the profile answers.

    \b
    Example:
      compliance checklist show device-security --lang de
    """
    from compliance.checklist.model import load
    from compliance.checklist.output import show_lines

    checklist, _ = load(name)
    click.echo("\n".join(show_lines(checklist, language)))


def stdin_is_terminal() -> bool:
    """Whether a person can answer questions (tests replace this)."""
    import sys

    return sys.stdin.isatty()


@checklist_command.command("run")
@click.argument("name")
@click.option(
    "--answers",
    "answers_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="YAML file with 'answers: {item: yes|no|na}' (optionally 'profile'); asks nothing.",
)
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Practice profile: answers it can give are filled in and marked as derived.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "pdf"]), default="text", show_default=True
)
@LANG
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file (required for pdf).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.pass_context
def run_command(
    ctx: click.Context,
    name: str,
    answers_path: Path | None,
    profile_path: Path | None,
    fmt: str,
    language: str,
    output: Path | None,
    force: bool,
) -> None:
    """Run a checklist: asks each question in a terminal, or reads --answers FILE.

    Prints the score and the open points; exits 1 when a must-item is open.

    \b
    Example:
      compliance checklist run messenger-selection --answers examples/answers.yaml
      compliance checklist run device-security --profile practice.yaml --lang de
    """
    from compliance.checklist.model import Item, load
    from compliance.checklist.output import RunFormat, render
    from compliance.checklist.run import Answer, load_answers, parse_answer, run
    from compliance.fsio import write_atomic
    from compliance.profile import load_profile

    checklist, sha256 = load(name)
    output_format = RunFormat(fmt)
    if output_format is RunFormat.PDF and output is None:
        raise UsageError("--format pdf needs -o FILE")
    if output is not None:
        refuse_existing_files([output], force)
    given: dict[str, Answer] = {}
    if answers_path is not None:
        answers = load_answers(answers_path, checklist)
        given = answers.answers
        profile_path = profile_path or answers.profile
    elif not stdin_is_terminal():
        raise UsageError("no terminal to ask in: give the answers with --answers FILE")
    profile = load_profile(profile_path) if profile_path else None

    def ask(item: Item) -> Answer:
        while True:
            reply = click.prompt(
                item.question.in_(language) + (" [must]" if item.must else ""),
                type=str,
                default="",
                show_default=False,
                prompt_suffix=" (yes/no/na) ",
            )
            answer = parse_answer(reply)
            if answer is not None:
                return answer
            click.echo("Please answer yes, no or na.", err=True)

    result = run(checklist, sha256, given, profile, ask=None if answers_path else ask)
    data = render(result, output_format, language)
    if output is None:
        click.echo(data.decode(), nl=False)
    else:
        write_atomic(output, data, mode=0o600)
        click.echo(f"Wrote {output}", err=True)
    ctx.exit(int(result.exit_code))
