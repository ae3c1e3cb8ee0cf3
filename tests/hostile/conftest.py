"""Helpers of the hostile-input tests: run a command and look at everything it wrote."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.cli import cli
from compliance.cli import zip_password as cli_password

AUDIT_BASE = ["--as-of", "2024-03-01", "--me", "Praxis"]
REPORT_FORMATS = ("text", "json", "html", "pdf", "csv", "xlsx")


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def invoke(args: list[str]) -> Run:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def report_text(path: Path) -> str:
    """A written report as text; a PDF's text is extracted with pypdf."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        # the PDF hyphenates long words at line ends: join them back
        return text.replace("-\n", "")
    if path.suffix in (".xlsx", ".csv"):
        return _spreadsheet_text(path)
    text = path.read_text(encoding="utf-8")
    # the HTML offers line breaks after path separators
    return text.replace("<wbr>", "")


def _spreadsheet_text(path: Path) -> str:
    if path.suffix == ".csv":
        return path.read_text(encoding="utf-8-sig")
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return "\n".join(
        "\t".join("" if cell is None else str(cell) for cell in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def audit_all_formats(inputs: list[Path], out: Path, *extra: str) -> dict[str, tuple[Run, str]]:
    """Audit ``inputs`` once per report format; the run and the report's text per format."""
    results: dict[str, tuple[Run, str]] = {}
    for fmt in REPORT_FORMATS:
        report = out / f"report.{fmt}"
        run = invoke(
            ["audit", *map(str, inputs), *AUDIT_BASE, "--format", fmt, "-o", str(report), *extra]
        )
        results[fmt] = (run, report_text(report))
    return results


def audit_json(inputs: list[Path], *extra: str) -> tuple[Run, dict[str, object]]:
    run = invoke(["audit", *map(str, inputs), *AUDIT_BASE, "--format", "json", *extra])
    return run, json.loads(run.stdout)


@pytest.fixture(autouse=True)
def _no_zip_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cli_password.PASSWORD_ENV, raising=False)
    monkeypatch.setattr(cli_password, "stdin_is_terminal", lambda: False)
