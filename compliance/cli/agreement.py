"""The ``agreement`` command: the messenger-use agreement, the texts to paste, the calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from compliance.cli.documents import (
    LANGUAGES,
    _formats,
    client_option,
    force_option,
    format_option,
    minor_option,
    out_option,
    profile_argument,
)
from compliance.cli.output import quiet_option, say
from compliance.render import OutputFormat


@click.command("agreement")
@profile_argument
@client_option
@click.option(
    "--lang", "language", type=LANGUAGES, help="Language (default: the profile's languages)."
)
@minor_option
@format_option
@out_option
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="First day of the twelve months whose public holidays are listed (default: today).",
)
@force_option
@quiet_option
def agreement_command(
    profile: Path,
    client: str | None,
    language: str | None,
    minor: bool | None,
    formats: str,
    out_dir: Path,
    as_of: object,
    force: bool,
    quiet: bool,
) -> None:
    """Write the messenger-use agreement, the texts to paste and a calendar file.

    The agreement (PDF and DOCX) sets the rules of everyday use: the weekly hours,
    the public holidays of the next twelve months, vacations, the response time,
    read receipts and online status, what may be sent, that the messenger is no
    emergency channel, the chosen messenger's own risks, both sides' device duties,
    the end of the work, and signature lines (guardians' too for minors).

    Beside it: messenger-texts_LANG.txt (status text and away messages within the
    messengers' length limits) and messenger-availability_LANG.ics (reachable hours,
    holidays and vacations, for the phone's focus or do-not-disturb schedule).

    \b
    Example:
      compliance agreement examples/practice.yaml --lang de -o out/
      compliance agreement practice.yaml --client "Jana Beispiel" --minor --as-of 2027-01-01
    """
    from compliance.documents.agreement import build_agreement
    from compliance.documents.messenger_texts import calendar_ics, texts_file
    from compliance.documents.onboarding import AGREEMENT, output_name, today
    from compliance.fsio import refuse_existing_files, write_atomic
    from compliance.profile import load_profile
    from compliance.render import renderer

    loaded = load_profile(profile)
    client = " ".join(client.split()) if client else None  # stray spaces are no new client
    if client and OutputFormat.PDF in _formats(formats):
        from compliance.render.fonts import require_printable

        require_printable(client, "--client")
    languages = [language] if language else [str(lang) for lang in loaded.languages]
    chosen_minor = loaded.minors if minor is None else minor
    start: date = as_of.date() if hasattr(as_of, "date") else today(loaded)
    chosen_formats = _formats(formats)

    outputs: list[tuple[Path, bytes]] = []
    for lang in languages:
        document = build_agreement(loaded, lang, as_of=start, client=client, minor=chosen_minor)
        for fmt in chosen_formats:
            path = out_dir / output_name(AGREEMENT, lang, client, fmt, document.meta.document_id)
            outputs.append((path, renderer(fmt)(document)))
        outputs.append(
            (out_dir / f"messenger-texts_{lang}.txt", texts_file(loaded, lang, start).encode())
        )
        outputs.append(
            (out_dir / f"messenger-availability_{lang}.ics", calendar_ics(loaded, lang, start))
        )
    refuse_existing_files((path for path, _ in outputs), force)
    for path, data in outputs:
        write_atomic(path, data, mode=0o600)
        click.echo(str(path))
    say(f"{len(outputs)} file(s) written to {out_dir}", quiet)
