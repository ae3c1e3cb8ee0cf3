"""``compliance scan``: run every detector on text from the command line or standard input."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

import click

from compliance.errors import ExitCode, InputError, UsageError

if TYPE_CHECKING:
    from compliance.detectors import Finding

# The detectors (word lists, compiled patterns) load when a scan runs, not with the CLI.


def _finding_dict(finding: Finding, text: str, reveal: bool) -> dict[str, object]:
    data = finding.to_dict()
    if reveal:
        data["value"] = text[finding.start : finding.end]
    return data


def _text_line(finding: Finding, text: str, reveal: bool, lang: str = "en") -> str:
    from compliance.detectors import CATALOGUE, CRISIS_KINDS

    shown = text[finding.start : finding.end] if reveal else finding.masked
    basis = CATALOGUE[finding.category].legal_basis.value
    line = (
        f"{finding.start}-{finding.end}  {finding.category.value:<26} {finding.severity.value:<8} "
        f"{finding.confidence:.2f}  {basis:<10} {shown}"
    )
    kind = CRISIS_KINDS.get(finding.kind or "")
    if kind is not None:
        # What kind of crisis and what to do, in the scan's language (English for auto).
        line += f"\n    {kind.label(lang)}: {kind.explanation(lang)}"
    return line


STDIN_NAME = "<stdin>"


def _decode(data: bytes, line: int | None = None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.single(
            STDIN_NAME, f"not UTF-8 text (byte {exc.start + 1}); convert it first", line=line
        ) from None


def _read_all(text: str | None) -> str:
    if text is None or text == "-":
        return _decode(sys.stdin.buffer.read())
    return text


def _read_lines(text: str | None) -> Iterator[str]:
    """Input lines, split at line feeds (a trailing carriage return is dropped), streamed."""
    if text is not None and text != "-":
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for line in lines:
            yield line.removesuffix("\r")
        return
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        yield _decode(raw, number).removesuffix("\n").removesuffix("\r")


def _scan_lines(text: str | None, lang: str, region: str, reveal: bool) -> bool:
    """JSON Lines, one object per input line, scanned in blocks so memory stays flat."""
    from compliance.detectors import scan_texts
    from compliance.detectors.engine import BLOCK_SIZE

    found_any = False
    number = 0
    lines = _read_lines(text)
    while block := list(islice(lines, BLOCK_SIZE)):
        for message, findings in zip(
            block, scan_texts(block, lang=lang, region=region), strict=True
        ):
            number += 1
            found_any = found_any or bool(findings)
            record = {
                "line": number,
                "findings": [_finding_dict(f, message, reveal) for f in findings],
            }
            click.echo(json.dumps(record, ensure_ascii=False))
    return found_any


@click.command("scan")
@click.argument("text", required=False)
@click.option(
    "--lines", is_flag=True, help="Treat each input line as one message; output JSON Lines."
)
@click.option(
    "--lang",
    type=click.Choice(["de", "en", "auto"]),
    default="auto",
    show_default=True,
    help="Language of the Art. 9 / Art. 10 lexicons to use (auto: both).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format (with --lines the output is always JSON Lines).",
)
@click.option(
    "--region",
    default="DE",
    show_default=True,
    help="Country for phone numbers written without a country code (ISO 3166, e.g. AT, CH).",
)
@click.option(
    "--reveal", is_flag=True, help="Also show the raw values (they are masked by default)."
)
def scan_command(
    text: str | None, lines: bool, lang: str, output_format: str, region: str, reveal: bool
) -> None:
    """Find sensitive data in TEXT (or standard input with '-' or no TEXT).

    Finds identifiers (IBAN, card, phone, e-mail, tax and insurance numbers, ...),
    special categories of GDPR Art. 9 (health, crisis language, religion, ...) and
    criminal data (Art. 10) in German and English text. Values are shown masked
    unless --reveal is given. Offsets count code points. Exit code 1 means
    something was found, 0 nothing.

    \b
    Example:
      compliance scan "Meine IBAN ist DE89 3704 0044 0532 0130 00"
      echo "ich nehme Sertralin" | compliance scan - --format json
      compliance scan --lines --lang de < messages.txt > findings.jsonl
    """
    region = region.upper()
    if len(region) != 2 or not region.isalpha():
        raise UsageError(f"--region must be a two-letter country code, not {region!r}")
    if lines:
        found_any = _scan_lines(text, lang, region, reveal)
    else:
        from compliance.detectors import scan_texts

        content = _read_all(text)
        findings = scan_texts([content], lang=lang, region=region)[0]
        if output_format == "json":
            payload = {"findings": [_finding_dict(f, content, reveal) for f in findings]}
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        elif findings:
            for finding in findings:
                click.echo(_text_line(finding, content, reveal, lang))
        else:
            click.echo("No sensitive data found.")
        found_any = bool(findings)
    if found_any:
        raise click.exceptions.Exit(int(ExitCode.FINDINGS))
