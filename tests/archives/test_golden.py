"""Golden cases: every file or folder in tests/data/<format>/ against its .expected.json.

A new case is a new file. Set COMPLIANCE_UPDATE_GOLDEN=1 to write the expected files
(then read the diff: the golden file is the specification of that case).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from compliance.archives import ArchiveFormat
from tests.archives.golden import DATA, case_result

# tests/data also holds other kinds of golden files (documents, reports); only the
# folders named after an archive format are reader cases.
CASES = sorted(
    p
    for folder in DATA.iterdir()
    if folder.is_dir() and folder.name in {f.value for f in ArchiveFormat}
    for p in folder.iterdir()
    if not p.name.endswith(".expected.json")
)


def _expected_path(case: Path) -> Path:
    stem = case.name.rsplit(".", 1)[0] if case.is_file() else case.name
    return case.parent / f"{stem}.expected.json"


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case_matches_golden(case: Path, tmp_path: Path) -> None:
    result = case_result(case, tmp_path)
    expected_path = _expected_path(case)
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        expected_path.write_text(
            json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    assert expected_path.exists(), f"no golden file {expected_path.name}"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert result == expected


def test_every_format_has_cases() -> None:
    formats = {case.parent.name for case in CASES}
    assert formats >= {
        "whatsapp",
        "telegram",
        "signal",
        "threema",
        "matrix",
        "facebook",
        "instagram",
    }
