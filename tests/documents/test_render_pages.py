"""The PDF renders to real pages (as a client would see them), using poppler's pdftoppm."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from compliance.documents.consent import build_consent
from compliance.profile import load_profile
from compliance.render.pdf import render_pdf
from tests.conftest import REPO_ROOT


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)
def test_every_page_renders_with_ink_and_a_footer(tmp_path: Path) -> None:
    profile = load_profile(REPO_ROOT / "examples" / "practice.yaml")
    pdf = tmp_path / "consent.pdf"
    pdf.write_bytes(render_pdf(build_consent(profile, "de", client="Łukasz Wójcik")))
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert len(pages) >= 2
    for page in pages:
        data = page.read_bytes()
        pixels = data[data.index(b"255\n") + 4 :]  # PGM header ends with the maximum value
        dark = sum(1 for value in pixels if value < 128)
        assert dark > len(pixels) * 0.005, f"{page.name} looks blank"
        # the footer sits in the bottom tenth of every page
        width = int(data.split(b"\n")[1].split()[0])
        footer = pixels[-(len(pixels) // 10) :]
        # (small grey type: at 40 dpi its darkest pixels are light grey, so count them)
        assert sum(1 for value in footer if value < 200) > 20, f"{page.name} has no footer"
        assert width > 0
