"""Golden texts of the record, notice, retention schedule and measures for the example.

Run with ``UPDATE_GOLDEN=1`` after an intended change and review the diff like any change
to legal text.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

import pytest

from compliance.documents.measures import build_measures
from compliance.documents.model import Document
from compliance.documents.notice import build_notice
from compliance.documents.record import build_record
from compliance.documents.retention import build_retention
from compliance.profile import PracticeProfile, load_profile
from tests.conftest import REPO_ROOT
from tests.documents.conftest import EXAMPLE

GOLDEN = REPO_ROOT / "tests" / "data" / "documents"
GENERATED = date(2026, 12, 7)

BUILDERS: dict[str, Callable[[PracticeProfile, str], Document]] = {
    "record": lambda p, lang: build_record(p, lang, generated=GENERATED),
    "notice": build_notice,
    "retention": lambda p, lang: build_retention(p, lang, generated=GENERATED),
    "measures": lambda p, lang: build_measures(p, lang, generated=GENERATED),
}
CASES = [(kind, lang) for kind in BUILDERS for lang in ("de", "en")]


@pytest.mark.parametrize(("kind", "language"), CASES, ids=[f"{k}_{lang}" for k, lang in CASES])
def test_text_matches_golden(kind: str, language: str) -> None:
    document = BUILDERS[kind](load_profile(EXAMPLE), language)
    text = document.text() + "\n" + document.meta.footer + "\n"
    golden = GOLDEN / f"{kind}_example_{language}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")
