"""The ``inspect`` command: what the archive readers read from each chat export."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from compliance.archives import DEFAULT_TZ, ArchiveFormat, DateOrder
from compliance.cli.output import force_option, is_stdout, quiet_option, refuse_existing
from compliance.cli.progress import ProgressLine, total_bytes
from compliance.cli.zip_password import password_file_option, zip_passwords
from compliance.errors import ExitCode, InputError, InputProblem
from compliance.fsio import refuse_input_as_output, write_text_atomic

if TYPE_CHECKING:
    from compliance.archives import Archive, ArchiveSummary


@click.command("inspect")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output as a short readable summary or as JSON (schema compliance/inspect).",
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
    help="Write the result to this file (atomically); '-' or none: standard output.",
)
@password_file_option
@force_option
@quiet_option
def inspect_command(
    paths: tuple[Path, ...],
    output_format: str,
    tz: str,
    date_order: str | None,
    input_format: str | None,
    output: Path | None,
    password_file: Path | None,
    force: bool,
    quiet: bool,
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
    if output is not None and not is_stdout(output):
        # before --force: never over an input (an export or the password file)
        refuse_input_as_output(output, [*paths, *([password_file] if password_file else [])])
    refuse_existing(output, force)
    # The readers load here, not with the module: `compliance --help` lists this command.
    from compliance.archives import open_archives

    if output is not None:
        refuse_input_as_output(output, paths)
    summaries: list[ArchiveSummary] = []
    problems: list[InputProblem] = []
    order = DateOrder(date_order.upper()) if date_order else None
    passwords = zip_passwords(password_file)
    progress = (
        ProgressLine(total_bytes(map(str, paths)), verb="Reading")
        if stderr_is_terminal() and not quiet
        else None
    )
    used: list[Archive] = []
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
            used.append(archive)
            summary = _summarize(archive, problems)
            if progress:
                progress.update(summary.entries if summary else 0)
            if summary is not None:
                summaries.append(summary)
    if progress:
        progress.close()
    for problem in problems:
        click.echo(str(problem), err=True)
    unread = [_unread(problem.path, str(problem)) for problem in problems]
    skipped = _skipped_in_folders(paths, used, [problem.path for problem in problems])
    for entry in skipped:
        click.echo(f"{entry['path']}: {entry['status']}: {entry['error']}", err=True)
    unread += skipped
    if not summaries:
        click.echo(
            "Error: no readable chat export was found in " + ", ".join(map(str, paths)), err=True
        )
    rendered = _render(summaries, unread, output_format)
    if is_stdout(output):
        click.echo(rendered, nl=False)
    else:
        assert output is not None
        refuse_input_as_output(output, [s.path.split("!", 1)[0] for s in summaries])
        write_text_atomic(output, rendered)
    if not summaries:
        raise click.exceptions.Exit(int(ExitCode.BAD_INPUT))


SCHEMA = {"schema": "compliance/inspect", "schema_version": 1}


def stderr_is_terminal() -> bool:
    """Whether a person watches stderr (tests replace this)."""
    return sys.stderr.isatty()


def _summarize(archive: Archive, problems: list[InputProblem]) -> ArchiveSummary | None:
    """The archive's summary; None (and a problem) when nothing could be read from it."""
    try:
        summary = archive.summarize()
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    except Exception as exc:  # a reader's defect stays with its archive; its text may quote input
        if os.environ.get("COMPLIANCE_DEBUG"):
            raise
        why = f"internal error in the {archive.format} reader ({type(exc).__name__})"
        problems.append(InputProblem(archive.path, None, None, why))
        return None
    if summary.entries == 0:
        reason = summary.warnings[-1] if summary.warnings else "no message could be read"
        problems.append(InputProblem(archive.path, None, None, f"nothing read: {reason}"))
        return None
    return summary


def _unread(path: str, problem: str, status: str = "unreadable") -> dict[str, object]:
    """An input from which nothing was read, in the shape of an archive's JSON object."""
    prefix = f"{path}: "
    return {
        "path": path,
        "format": None,
        "variant": "",
        "entries": 0,
        "authored": 0,
        "system": 0,
        "media": 0,
        "participants": [],
        "first": None,
        "last": None,
        "date_order": None,
        "chats": 0,
        "skipped": 0,
        "warnings": [],
        "status": status,
        "error": problem[len(prefix) :] if problem.startswith(prefix) else problem,
    }


def _skipped_in_folders(
    paths: tuple[Path, ...], archives: list[Archive], known: list[str]
) -> list[dict[str, object]]:
    from compliance.archives.inventory import unused_by

    entries: list[dict[str, object]] = []
    for folder in paths:
        if folder.is_dir():
            for item in unused_by(folder, archives, known):
                status = "unreadable" if item.unreadable else "skipped"
                entries.append(_unread(item.path, item.reason, status))
    return entries


def _render(
    summaries: list[ArchiveSummary], unread: list[dict[str, object]], output_format: str
) -> str:
    if output_format == "json":
        data = {
            **SCHEMA,
            "archives": [_masked(_with_status(summary)) for summary in summaries] + unread,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    texts = [_text(summary) for summary in summaries]
    texts += [
        f"{entry['path']}\n  status:       {entry['status']}: {entry['error']}\n"
        for entry in unread
    ]
    return "".join(texts)


def _with_status(summary: ArchiveSummary) -> dict[str, object]:
    data = summary.to_json()
    data["status"] = "partly_read" if summary.skipped or summary.warnings else "read"
    data["error"] = None
    return data


def _masked(data: dict[str, object]) -> dict[str, object]:
    # A participant without a saved contact name is shown by phone number: masked.
    from compliance.redact import safety_mask

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
    status = "partly read" if summary.skipped or summary.warnings else "read"
    lines.append(f"  status:       {status}")
    lines.extend(f"  warning:      {warning}" for warning in summary.warnings)
    return "\n".join(lines) + "\n"
