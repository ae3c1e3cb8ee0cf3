"""Conformance: ``compliance inspect`` on every real sample export in ../shared/samples.

The expected figures in conformance_expected.json were checked by reading each sample;
the test skips when ../shared is not beside the repository.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tests.archives.golden import inspect_json

EXPECTED_FILE = Path(__file__).with_name("conformance_expected.json")
CHAT_SUFFIXES = {".txt", ".zip", ".json", ".md", ".html"}


def _samples(samples_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in samples_dir.rglob("*")
        if p.is_file() and p.parent != samples_dir and p.suffix.lower() in CHAT_SUFFIXES
    )


def _relative(data: Any, samples_dir: Path) -> Any:
    text = json.dumps(data, ensure_ascii=False).replace(str(samples_dir) + "/", "")
    return json.loads(text)


def test_every_sample_reads_as_expected(samples_dir: Path) -> None:
    results: dict[str, Any] = {}
    for sample in _samples(samples_dir):
        code, data, stderr = inspect_json(sample)
        assert code == 0, f"{sample}: {stderr}"
        results[str(sample.relative_to(samples_dir))] = _relative(data, samples_dir)
    if os.environ.get("COMPLIANCE_UPDATE_GOLDEN"):
        EXPECTED_FILE.write_text(
            json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    expected = json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))
    missing = sorted(set(results) - set(expected))
    assert not missing, f"samples without expected figures: {missing}"
    for name, result in results.items():
        assert result == expected[name], name
