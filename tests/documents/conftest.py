"""Profiles for document tests: variations of the bundled example."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "examples" / "practice.yaml"


def normalise(text: str) -> str:
    """Collapse all whitespace (line breaks, no-break spaces) to single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return normalise(" ".join(page.extract_text() or "" for page in reader.pages))


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    return normalise(" ".join(parts))


def example_data() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def make_profile(tmp_path: Path) -> Callable[..., Path]:
    """Write a variant of the example profile; ``changes`` maps dotted paths to values."""

    def make(name: str = "practice.yaml", **changes: Any) -> Path:
        data = copy.deepcopy(example_data())
        for dotted, value in changes.items():
            target = data
            keys = dotted.split("__")
            for key in keys[:-1]:
                target = target.setdefault(key, {})
            if value is None:
                target.pop(keys[-1], None)
            else:
                target[keys[-1]] = value
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return make
