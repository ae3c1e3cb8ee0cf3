"""Every JSON output names its schema and version, validates against it, and keeps offsets.

A schema file may only change together with its version: the table below pins each
schema's version to the SHA-256 of its text. Changing a schema means bumping the
``schema_version`` the command writes and updating the row (the test says how).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from compliance.cli import cli
from compliance.datadir import schema_path
from tests.conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
# schema file -> (the version the command writes, SHA-256 of the schema file)
PINNED: dict[str, tuple[str, str]] = {
    "inspect.schema.json": (
        "1",
        "7243144ec91a3a90a00f87427c3eb3fcda3a654bd7edc6939ef9f4fc2c444f1a",
    ),
    "scan.schema.json": (
        "1",
        "17dcfbb00ede0cd16c6b25e43092873d6c982b4c26bc2ae3309bb1d8bb7c6463",
    ),
}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
WITH_OFFSET = re.compile(r"(Z|[+-]\d{2}:\d{2})$")


def _schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return loaded


def _timestamps(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for item in value.values() for t in _timestamps(item)]
    if isinstance(value, list):
        return [t for item in value for t in _timestamps(item)]
    return [value] if isinstance(value, str) and TIMESTAMP.match(value) else []


@pytest.mark.parametrize("name", sorted(PINNED))
def test_a_schema_changes_only_with_its_version(name: str) -> None:
    version, pinned_hash = PINNED[name]
    text = schema_path(name).read_bytes()
    assert str(_schema(name)["properties"]["schema_version"]["const"]) == version
    assert hashlib.sha256(text).hexdigest() == pinned_hash, (
        f"{name} changed: bump its schema_version (in the schema and in the command that "
        f"writes it), then pin the new version and hash here"
    )


def test_inspect_json_validates_and_every_time_has_an_offset() -> None:
    result = CliRunner().invoke(cli, ["inspect", str(EXAMPLES / "exports"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, _schema("inspect.schema.json"))
    assert (data["schema"], data["schema_version"]) == ("compliance/inspect", 1)
    times = _timestamps(data)
    assert times and all(WITH_OFFSET.search(t) for t in times), times


def test_scan_json_and_json_lines_validate() -> None:
    schema = _schema("scan.schema.json")
    text = "Meine IBAN ist DE89 3704 0044 0532 0130 00, ich nehme Sertralin"
    result = CliRunner().invoke(cli, ["scan", "--format", "json", "--text", text])
    jsonschema.validate(json.loads(result.stdout), schema)
    result = CliRunner().invoke(cli, ["scan", "--lines"], input=f"{text}\nHallo\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0] == {"schema": "compliance/scan", "schema_version": 1}
    for record in lines:
        jsonschema.validate(record, schema)


def test_audit_json_names_its_schema_and_keeps_offsets(tmp_path: Path) -> None:
    out = tmp_path / "audit.json"
    result = CliRunner().invoke(
        cli,
        ["audit", str(EXAMPLES), "--profile", str(EXAMPLES / "practice.yaml"),
         "--format", "json", "-o", str(out), "--as-of", "2026-12-01"],
    )
    assert result.exit_code == 1, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "schema_version" in data
    times = _timestamps(data)
    assert times and all(WITH_OFFSET.search(t) for t in times), [
        t for t in times if not WITH_OFFSET.search(t)
    ]
