"""YAML data files read through their JSON copy in the cache: same content, re-read on change."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from compliance.datadir import data_root
from compliance.datayaml import load_yaml_data, parse_yaml


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "compliance" / "data"


@pytest.mark.parametrize(
    "name",
    ["templates/report/de.yaml", "templates/report/en.yaml", "templates/report/actions.yaml"],
)
def test_cached_copy_holds_what_yaml_parses(cache: Path, name: str) -> None:
    path = data_root() / name
    first = load_yaml_data(path)  # parsed, and kept
    assert len(list(cache.glob("*.json"))) == 1
    second = load_yaml_data(path)  # from the cache
    assert first == second == parse_yaml(path.read_bytes())


def test_changed_file_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "texts.yaml"
    path.write_text("greeting: Hallo\n", encoding="utf-8")
    assert load_yaml_data(path) == {"greeting": "Hallo"}
    path.write_text("greeting: Grüß Gott\n", encoding="utf-8")
    assert load_yaml_data(path) == {"greeting": "Grüß Gott"}
    assert len(list(cache.glob("*.json"))) == 2


def test_content_json_cannot_hold_is_parsed_every_time(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("checked_on: 2026-11-27\n1: one\n", encoding="utf-8")
    expected = {"checked_on": datetime.date(2026, 11, 27), 1: "one"}
    assert load_yaml_data(path) == expected
    assert load_yaml_data(path) == expected
    assert not list(cache.glob("*.json"))


def test_selected_part_is_kept_under_its_own_name(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "numbers.yaml"
    path.write_text("checked_on: 2026-11-27\nnumbers: ['112', '110']\n", encoding="utf-8")
    assert load_yaml_data(path, lambda data: data["numbers"], "numbers") == ["112", "110"]
    assert load_yaml_data(path, lambda data: data["numbers"], "numbers") == ["112", "110"]
    assert [p.name.split("-")[2] for p in cache.glob("*.json")] == ["numbers"]


def test_damaged_copy_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "texts.yaml"
    path.write_text("greeting: Hallo\n", encoding="utf-8")
    load_yaml_data(path)
    for copy in cache.glob("*.json"):
        copy.write_bytes(b"{damaged")
    assert load_yaml_data(path) == {"greeting": "Hallo"}


def test_audit_with_a_warm_cache_does_not_import_yaml(tmp_path: Path) -> None:
    chat = Path(__file__).resolve().parent / "data" / "whatsapp" / "android_de_24h.txt"
    probe = (
        "import sys\n"
        "from compliance.cli import main\n"
        "sys.argv = ['compliance', 'audit', sys.argv[1], '--format', 'json', '--fail-on',"
        " 'never', '-o', sys.argv[2], '--force']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('yaml' in sys.modules)\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", "LANG": "de_DE"}
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe, str(chat), str(tmp_path / "out.json")],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout.split()[-1]
        for _ in range(2)
    ]
    assert runs[1] == "False"
