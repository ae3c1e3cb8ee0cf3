"""The ``inspect`` command: what the archive readers read from each chat export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from compliance.archives import DEFAULT_TZ, ArchiveFormat, DateOrder
from compliance.cli.zip_password import password_file_option, zip_passwords
from compliance.errors import ExitCode, InputError, InputProblem
from compliance.fsio import refuse_input_as_output, write_text_atomic

if TYPE_CHECKING:
    from compliance.archives import ArchiveSummary


@click.command("inspect")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output as a short readable summary or as JSON (one object per archive).",
)
@click.option(
    "--tz",
    default=DEFAULT_TZ,
    show_default=True,
    help="Time zone of the exports' wall times (IANA name).",
)
@click.option(
    "--date-order",
    type=click.Choice([o.value for o in DateOrder], case_sensitive=False),
    default=None,
    help="Order of day and month in the dates; detected from the whole file when not given.",
)
@click.option(
    "--input-format",
    type=click.Choice([f.value for f in ArchiveFormat]),
    default=None,
    help="Read the inputs as this messenger's export instead of detecting it from content.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the result to this file (atomically) instead of standard output.",
)
@password_file_option
def inspect_command(
    paths: tuple[Path, ...],
    output_format: str,
    tz: str,
    date_order: str | None,
    input_format: str | None,
    output: Path | None,
    password_file: Path | None,
) -> None:
    """Show what was read from chat exports: format, counts, participants, period.

    PATH may be an export file (.txt, .json, .html), a zip as the messenger wrote it,
    or a folder, which is searched for exports. Nothing is extracted to disk and no
    input is changed. The exit code is 3 when nothing at all could be read.

    Encrypted zips (Threema's exports are AES-encrypted) are read with the password
    from --password-file or $COMPLIANCE_ZIP_PASSWORD, else it is asked for once.

    \b
    Example:
      compliance inspect "WhatsApp Chat - Anna.zip"
      compliance inspect exports/ --format json -o inventory.json
      compliance inspect chat.txt --date-order MDY --tz America/New_York
      compliance inspect threema-export.zip --password-file ~/threema-password.txt
    """
    # The readers load here, not with the module: `compliance --help` lists this command.
    from compliance.archives import open_archives

    if output is not None:
        refuse_input_as_output(output, paths)
    summaries: list[ArchiveSummary] = []
    problems: list[InputProblem] = []
    order = DateOrder(date_order.upper()) if date_order else None
    passwords = zip_passwords(password_file)
    for path in paths:
        try:
            archives = open_archives(
                path,
                tz=tz,
                date_order=order,
                format=input_format,
                problems=problems,
                password=passwords,
            )
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if not archives:
            problems.append(InputProblem(path, None, None, "no chat export found in this folder"))
        for archive in archives:
            summary = archive.summarize()
            if summary.entries == 0:
                reason = summary.warnings[-1] if summary.warnings else "no message could be read"
                problems.append(InputProblem(archive.path, None, None, f"nothing read: {reason}"))
                continue
            summaries.append(summary)
    for problem in problems:
        click.echo(str(problem), err=True)
    rendered = _render(summaries, output_format)
    if output is not None:
        refuse_input_as_output(output, [s.path.split("!", 1)[0] for s in summaries])
        write_text_atomic(output, rendered)
    else:
        click.echo(rendered, nl=False)
    if not summaries:
        raise click.exceptions.Exit(int(ExitCode.BAD_INPUT))


def _render(summaries: list[ArchiveSummary], output_format: str) -> str:
    if output_format == "json":
        data = [_masked(summary.to_json()) for summary in summaries]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return "".join(_text(summary) for summary in summaries)


def _masked(data: dict[str, object]) -> dict[str, object]:
    # A participant without a saved contact name is shown by phone number: masked.
    from compliance.audit.excerpt import safety_mask

    participants = data["participants"]
    if isinstance(participants, list):
        data["participants"] = [safety_mask(str(name)) for name in participants]
    return data


def _text(summary: ArchiveSummary) -> str:
    variant = f" ({summary.variant})" if summary.variant else ""
    lines = [
        f"{summary.path}",
        f"  format:       {summary.format}{variant}",
        f"  entries:      {summary.entries} ({summary.authored} authored, "
        f"{summary.system} system, {summary.media} media)",
        f"  participants: {len(summary.participants)}",
        f"  period:       {summary.first or '-'} .. {summary.last or '-'}",
        f"  date order:   {summary.date_order or '-'}    chats: {summary.chats}"
        f"    skipped: {summary.skipped}",
    ]
    lines.extend(f"  warning:      {warning}" for warning in summary.warnings)
    return "\n".join(lines) + "\n"
