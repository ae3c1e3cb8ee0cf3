"""Golden texts of the messenger-use agreement: its wording changes only on purpose.

Run with ``UPDATE_GOLDEN=1`` to rewrite them after an intended change to the template, the
catalogue's facts or the emergency numbers, then review the diff like any change to legal text.
"""

from __future__ import annotations

import os
from datetime import date

import pytest

from compliance.documents.agreement import build_agreement
from compliance.profile import load_profile
from tests.conftest import REPO_ROOT

GOLDEN = REPO_ROOT / "tests" / "data" / "documents"
CASES = [
    ("agreement_example_de", "de", {"client": "Şükrü Yılmaz"}),
    ("agreement_example_minor_en", "en", {"minor": True}),
]


@pytest.mark.parametrize(("name", "language", "options"), CASES, ids=[c[0] for c in CASES])
def test_agreement_text_matches_golden(
    name: str, language: str, options: dict[str, object]
) -> None:
    profile = load_profile(REPO_ROOT / "examples" / "practice.yaml")
    document = build_agreement(profile, language, as_of=date(2026, 12, 7), **options)  # type: ignore[arg-type]
    text = document.text() + "\n" + document.meta.footer + "\n"
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")
