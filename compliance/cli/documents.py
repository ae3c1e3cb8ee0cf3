"""Commands that write documents: init, consent, onboard."""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

import click

from compliance.cli.output import quiet_option, say
from compliance.fsio import refuse_existing_files, write_text_atomic
from compliance.render import OutputFormat

if TYPE_CHECKING:
    from compliance.documents.onboarding import DocumentKind
    from compliance.profile import PracticeProfile

# The profile models, the document builders and the catalogue are imported by the commands
# that use them: every other command (and `compliance --help`) starts faster without them.

LANGUAGES = click.Choice(["de", "en"])


def _formats(value: str) -> list[OutputFormat]:
    chosen: list[OutputFormat] = []
    for part in value.split(","):
        part = part.strip().lower()
        if not part:
            continue
        try:
            fmt = OutputFormat(part)
        except ValueError:
            raise click.BadParameter(
                f"'{part}' is not a format; choose from pdf, docx (e.g. --format pdf,docx)",
                param_hint="--format",
            ) from None
        if fmt not in chosen:
            chosen.append(fmt)
    if not chosen:
        raise click.BadParameter("name at least one format", param_hint="--format")
    return chosen


def _write(
    profile: PracticeProfile,
    kinds: tuple[DocumentKind, ...],
    languages: list[str],
    formats: list[OutputFormat],
    out_dir: Path,
    client: str | None,
    minor: bool,
    force: bool,
    quiet: bool = False,
) -> None:
    from compliance.documents.onboarding import write_documents
    from compliance.documents.warnings import discouraged_messenger_warnings

    client = " ".join(client.split()) if client else None  # stray spaces are no new client
    if client and OutputFormat.PDF in formats:
        from compliance.render.fonts import require_printable

        require_printable(client, "--client")
    for warning in discouraged_messenger_warnings(profile):
        click.echo(warning, err=True)
    count = 0
    for path in write_documents(
        profile, kinds, languages, formats, out_dir, client=client, minor=minor, force=force
    ):
        click.echo(str(path))
        count += 1
    say(f"{count} file(s) written to {out_dir}", quiet)


def stdin_is_terminal() -> bool:
    """Whether a person can answer questions (tests replace this)."""
    return sys.stdin.isatty()


profile_argument = click.argument("profile", type=click.Path(path_type=Path, dir_okay=False))
client_option = click.option(
    "--client", metavar="NAME", help="Client's name to print on the form (blank line if omitted)."
)
minor_option = click.option(
    "--minor/--adult",
    default=None,
    help="Add the guardians' signature lines and the note on capacity to consent "
    "(default: the profile's 'minors' setting).",
)
format_option = click.option(
    "--format",
    "formats",
    default="pdf,docx",
    show_default=True,
    metavar="pdf,docx",
    help="Output formats, separated by commas.",
)
out_option = click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Folder to write into (created if missing).",
)
force_option = click.option(
    "--force", is_flag=True, help="Overwrite files that exist (never done without it)."
)


@click.command("consent")
@profile_argument
@client_option
@click.option(
    "--lang", "language", type=LANGUAGES, help="Language (default: the profile's languages)."
)
@minor_option
@click.option(
    "--sources",
    is_flag=True,
    help="Also write the practice's sources annex: where each fact on the form comes from, "
    "when it was checked and how certain it is (not for clients).",
)
@format_option
@out_option
@force_option
@quiet_option
def consent_command(
    profile: Path,
    client: str | None,
    language: str | None,
    minor: bool | None,
    sources: bool,
    formats: str,
    out_dir: Path,
    force: bool,
    quiet: bool,
) -> None:
    """Write the client's consent form for messenger communication (PDF and DOCX).

    The form names the controller, the messenger and its provider, the risks, the
    legal basis (Art. 6(1)(a) and 9(2)(a) GDPR, and the release from confidentiality
    where a secrecy duty such as § 203 StGB applies), withdrawal, retention, every
    Art. 13 item, the emergency numbers, and tick boxes and signature lines.

    \b
    Example:
      compliance consent practice.yaml --client "Şükrü Yılmaz" --lang de -o out/
      compliance consent practice.yaml --sources --format pdf -o out/
    """
    from compliance.documents.onboarding import CONSENT, SOURCES
    from compliance.profile import load_profile

    loaded = load_profile(profile)
    languages = [language] if language else [str(lang) for lang in loaded.languages]
    chosen_minor = loaded.minors if minor is None else minor
    kinds = (CONSENT, SOURCES) if sources else (CONSENT,)
    _write(
        loaded, kinds, languages, _formats(formats), out_dir, client, chosen_minor, force, quiet
    )


@click.command("onboard")
@profile_argument
@client_option
@minor_option
@format_option
@out_option
@force_option
@quiet_option
def onboard_command(
    profile: Path,
    client: str | None,
    minor: bool | None,
    formats: str,
    out_dir: Path,
    force: bool,
    quiet: bool,
) -> None:
    """Write every onboarding document for a new client, in each of the profile's languages.

    The consent form for messenger communication, the messenger-use agreement and the
    privacy notice.

    \b
    Example:
      compliance onboard examples/practice.yaml -o out/
      compliance onboard practice.yaml --client "Łukasz Wójcik" --format pdf -o out/
    """
    from compliance.documents.onboarding import ONBOARDING_KINDS
    from compliance.profile import load_profile

    loaded = load_profile(profile)
    languages = [str(lang) for lang in loaded.languages]
    chosen_minor = loaded.minors if minor is None else minor
    _write(
        loaded,
        ONBOARDING_KINDS,
        languages,
        _formats(formats),
        out_dir,
        client,
        chosen_minor,
        force,
        quiet,
    )


@click.command("init")
@click.argument(
    "path", type=click.Path(path_type=Path, dir_okay=False), default=Path("practice.yaml")
)
@click.option(
    "--lang",
    "language",
    type=LANGUAGES,
    default="de",
    show_default=True,
    help="Language of the questions and of the comments in the file.",
)
@click.option(
    "--yes", "-y", "accept_defaults", is_flag=True, help="Take every default without asking."
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init_command(path: Path, language: str, accept_defaults: bool, force: bool) -> None:
    """Write a commented practice profile to start from.

    In a terminal it asks a few questions (press Enter to keep the default shown);
    with --yes, or when input is not a terminal, it takes every default. It never
    overwrites an existing file unless --force is given.

    \b
    Example:
      compliance init practice.yaml --lang de
      compliance init practice.yaml --yes --force
    """
    refuse_existing_files([path], force)
    from compliance.profile import Profession
    from compliance.profile_init import (
        QUESTIONS,
        ProfileAnswers,
        check_profile_text,
        render_profile,
    )

    answers = ProfileAnswers()
    if not accept_defaults and stdin_is_terminal():
        questions = QUESTIONS[language]
        for field in fields(answers):
            prompt = questions[field.name]
            if field.name == "profession":
                prompt += f" ({', '.join(p.value for p in Profession)})"
            if field.name == "messengers":
                from compliance import catalog

                prompt += f" ({', '.join(sorted(catalog.messengers()))})"
            value = click.prompt(prompt, default=getattr(answers, field.name), show_default=True)
            setattr(answers, field.name, value)
    text = render_profile(answers, language, path.name)
    check_profile_text(text, path)  # the answers must make a valid profile before we write it
    write_text_atomic(path, text, mode=0o644)
    click.echo(f"Wrote {path}. Edit it, then run: compliance onboard {path} -o out/", err=True)
