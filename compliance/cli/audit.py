"""The ``audit`` command: what sits in chat exports that should not be there (any more)."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from compliance.archives.model import ArchiveFormat, DateOrder
from compliance.audit.report import AuditReport, FailOn, SignOff
from compliance.cli.output import (
    STDOUT,
    color_for,
    force_option,
    is_stdout,
    note,
    quiet_option,
    refuse_binary_to_terminal,
    refuse_existing,
    say,
    write_stdout,
)
from compliance.cli.progress import ProgressLine as _Counter
from compliance.cli.progress import total_bytes
from compliance.cli.zip_password import password_file_option, zip_passwords
from compliance.errors import UsageError
from compliance.fsio import refuse_input_as_output
from compliance.reports import ReportFormat, report_chunks, summary_line, write_report

if TYPE_CHECKING:
    from compliance.archives import ZipPasswords
    from compliance.audit.policy import AuditPolicy
    from compliance.profile import PracticeProfile


def _as_of(value: str | None, zone: ZoneInfo) -> datetime:
    """``YYYY-MM-DD`` (end of day) or ``YYYY-MM-DDTHH:MM``, in the policy's zone; default now."""
    if value is None:
        return datetime.now(zone)
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=zone)
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"'{value}' is not a date like 2026-11-27 or a time like 2026-11-27T14:30",
            param_hint="--as-of",
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"'{value}' is not a date like 2026-11-27", param_hint=option
        ) from None


@click.command("audit")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Practice profile: retention, reachable hours, holidays, your names.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Judge retention as of this day "
    "(YYYY-MM-DD, end of day) or moment (YYYY-MM-DDTHH:MM); default: now.",
)
@click.option(
    "--me",
    multiple=True,
    metavar="NAME",
    help="Your own sender name in the exports (repeatable); also taken from the profile.",
)
@click.option(
    "--format",
    "report_format",
    type=click.Choice([f.value for f in ReportFormat]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file (atomically); '-' or none: standard output "
    "(not for pdf on a terminal).",
)
@click.option(
    "--fail-on",
    type=click.Choice([f.value for f in FailOn]),
    default="high",
    show_default=True,
    help="Exit with 1 when a finding has this severity or higher.",
)
@click.option(
    "--show-values",
    is_flag=True,
    help="Show sensitive values unmasked in the report (prints a warning).",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Audit this many archives at once, in separate processes.",
)
@click.option(
    "--consent-date",
    metavar="DATE",
    help="The client's consent date: earlier messages are flagged.",
)
@click.option(
    "--withdrawal-date",
    metavar="DATE",
    help="The date consent was withdrawn: later messages are flagged.",
)
@click.option(
    "--retention-days",
    type=click.IntRange(1, 3650),
    help="Days messages may stay on the device (default: the profile's, else 30).",
)
@click.option(
    "--tz",
    help="Time zone of the exports' wall times (default: the profile's, else Europe/Berlin).",
)
@click.option(
    "--date-order",
    type=click.Choice([o.value for o in DateOrder], case_sensitive=False),
    help="Order of day and month in WhatsApp dates; detected per file when not given.",
)
@click.option(
    "--input-format",
    type=click.Choice([f.value for f in ArchiveFormat]),
    help="Read every input as this messenger's export instead of detecting it.",
)
@click.option(
    "--lang",
    "report_lang",
    type=click.Choice(["de", "en"]),
    help="Language of the report (default: the profile's first language, else German on a "
    "German system, else English).",
)
@click.option(
    "--chat-lang",
    type=click.Choice(["de", "en", "auto"]),
    default="auto",
    show_default=True,
    help="Language of the chats, for the special-category word lists.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="PREVIOUS.json",
    help="An earlier JSON report: mark each finding new or unchanged and list the resolved ones.",
)
@click.option(
    "--fail-on-new",
    is_flag=True,
    help="Apply --fail-on to findings that are new since --baseline only.",
)
@password_file_option
@force_option
@quiet_option
def audit_command(
    paths: tuple[Path, ...],
    profile_path: Path | None,
    as_of: str | None,
    me: tuple[str, ...],
    report_format: str,
    output: Path | None,
    fail_on: str,
    show_values: bool,
    jobs: int,
    consent_date: str | None,
    withdrawal_date: str | None,
    retention_days: int | None,
    tz: str | None,
    date_order: str | None,
    input_format: str | None,
    report_lang: str | None,
    chat_lang: str,
    baseline_path: Path | None,
    fail_on_new: bool,
    password_file: Path | None,
    force: bool,
    quiet: bool,
) -> None:
    """Audit chat exports: retention, sensitive data, media, third parties, hours, consent, channel.

    PATH may be export files or folders (searched for exports). Every message is
    attributed to you (--me and the profile), the client, or a third party. Values
    are masked in every report unless --show-values is given.

    Every input file is listed with its status (read, partly read, unreadable,
    skipped). Every finding comes with what to do and by when; the report opens with
    a summary (verdict, counts, first actions, scope). --baseline compares with an
    earlier JSON report by stable finding ids; --fail-on-new then fails only on new
    findings.

    Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error, 3 no
    chat export could be read, or an input was unreadable and nothing reached
    --fail-on.

    Encrypted zips (Threema's exports are AES-encrypted) are read with the password
    from --password-file or $COMPLIANCE_ZIP_PASSWORD, else it is asked for once; one
    that cannot be opened is listed as unreadable and the others are still audited.

    \b
    Example:
      compliance audit examples/ --profile examples/practice.yaml
      compliance audit exports/ --profile practice.yaml --format html -o out/audit.html
      compliance audit chat.zip --me "Anna Beispiel" --as-of 2026-11-30 --format json
      compliance audit exports/ --profile practice.yaml --baseline last.json --fail-on-new
      compliance audit exports/ --profile practice.yaml --lang en --format xlsx -o audit.xlsx
      compliance audit threema.zip --me Ich --password-file ~/threema-password.txt
    """
    # The engine, its detectors and the profile models load only when an audit runs,
    # so that `compliance --help` and the other commands start fast.
    from compliance.audit.policy import policy_from

    profile: PracticeProfile | None = None
    if profile_path:
        from compliance.profile import load_profile  # pydantic: only with a profile

        profile = load_profile(profile_path)
    zone_name = tz or (profile.timezone if profile else "Europe/Berlin")
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"unknown time zone '{zone_name}'", param_hint="--tz") from None
    fmt = ReportFormat(report_format)
    if output is not None and output != STDOUT:
        # every file the audit reads: the exports, the profile and the password file
        given = (profile_path, password_file, baseline_path)
        read = [*paths, *(p for p in given if p is not None)]
        refuse_input_as_output(output, read)
    refuse_binary_to_terminal(output, fmt.is_binary, f"{fmt.value.upper()} report")
    refuse_existing(output, force)
    if fail_on_new and baseline_path is None:
        raise UsageError("--fail-on-new needs --baseline PREVIOUS.json")
    if report_lang is None:
        from compliance.reports.texts import default_language

        report_lang = default_language(
            [str(lang) for lang in profile.languages] if profile else None
        )
    policy = policy_from(
        profile,
        as_of=_as_of(as_of, zone),
        zone_name=zone_name,
        me=me,
        retention_days=retention_days,
        consent_date=_day(consent_date, "--consent-date"),
        withdrawal_date=_day(withdrawal_date, "--withdrawal-date"),
        show_values=show_values,
        lang=chat_lang,
        report_lang=report_lang,
    )
    if show_values:
        note(
            "Warning: --show-values puts unmasked sensitive data into the report. "
            "Store and share it like the chats themselves.",
            fg="yellow",
        )
    if not policy.practitioner_names:
        say(
            "Note: no --me and no --profile: the first sender of each chat counts as the client, "
            "nobody as you.",
            quiet,
        )
    report = _run_with_progress(
        list(map(str, paths)),
        policy,
        FailOn(fail_on),
        jobs,
        zone_name,
        date_order,
        input_format,
        zip_passwords(password_file),
        quiet,
    )
    if profile is not None:
        report.sign_off = sign_off_of(profile)
    if baseline_path is not None:
        from compliance.audit.baseline import apply_baseline

        apply_baseline(report, baseline_path, fail_on_new=fail_on_new)
    for archive in report.archives:
        if not archive.was_read:
            note(f"{archive.path}: {archive.status.value}: {archive.error}")
    if report.nothing_read:
        note("Error: no readable chat export was found in " + ", ".join(map(str, paths)))
    if is_stdout(output):
        color = fmt is ReportFormat.TEXT and color_for(sys.stdout)
        write_stdout(report_chunks(report, fmt, color=color))
    else:
        assert output is not None
        refuse_input_as_output(output, [a.path for a in report.archives if a.was_read])
        write_report(report, fmt, output)
    say(summary_line(report), quiet)
    click.get_current_context().exit(int(report.exit_code))


def sign_off_of(profile: PracticeProfile) -> SignOff:
    """Who the audit is for, from the profile: the practice, its practitioner and DPO."""
    practitioner = profile.practitioner
    officer = profile.data_protection_officer
    return SignOff(
        practice=profile.practice.name,
        practitioner=" ".join(p for p in (practitioner.title, practitioner.name) if p),
        data_protection_officer=officer.name if officer is not None and officer.name else None,
        country=profile.jurisdiction.country.value,
    )


def stderr_is_terminal() -> bool:
    """Whether a person watches stderr (tests replace this)."""
    return sys.stderr.isatty()


def _run_with_progress(
    paths: list[str],
    policy: AuditPolicy,
    fail_on: FailOn,
    jobs: int,
    zone_name: str,
    date_order: str | None,
    input_format: str | None,
    passwords: ZipPasswords,
    quiet: bool,
) -> AuditReport:
    from compliance.audit.engine import run_audit

    # A progress line only for a person watching; logs and pipes stay quiet.
    counter = _Counter(total_bytes(paths)) if stderr_is_terminal() and not quiet else None
    try:
        return run_audit(
            paths,
            policy,
            fail_on=fail_on,
            jobs=jobs,
            tz=zone_name,
            date_order=date_order,
            input_format=input_format,
            progress=counter.update if counter else None,
            on_archive=counter.archive_done if counter else None,
            password=passwords,
        )
    finally:
        if counter:
            counter.close()
