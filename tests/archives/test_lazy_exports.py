"""The names of ``compliance.archives`` load on first use and are the modules' own objects."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import compliance.archives as archives

REPO = Path(__file__).resolve().parents[2]


def test_every_public_name_has_a_module_and_no_other_does() -> None:
    assert sorted(archives.MODULE_OF) == sorted(archives.__all__)


def test_type_checkers_see_the_same_names_from_the_same_modules() -> None:
    tree = ast.parse(Path(archives.__file__).read_text(encoding="utf-8"))
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    seen = {
        alias.name: (node.module or "").removeprefix("compliance.archives.")
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert seen == archives.MODULE_OF


@pytest.mark.parametrize("name", archives.__all__)
def test_a_public_name_is_the_object_of_its_module(name: str) -> None:
    module = importlib.import_module(f"compliance.archives.{archives.MODULE_OF[name]}")
    assert getattr(archives, name) is getattr(module, name)
    assert name in dir(archives)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="open_everything"):
        archives.open_everything  # noqa: B018
    with pytest.raises(ImportError):
        from compliance.archives import open_everything  # type: ignore[attr-defined]  # noqa: F401


def test_the_models_load_without_the_readers() -> None:
    code = (
        "import json, sys\n"
        "from compliance.archives import ArchiveFormat, DateOrder, ZipPasswords\n"
        "loaded = [m for m in sys.modules if m.startswith('compliance.archives.')]\n"
        "print(json.dumps(sorted(loaded)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [
        "compliance.archives.model",
        "compliance.archives.passwords",
    ]
