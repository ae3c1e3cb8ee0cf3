"""Golden texts: the wording of each generated document changes only on purpose.

Run with ``UPDATE_GOLDEN=1`` to rewrite the golden files after an intended change,
then review the diff like any other change to legal text.
"""

from __future__ import annotations

import os

import pytest

from compliance.documents.consent import build_consent
from compliance.profile import load_profile
from tests.conftest import REPO_ROOT

GOLDEN = REPO_ROOT / "tests" / "data" / "documents"
PROFILES = "tests/data/documents/profiles"
CASES = [
    ("consent_example_de", "examples/practice.yaml", "de", {"client": "Şükrü Yılmaz"}),
    ("consent_example_en", "examples/practice.yaml", "en", {"client": "Şükrü Yılmaz"}),
    ("consent_example_minor_de", "examples/practice.yaml", "de", {"minor": True}),
    # The five variants of the legal review (issue 17).
    (
        "consent_de_psychotherapist_whatsapp",
        f"{PROFILES}/de_psychotherapist_whatsapp.yaml",
        "de",
        {},
    ),
    ("consent_de_coach_signal", f"{PROFILES}/de_coach_signal.yaml", "de", {}),
    ("consent_de_heilpraktikerin_threema", f"{PROFILES}/de_heilpraktikerin_threema.yaml", "de", {}),
    (
        "consent_at_psychotherapist_minor",
        f"{PROFILES}/at_psychotherapist_vienna.yaml",
        "de",
        {"minor": True},
    ),
    (
        "consent_ch_psychotherapist_minor",
        f"{PROFILES}/ch_psychotherapist_zurich.yaml",
        "de",
        {"minor": True},
    ),
    ("consent_ch_psychotherapist_en", f"{PROFILES}/ch_psychotherapist_zurich.yaml", "en", {}),
]


@pytest.mark.parametrize(
    ("name", "profile", "language", "options"), CASES, ids=[c[0] for c in CASES]
)
def test_document_text_matches_golden(
    name: str, profile: str, language: str, options: dict[str, object]
) -> None:
    document = build_consent(load_profile(REPO_ROOT / profile), language, **options)  # type: ignore[arg-type]
    text = document.text() + "\n" + document.meta.footer + "\n"
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")
