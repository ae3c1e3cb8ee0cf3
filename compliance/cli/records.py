"""Commands for the practice's records: record (and --check), notice, retention, measures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from compliance.cli.documents import LANGUAGES, force_option, out_option, profile_argument
from compliance.errors import ExitCode

if TYPE_CHECKING:
    from compliance.documents.model import Document
    from compliance.profile import PracticeProfile

RECORD_FORMATS = ("pdf", "docx", "json", "csv", "xlsx")
NOTICE_FORMATS = ("pdf", "docx", "html", "md")
RETENTION_FORMATS = ("pdf", "docx", "csv", "ics")
MEASURES_FORMATS = ("pdf", "docx")


def _formats(value: str, allowed: Sequence[str]) -> list[str]:
    chosen: list[str] = []
    for part in value.split(","):
        part = part.strip().lower()
        if not part:
            continue
        if part not in allowed:
            raise click.BadParameter(
                f"'{part}' is not a format; choose from {', '.join(allowed)}",
                param_hint="--format",
            )
        if part not in chosen:
            chosen.append(part)
    if not chosen:
        raise click.BadParameter("name at least one format", param_hint="--format")
    return chosen


def _as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"'{value}' is not a date like 2026-12-31", param_hint="--as-of"
        ) from None


as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="The date the document is generated on, YYYY-MM-DD (default: today).",
)
lang_option = click.option(
    "--lang", "language", type=LANGUAGES, help="Language (default: the profile's languages)."
)


def _languages(profile: PracticeProfile, language: str | None) -> list[str]:
    return [language] if language else [str(lang) for lang in profile.languages]


def _write_all(planned: list[tuple[Path, Callable[[], bytes]]], force: bool) -> None:
    """Check every target first (nothing is written if one exists), then write each."""
    from compliance.fsio import refuse_existing_files, write_atomic

    refuse_existing_files((path for path, _ in planned), force)
    for path, render in planned:
        write_atomic(path, render(), mode=0o600)
        click.echo(str(path))
    out_dirs = {str(path.parent) for path, _ in planned}
    click.echo(f"{len(planned)} file(s) written to {', '.join(sorted(out_dirs))}", err=True)


def _render(fmt: str, document: Document) -> bytes:
    return _document_renderer(fmt)(document)


def _document_renderer(fmt: str) -> Callable[[Document], bytes]:
    if fmt in ("pdf", "docx"):
        from compliance.render import OutputFormat, renderer

        return renderer(OutputFormat(fmt))
    if fmt == "html":
        from compliance.render.html import render_html

        return render_html
    from compliance.render.markdown import render_markdown

    return render_markdown


@click.command("record")
@profile_argument
@lang_option
@click.option(
    "--format",
    "formats",
    default="pdf,docx",
    show_default=True,
    metavar="pdf,docx,json,csv,xlsx",
    help="Output formats, separated by commas.",
)
@click.option(
    "--role",
    type=click.Choice(["controller", "processor"]),
    default="controller",
    show_default=True,
    help="processor: the record of Art. 30(2) for work on behalf of an institution.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; list every missing or doubtful item, exit 1 if one is missing.",
)
@as_of_option
@out_option
@force_option
def record_command(
    profile: Path,
    language: str | None,
    formats: str,
    role: str,
    check: bool,
    as_of: str | None,
    out_dir: Path,
    force: bool,
) -> None:
    """Write the record of processing activities (Art. 30 GDPR; Art. 12 FADP in Switzerland).

    The controller comes first, then one section per activity with its purposes, legal
    bases, data subjects and data (special categories marked), recipients (processors with
    the date of their Art. 28 agreement), third-country transfers, deletion periods with
    their legal source, measures, DPIA screening, and created/changed dates; last the
    profile's revision history. JSON follows compliance/schemas/record.schema.json; CSV and
    XLSX have one row per activity.

    With --check nothing is written: one line per missing or doubtful item
    ("missing: ACTIVITY: FIELD: what"), and exit code 1 if anything mandatory is missing.

    \b
    Example:
      compliance record examples/practice.yaml -o out/ --format pdf,docx,json,csv,xlsx
      compliance record examples/practice.yaml --check
    """
    from compliance.profile import load_profile

    loaded = load_profile(profile)
    processor = role == "processor"
    if check:
        from compliance.records.checks import Level, check_record

        findings = check_record(loaded, processor=processor)
        for finding in findings:
            click.echo(str(finding))
        missing = sum(1 for f in findings if f.level is Level.MISSING)
        doubtful = len(findings) - missing
        click.echo(f"{missing} missing, {doubtful} doubtful", err=True)
        if missing:
            click.get_current_context().exit(int(ExitCode.FINDINGS))
        return
    chosen = _formats(formats, RECORD_FORMATS)
    generated = _as_of(as_of)
    from compliance.documents.record import build_record
    from compliance.records.export import build_export, to_json
    from compliance.records.tabular import to_csv, to_xlsx

    stem = "record-processor" if processor else "record"
    planned: list[tuple[Path, Callable[[], bytes]]] = []
    for lang in _languages(loaded, language):
        export = build_export(loaded, lang, generated=generated, processor=processor)
        document = build_record(
            loaded, lang, generated=generated, processor=processor, export=export
        )
        for fmt in chosen:
            path = out_dir / f"{stem}_{lang}.{fmt}"
            if fmt == "json":
                planned.append((path, partial(to_json, export)))
            elif fmt == "csv":
                planned.append((path, partial(to_csv, export)))
            elif fmt == "xlsx":
                planned.append((path, partial(to_xlsx, export)))
            else:
                planned.append((path, partial(_render, fmt, document)))
    _write_all(planned, force)


@click.command("notice")
@profile_argument
@lang_option
@click.option(
    "--format",
    "formats",
    default="pdf,docx,html",
    show_default=True,
    metavar="pdf,docx,html,md",
    help="Output formats, separated by commas; html also writes a fragment for a website.",
)
@out_option
@force_option
def notice_command(
    profile: Path, language: str | None, formats: str, out_dir: Path, force: bool
) -> None:
    """Write the privacy notice for clients (Art. 13 GDPR; Art. 19 FADP in Switzerland).

    It is made from the same activities as the record: the controller and DPO, every
    purpose with its legal basis (and legitimate interests), the recipients, third-country
    transfers and their basis, every deletion period, the client's rights, withdrawal,
    the complaint right with the competent authority, whether data must be provided, and
    that no automated decisions are made. With html, privacy-notice_LANG.fragment.html
    holds just the text, to paste into a website.

    \b
    Example:
      compliance notice examples/practice.yaml -o out/
    """
    from compliance.documents.notice import build_notice
    from compliance.profile import load_profile

    loaded = load_profile(profile)
    chosen = _formats(formats, NOTICE_FORMATS)
    planned: list[tuple[Path, Callable[[], bytes]]] = []
    for lang in _languages(loaded, language):
        document = build_notice(loaded, lang)
        for fmt in chosen:
            planned.append(
                (
                    out_dir / f"privacy-notice_{lang}.{fmt}",
                    partial(_render, fmt, document),
                )
            )
            if fmt == "html":
                from compliance.render.html import render_html_fragment

                planned.append(
                    (
                        out_dir / f"privacy-notice_{lang}.fragment.html",
                        partial(render_html_fragment, document),
                    )
                )
    _write_all(planned, force)


@click.command("retention")
@profile_argument
@lang_option
@click.option(
    "--format",
    "formats",
    default="pdf,docx,csv,ics",
    show_default=True,
    metavar="pdf,docx,csv,ics",
    help="Output formats, separated by commas; ics holds the yearly review dates.",
)
@as_of_option
@out_option
@force_option
def retention_command(
    profile: Path,
    language: str | None,
    formats: str,
    as_of: str | None,
    out_dir: Path,
    force: bool,
) -> None:
    """Write the retention schedule: every data category with its period, legal source,
    the event the period starts at, and how the data are deleted.

    The .ics calendar holds a yearly review date (15 January) listing every period. The
    periods are the ones the record, the privacy notice and the consent form name, and
    messenger content follows the profile's messaging.retention_days, as in the audit.

    \b
    Example:
      compliance retention examples/practice.yaml -o out/
    """
    from compliance.documents.retention import build_retention, retention_csv, retention_ics
    from compliance.profile import load_profile

    loaded = load_profile(profile)
    chosen = _formats(formats, RETENTION_FORMATS)
    generated = _as_of(as_of)
    planned: list[tuple[Path, Callable[[], bytes]]] = []
    for lang in _languages(loaded, language):
        document = build_retention(loaded, lang, generated=generated)
        for fmt in chosen:
            path = out_dir / f"retention_{lang}.{fmt}"
            if fmt == "csv":
                planned.append((path, partial(retention_csv, loaded, lang)))
            elif fmt == "ics":
                planned.append((path, partial(retention_ics, loaded, lang, generated=generated)))
            else:
                planned.append((path, partial(_render, fmt, document)))
    _write_all(planned, force)


@click.command("measures")
@profile_argument
@lang_option
@click.option(
    "--format",
    "formats",
    default="pdf,docx",
    show_default=True,
    metavar="pdf,docx",
    help="Output formats, separated by commas.",
)
@as_of_option
@out_option
@force_option
def measures_command(
    profile: Path,
    language: str | None,
    formats: str,
    as_of: str | None,
    out_dir: Path,
    force: bool,
) -> None:
    """Write the technical and organisational measures (Art. 32 GDPR; Art. 8 FADP).

    Each measure is marked in place or open, from the profile's answers
    (activities.measures), the profile itself and the messenger catalogue; for German
    practices under § 22 BDSG the ten items of § 22 Abs. 2 BDSG follow; open items close it.

    \b
    Example:
      compliance measures examples/practice.yaml -o out/
    """
    from compliance.documents.measures import build_measures
    from compliance.profile import load_profile

    loaded = load_profile(profile)
    chosen = _formats(formats, MEASURES_FORMATS)
    generated = _as_of(as_of)
    planned: list[tuple[Path, Callable[[], bytes]]] = []
    for lang in _languages(loaded, language):
        document = build_measures(loaded, lang, generated=generated)
        for fmt in chosen:
            planned.append(
                (
                    out_dir / f"measures_{lang}.{fmt}",
                    partial(_render, fmt, document),
                )
            )
    _write_all(planned, force)
