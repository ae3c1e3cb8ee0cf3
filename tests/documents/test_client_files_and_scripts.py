"""Per-client file names, no overwriting, and client names in every script a font covers."""

from __future__ import annotations

import hashlib
import io
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from compliance.cli import cli
from tests.documents.conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "examples" / "practice.yaml"

# The German consent form of the bundled example, as PDF: byte-identical on every machine,
# every cache and every fontTools version (the fonts ship as fixed bytes). Update this hash
# only with an intended change of the form or its rendering, and say so in the commit.
EXAMPLE_PDF_SHA256 = "f7274db1a521168a1bd608ee42aa38f8dd268a4961edac78d6b8ba5d355addb7"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_pdf_hash_on_a_fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    code, _, err = run(
        "consent", str(EXAMPLE), "--lang", "de", "--format", "pdf", "-o", str(tmp_path)
    )
    assert code == 0, err
    data = (tmp_path / "consent-messenger_de.pdf").read_bytes()
    assert hashlib.sha256(data).hexdigest() == EXAMPLE_PDF_SHA256
    assert not (tmp_path / "empty-cache").exists(), "rendering a form needs no cache"


def test_named_forms_get_their_own_files_and_nothing_is_overwritten(tmp_path: Path) -> None:
    assert run("consent", str(EXAMPLE), "--lang", "de", "-o", str(tmp_path))[0] == 0
    for client in ("Anna Schmidt", "Anna Schmidt ", "محمد علي", "דוד כהן"):
        code, _, err = run(
            "consent", str(EXAMPLE), "--lang", "de", "--client", client, "-o", str(tmp_path)
        )
        assert code == 0, err  # "Anna Schmidt " is "Anna Schmidt" again: the same bytes, no change
    names = sorted(path.name for path in tmp_path.iterdir())
    assert len(names) == 8, names  # the blank form and three named clients, PDF and DOCX each
    assert "consent-messenger_de.pdf" in names
    assert sum(name.startswith("consent-messenger_client-") for name in names) == 4
    # an existing file with other content is never replaced without --force
    schmidt = next(tmp_path.glob("consent-messenger_anna-schmidt-*_de.pdf"))
    schmidt.write_bytes(b"signed copy")
    code, _, err = run(
        "consent", str(EXAMPLE), "--lang", "de", "--client", "Anna Schmidt", "-o", str(tmp_path)
    )
    assert code == 2 and "already exists" in err and "--force" in err
    assert schmidt.read_bytes() == b"signed copy"


def test_an_existing_file_stops_the_run_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "consent-messenger_en.pdf").write_bytes(b"earlier form")
    code, _, err = run("onboard", str(EXAMPLE), "-o", str(tmp_path))
    assert code == 2 and "consent-messenger_en.pdf already exists" in err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["consent-messenger_en.pdf"]
    assert (tmp_path / "consent-messenger_en.pdf").read_bytes() == b"earlier form"
    code, _, err = run("onboard", str(EXAMPLE), "-o", str(tmp_path), "--force")
    assert code == 0, err
    assert (tmp_path / "consent-messenger_en.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    "name",
    [
        "Şükrü Yılmaz",
        "Nguyễn Thị Minh Khai",
        "Łukasz Wójcik-Ødegård",
        "Νίκος Παπαδόπουλος",
        "Ольга Іванова",
        "محمد علي",
        "דוד כהן",
    ],
)
def test_client_names_print_in_their_script(tmp_path: Path, name: str) -> None:
    code, out, err = run(
        "consent",
        str(EXAMPLE),
        "--lang",
        "de",
        "--format",
        "pdf",
        "--client",
        name,
        "-o",
        str(tmp_path),
    )
    assert code == 0, err
    text = PdfReader(io.BytesIO(Path(out.strip()).read_bytes())).pages[0].extract_text()
    line = next(line for line in text.splitlines() if line.startswith("Klientin/Klient"))
    printed = unicodedata.normalize("NFKC", line.split(":", 1)[1]).strip()
    # Right-to-left names are stored in visual order, and Arabic in its letter forms; NFKC
    # gives the letters back, and the reading order must be the name's.
    assert printed == unicodedata.normalize("NFKC", name) or printed[::-1] == name


def test_a_name_no_font_covers_is_refused(tmp_path: Path) -> None:
    for name in ("王小明", "Тарас 𐌰𐌱"):  # CJK without the optional fonts; Gothic letters
        code, _, err = run(
            "consent", str(EXAMPLE), "--format", "pdf", "--client", name, "-o", str(tmp_path)
        )
        assert code == 3
        assert err.startswith("Error: --client: holds characters that no bundled font can print")
        assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
