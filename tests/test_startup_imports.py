"""Each command loads only what it needs, so that a fresh process starts fast.

``benchmarks/archives.py`` times ``compliance inspect`` with process start-up included;
imports were half of it. Nothing is timed here: the tests run a command in a fresh
interpreter and check which modules it loaded, so that an eager import added back
(a command module in ``compliance/cli/__init__.py``, ``import ijson`` at the top of a
reader) fails a test instead of slowing every run unnoticed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
WHATSAPP_CHAT = REPO / "tests" / "data" / "whatsapp" / "android_de_24h.txt"

# Runs the command line like the console script does, then lists the loaded modules.
_PROBE = """
import json, sys
from compliance.cli import main

modules_file, sys.argv = sys.argv[1], ["compliance", *sys.argv[2:]]
try:
    main()
finally:
    with open(modules_file, "w", encoding="utf-8") as handle:
        json.dump(sorted(sys.modules), handle)
"""

# Heavy libraries and the parts of compliance that no command but their own needs.
_ENGINES = (
    "pydantic",
    "reportlab",
    "docx",
    "yaml",
    "holidays",
    "phonenumbers",
    "stdnum",
    "ahocorasick",
    "pyzipper",
    "compliance.profile",
    "compliance.documents",
    "compliance.detectors",
    "compliance.audit.engine",
    "compliance.audit.policy",
    "compliance.audit.rules",
)
# What reading a WhatsApp .txt does not need either.
_NOT_FOR_INSPECT = (
    *_ENGINES,
    "compliance.audit",
    "compliance.reports",
    "compliance.render",
    "compliance.cli.audit",
    "compliance.cli.documents",
    "compliance.cli.scan",
    "ijson",
    "decimal",
    "html.parser",
    "compliance.archives.telegram_html_page",
)


def _loaded_by(tmp_path: Path, *args: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    modules_file = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(modules_file), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return set(json.loads(modules_file.read_text(encoding="utf-8"))), result


def _offending(loaded: set[str], unwanted: tuple[str, ...]) -> list[str]:
    return sorted(
        module
        for module in loaded
        if any(module == name or module.startswith(name + ".") for name in unwanted)
    )


def test_inspect_of_a_whatsapp_chat_loads_no_engine(tmp_path: Path) -> None:
    loaded, result = _loaded_by(tmp_path, "inspect", str(WHATSAPP_CHAT), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["archives"][0]["format"] == "whatsapp"
    assert "compliance.archives.whatsapp" in loaded  # the probe saw the real read
    assert _offending(loaded, _NOT_FOR_INSPECT) == []


def test_inspect_of_a_small_chat_starts_no_process_machinery(tmp_path: Path) -> None:
    loaded, result = _loaded_by(tmp_path, "inspect", str(WHATSAPP_CHAT))
    assert result.returncode == 0, result.stderr
    assert _offending(loaded, ("multiprocessing", "concurrent.futures")) == []


def test_scan_loads_no_profile_models(tmp_path: Path) -> None:
    loaded, result = _loaded_by(
        tmp_path, "scan", "--format", "json", "Meine IBAN: DE89 3704 0044 0532 0130 00"
    )
    assert result.returncode == 1, result.stderr  # 1: something was found
    assert json.loads(result.stdout)["findings"][0]["category"] == "IBAN"
    unwanted = ("pydantic", "yaml", "email_validator", "compliance.profile", "compliance.catalog")
    assert _offending(loaded, (*unwanted, "compliance.archives", "compliance.audit")) == []


def test_audit_to_json_loads_no_renderer_and_no_worker_processes(tmp_path: Path) -> None:
    report = tmp_path / "audit.json"
    args = ["audit", "examples/exports", "--profile", "examples/practice.yaml"]
    loaded, result = _loaded_by(tmp_path, *args, "--format", "json", "-o", str(report))
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert "compliance.audit.engine" in loaded
    unwanted = ("reportlab", "docx", "compliance.documents", "compliance.render", "multiprocessing")
    assert _offending(loaded, (*unwanted, "compliance.cli.archives", "compliance.cli.scan")) == []


def test_audit_without_a_profile_loads_no_profile_models(tmp_path: Path) -> None:
    report = tmp_path / "audit.json"
    args = ["audit", "examples/exports", "--me", "Anna Beispiel", "--format", "json"]
    loaded, result = _loaded_by(tmp_path, *args, "-o", str(report))
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert _offending(loaded, ("pydantic", "email_validator", "compliance.profile")) == []


def test_help_loads_no_engine(tmp_path: Path) -> None:
    loaded, result = _loaded_by(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    assert "inspect" in result.stdout and "audit" in result.stdout
    readers = ("compliance.archives.detect", "compliance.archives.registry", "zipfile")
    assert _offending(loaded, (*_ENGINES, *readers)) == []


@pytest.mark.parametrize(
    ("command", "own_module"),
    [
        ("inspect", "compliance.cli.archives"),
        ("audit", "compliance.cli.audit"),
        ("scan", "compliance.cli.scan"),
        ("init", "compliance.cli.documents"),
    ],
)
def test_a_command_loads_only_its_own_cli_module(
    tmp_path: Path, command: str, own_module: str
) -> None:
    loaded, result = _loaded_by(tmp_path, command, "--help")
    assert result.returncode == 0, result.stderr
    cli_modules = {m for m in loaded if m.startswith("compliance.cli.")}
    # the shared helpers of several commands (zip passwords, output and progress) may load
    shared = {"compliance.cli.zip_password", "compliance.cli.output", "compliance.cli.progress"}
    assert cli_modules - shared == {own_module}
