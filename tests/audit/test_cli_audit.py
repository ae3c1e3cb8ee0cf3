"""``compliance audit`` end to end: every format, exit codes, masking, the bundled example."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from compliance import catalog
from compliance.cli import cli
from compliance.detectors import Category, scan_text
from tests.audit.conftest import CRAFTED
from tests.conftest import REPO_ROOT

BASE = ["--me", "Pia Praxis", "--as-of", "2026-11-27", "--tz", "Europe/Berlin"]
RAW_VALUES = ["DE89 3704 0044 0532 0130 00", "Sertralin", "nicht mehr leben"]


def audit(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, ["audit", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


class _VisibleText(HTMLParser):
    """The text a reader sees (and the attribute values), without the style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag in {"style", "script"}
        self.parts.extend(value for _, value in attrs if value and tag not in {"svg", "rect"})

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.parts.append(data)


def _output_text(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        reader = PdfReader(io.BytesIO(data))
        return " ".join(page.extract_text() or "" for page in reader.pages)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if fmt == "csv":
        return data.decode("utf-8-sig")
    if fmt == "html":
        parser = _VisibleText()
        parser.feed(data.decode("utf-8"))
        return " ".join(parser.parts)
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "html", "pdf", "csv", "xlsx"])
def test_every_format_masks_values_unless_asked(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    code, _, err = audit(str(CRAFTED), *BASE, "--format", fmt, "-o", str(out))
    assert code == 1, err
    assert "critical" in err  # the summary line
    text = _output_text(fmt, out.read_bytes())
    for raw in RAW_VALUES:
        assert raw not in text, (fmt, raw)
    # The report's own advice names the emergency services ("ambulance"): not client data.
    for numbers in catalog.emergency_numbers().values():
        for line in numbers:
            for words in (line.service.de, line.service.en, line.hours.de, line.hours.en):
                text = " ".join(text.split()).replace(words, " ")
    # The crisis weights judge a text as a whole, and a whole report full of advice on
    # crises reads like one: only findings of a word or phrase would be leaked values.
    leaked = [
        f
        for f in scan_text(text)
        if f.category
        in {Category.IBAN, Category.HEALTH, Category.CRISIS, Category.PHONE, Category.EMAIL}
        and f.kind != "unspecified"
    ]
    # the only phone numbers allowed are the practice's own emergency advice (112, 0800 ...)
    assert all(f.category is Category.PHONE for f in leaked), leaked

    code, _, err = audit(str(CRAFTED), *BASE, "--format", fmt, "-o", str(out), "--show-values")
    assert code == 2 and "already exists" in err  # never over an earlier report without --force
    code, _, err = audit(
        str(CRAFTED), *BASE, "--format", fmt, "-o", str(out), "--show-values", "--force"
    )
    assert "--show-values" in err and code == 1
    shown = _output_text(fmt, out.read_bytes())
    assert "Sertralin" in shown


def test_json_to_stdout_has_the_documented_keys() -> None:
    code, out, _ = audit(str(CRAFTED), *BASE, "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert {"findings", "summary", "archives"} <= report.keys()
    finding = report["findings"][0]
    for key in (
        "rule",
        "severity",
        "category",
        "archive",
        "chat",
        "position",
        "timestamp",
        "sender_role",
        "excerpt",
    ):
        assert key in finding
    assert finding["category"] == "CRISIS" and finding["severity"] == "critical"
    assert report["archives"][0]["sha256"]
    assert report["as_of"] == "2026-11-27"


@pytest.mark.parametrize(
    ("fail_on", "code"), [("critical", 1), ("high", 1), ("medium", 1), ("low", 1), ("never", 0)]
)
def test_fail_on_levels(fail_on: str, code: int) -> None:
    result, _, _ = audit(str(CRAFTED), *BASE, "--fail-on", fail_on, "--format", "json")
    assert result == code


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    code, _, err = audit(str(CRAFTED), "--format", "pdf")
    assert code == 2 and "-o" in err
    code, _, err = audit(str(CRAFTED), "--as-of", "gestern")
    assert code == 2 and "--as-of" in err
    code, _, err = audit(str(CRAFTED), "--fail-on", "sometimes")
    assert code == 2


def test_unreadable_input_exits_3(tmp_path: Path) -> None:
    broken = tmp_path / "chat.zip"
    broken.write_bytes(b"PK\x03\x04kaputt")
    code, out, err = audit(str(broken), *BASE, "--format", "json")
    assert code == 3
    assert json.loads(out)["archives"][0]["error"]
    assert "Traceback" not in err


def test_the_readme_example_audit(tmp_path: Path) -> None:
    out = tmp_path / "audit.html"
    code, _, err = audit(
        str(REPO_ROOT / "examples"),
        "--profile",
        str(REPO_ROOT / "examples" / "practice.yaml"),
        "--as-of",
        "2026-11-27",
        "--format",
        "html",
        "-o",
        str(out),
    )
    assert code == 1, err
    html = out.read_text(encoding="utf-8")
    assert "Elterngruppe Praxis" in html and "Mia Muster" in html
    assert "Suizid" not in html
    # German, as the profile's first language; the summary first, with actions and due dates
    assert '<html lang="de">' in html
    assert html.index("Zusammenfassung") < html.index("Was zuerst zu tun ist")
    assert html.index("Was zuerst zu tun ist") < html.index("<h2>Archive</h2>")
    assert "1 Befund verlangt sofortiges Handeln" in html
    assert "TelefonSeelsorge" in html and "kein Notfallkanal" in html
    # the profile agrees Signal; the example chats are WhatsApp
    assert "Chat über WhatsApp; das Praxisprofil sieht diesen Messenger" in html
    assert "Abzeichnung" in html and "Datenschutzbeauftragte/r: Name, Datum, Unterschrift" in html


def test_progress_only_for_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = audit(str(CRAFTED), *BASE, "--format", "json")
    assert "Auditing" not in err
    from compliance.cli import audit as audit_cli

    monkeypatch.setattr(audit_cli, "stderr_is_terminal", lambda: True)
    code, _, err = audit(str(CRAFTED), *BASE, "--format", "json")
    assert "1/1 archives, 8 messages (" in err and err.startswith("\rAuditing…")
    assert code == 1
    code, _, err = audit(str(CRAFTED), *BASE, "--format", "json", "--quiet")
    assert code == 1 and err == ""  # no progress, no summary: the exit code still tells
