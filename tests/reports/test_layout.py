"""Readable layout: no word broken in the middle, long paths shortened in the middle."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from compliance.cli import cli
from compliance.reports.pdf_layout import wrap_token
from compliance.reports.presentation import shorten_middle
from tests.conftest import REPO_ROOT

# words of the report and of the paths: a line may end after a separator (/ . _ -) or with a
# hyphen a syllable break added, never inside one of these
LONG_TOKENS = [
    "WhatsApp",
    "Elterngruppe",
    "Sensible",
    "Gruppenchat",
    "Telefonnummer",
    "TelefonSeelsorge",
    "Dokumente",
    "November",
    "Datenschutz",
]


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("layout")
    # a long folder name, as exports saved in a cloud folder have
    deep = folder / "Praxis Dokumente" / "Datenschutz-Prüfungen" / "2026" / "November"
    deep.mkdir(parents=True)
    for source in (REPO_ROOT / "examples" / "exports").iterdir():
        (deep / source.name).write_bytes(source.read_bytes())
    texts = {}
    for fmt in ("pdf", "html"):
        out = folder / f"audit.{fmt}"
        result = CliRunner().invoke(
            cli,
            [
                "audit",
                str(deep),
                "--profile",
                str(REPO_ROOT / "examples" / "practice.yaml"),
                "--as-of",
                "2026-11-27",
                "--format",
                fmt,
                "-o",
                str(out),
            ],
        )
        assert result.exit_code == 1, result.stderr
        if fmt == "pdf":
            reader = PdfReader(io.BytesIO(out.read_bytes()))
            texts[fmt] = "\n".join(page.extract_text() or "" for page in reader.pages)
        else:
            texts[fmt] = out.read_text(encoding="utf-8")
    return texts


def test_pdf_breaks_no_word_in_the_middle(example_reports: dict[str, str]) -> None:
    text = example_reports["pdf"]
    for token in LONG_TOKENS:
        for cut in range(1, len(token)):
            split = f"{token[:cut]}\n{token[cut:]}"
            assert split not in text, split  # a break without a hyphen, inside the token


def test_html_breaks_only_after_separators(example_reports: dict[str, str]) -> None:
    html = example_reports["html"]
    style = html[html.index("<style>") : html.index("</style>")]
    assert "table.findings td { overflow-wrap: break-word; hyphens: auto; }" in style
    assert re.findall(r"(?<![/._])<wbr>", html) == []
    # long paths are shortened in the middle, the full path in a tooltip
    assert re.search(r'<span title="[^"]*Datenschutz-Prüfungen/2026/November/WhatsApp Chat', html)
    assert "…" in html


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short.txt", 20, "short.txt"),
        ("exports/2026/November/WhatsApp Chat mit Mia.txt", 30, "exports/20…pp Chat mit Mia.txt"),
    ],
)
def test_shorten_middle(text: str, limit: int, expected: str) -> None:
    assert shorten_middle(text, limit) == expected
    assert len(shorten_middle(text, limit)) <= limit


@pytest.mark.parametrize(
    ("token", "width", "expected"),
    [
        ("short", 20, "short"),
        ("a/very/long/path/to/chat.txt", 12, "a/very/long/<br/>path/to/<br/>chat.txt"),
        ("phone_numbers_visible", 10, "phone_<br/>numbers_<br/>visible"),
        ("x&y/<b>", 3, "x&amp;y/<br/>&lt;b&gt;"),
    ],
)
def test_wrap_token_breaks_at_separators(token: str, width: int, expected: str) -> None:
    assert wrap_token(token, width) == expected


def test_screenshot_of_the_summary_is_in_the_docs() -> None:
    picture = REPO_ROOT / "docs" / "audit-summary-de.png"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "docs/audit-summary-de.png" in (REPO_ROOT / "README.md").read_text("utf-8")
    assert Path(picture).stat().st_size > 20_000


@pytest.mark.skipif(
    shutil.which("chromium") is None and shutil.which("chromium-browser") is None,
    reason="chromium is not installed; the HTML's break points are still checked above",
)
def test_html_printed_by_chromium_breaks_no_word_in_the_middle(
    example_reports: dict[str, str], tmp_path: Path
) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium is not None
    page = tmp_path / "audit.html"
    page.write_text(example_reports["html"], encoding="utf-8")
    printed = tmp_path / "audit.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={printed}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    reader = PdfReader(io.BytesIO(printed.read_bytes()))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    assert "Zusammenfassung" in text
    for token in LONG_TOKENS:
        for cut in range(1, len(token)):
            assert f"{token[:cut]}\n{token[cut:]}" not in text, token
