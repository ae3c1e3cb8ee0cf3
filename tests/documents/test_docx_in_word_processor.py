"""The DOCX opens in a real word processor (LibreOffice) and reads as the same form."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from compliance.documents.consent import build_consent
from compliance.profile import load_profile
from compliance.render.docx import render_docx
from tests.conftest import REPO_ROOT
from tests.documents.conftest import pdf_text

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_docx_with_all_its_content(tmp_path: Path) -> None:
    assert SOFFICE is not None
    profile = load_profile(REPO_ROOT / "examples" / "practice.yaml")
    docx = tmp_path / "consent.docx"
    docx.write_bytes(render_docx(build_consent(profile, "de", client="Łukasz Wójcik", minor=True)))
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = pdf_text((tmp_path / "consent.pdf").read_bytes())
    for expected in (
        "Einwilligung in die Kommunikation per Messenger",
        "Łukasz Wójcik",
        "Art. 9 Abs. 2 lit. a DSGVO",
        "Unterschrift der sorgeberechtigten Person",
        "Seite 1 von",
    ):
        assert expected in text, expected
