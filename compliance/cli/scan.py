"""``compliance scan``: run every detector on text from the command line or standard input."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, BinaryIO

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
SCHEMA = {"schema": "compliance/scan", "schema_version": 1}


def _decode(data: bytes, source: str = STDIN_NAME, line: int | None = None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError.single(
            source, f"not UTF-8 text (byte {exc.start + 1}); convert it first", line=line
        ) from None


def _source(text: str | None, literal: bool) -> tuple[str, str | None]:
    """What to read: ``("stdin", None)``, ``("file", path)`` or ``("text", text)``.

    An argument that names an existing file is read as that file (as grep does), unless
    ``--text`` says it is the text itself.
    """
    if text is None or (text == "-" and not literal):
        return "stdin", None
    if not literal and os.path.isfile(text):
        return "file", text
    return "text", text


def _open_binary(kind: str, where: str | None) -> BinaryIO:
    if kind == "stdin":
        return sys.stdin.buffer
    assert where is not None
    try:
        return open(where, "rb")
    except OSError as exc:
        raise InputError.single(where, f"cannot read: {exc.strerror or exc}") from None


def _read_all(kind: str, where: str | None) -> str:
    if kind == "text":
        return where or ""
    with _open_binary(kind, where) as stream:
        return _decode(stream.read(), where or STDIN_NAME)


def _read_lines(kind: str, where: str | None) -> Iterator[str]:
    """Input lines, split at line feeds (a trailing carriage return is dropped), streamed."""
    if kind == "text":
        lines = (where or "").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for line in lines:
            yield line.removesuffix("\r")
        return
    stream = _open_binary(kind, where)
    source = where or STDIN_NAME
    try:
        # Decoded a chunk of whole lines at a time: one decode call per chunk, not per line
        # (a chunk that is not UTF-8 is decoded line by line, to name the line at fault).
        number = 0
        while chunk := stream.readlines(1 << 20):
            try:
                text = b"".join(chunk).decode("utf-8")
            except UnicodeDecodeError:
                for offset, raw in enumerate(chunk, start=number + 1):
                    _decode(raw, source, offset)  # raises, naming the line
                raise
            pieces = text.split("\n")
            if pieces[-1] == "":
                pieces.pop()
            number += len(chunk)
            for line in pieces:
                yield line.removesuffix("\r")
    finally:
        if kind == "file":
            stream.close()


def _scan_lines(kind: str, where: str | None, lang: str, region: str, reveal: bool) -> bool:
    """JSON Lines, one object per input line, scanned in blocks so memory stays flat.

    The first line names the schema and its version; then one record per input line.
    A block's records are written at once; a line without findings (most lines) is
    formatted directly, as ``json.dumps`` would write it.
    """
    from compliance.detectors import scan_texts
    from compliance.detectors.engine import BLOCK_SIZE

    out = sys.stdout
    out.write(json.dumps(SCHEMA) + "\n")
    found_any = False
    number = 0
    lines = _read_lines(kind, where)
    while block := list(islice(lines, BLOCK_SIZE)):
        records: list[str] = []
        for message, findings in zip(
            block, scan_texts(block, lang=lang, region=region), strict=True
        ):
            number += 1
            if not findings:
                records.append(f'{{"line": {number}, "findings": []}}\n')
                continue
            found_any = True
            record = {
                "line": number,
                "findings": [_finding_dict(f, message, reveal) for f in findings],
            }
            records.append(json_line(record) + "\n")
        out.write("".join(records))
    out.flush()
    return found_any


@click.command("scan")
@click.argument("text", required=False)
@click.option(
    "--lines", is_flag=True, help="Treat each input line as one message; output JSON Lines."
)
@click.option(
    "--text",
    "literal",
    is_flag=True,
    help="TEXT is the text itself, even where a file of that name exists.",
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
    text: str | None,
    lines: bool,
    literal: bool,
    lang: str,
    output_format: str,
    region: str,
    reveal: bool,
) -> None:
    """Find sensitive data in a file, in TEXT, or in standard input ('-' or nothing).

    An argument that names an existing file is read as that file (UTF-8); --text makes
    it the text itself.

    Finds identifiers (IBAN, card, phone, e-mail, tax and insurance numbers, ...),
    special categories of GDPR Art. 9 (health, crisis language, religion, ...) and
    criminal data (Art. 10) in German and English text. Values are shown masked
    unless --reveal is given. Offsets count code points. Exit code 1 means
    something was found, 0 nothing.

    \b
    Example:
      compliance scan "Meine IBAN ist DE89 3704 0044 0532 0130 00"
      compliance scan notes.txt
      echo "ich nehme Sertralin" | compliance scan - --format json
      compliance scan messages.txt --lines --lang de > findings.jsonl
    """
    region = region.upper()
    if len(region) != 2 or not region.isalpha():
        raise UsageError(f"--region must be a two-letter country code, not {region!r}")
    kind, where = _source(text, literal)
    if lines:
        found_any = _scan_lines(kind, where, lang, region, reveal)
    else:
        from compliance.detectors import scan_texts

        content = _read_all(kind, where)
        findings = scan_texts([content], lang=lang, region=region)[0]
        if output_format == "json":
            payload = {**SCHEMA, "findings": [_finding_dict(f, content, reveal) for f in findings]}
            click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        elif findings:
            for finding in findings:
                click.echo(_text_line(finding, content, reveal, lang))
        else:
            click.echo("No sensitive data found.")
        found_any = bool(findings)
    if found_any:
        raise click.exceptions.Exit(int(ExitCode.FINDINGS))


# Line breaks other than \n that JSON leaves unescaped but line-splitting readers
# (str.splitlines, JavaScript before ES2019) split on: written as \u escapes.
_LINE_BREAKS = str.maketrans({c: f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"})


def json_line(record: object) -> str:
    """One JSON Lines record that every line-splitting reader sees as one line."""
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS)
