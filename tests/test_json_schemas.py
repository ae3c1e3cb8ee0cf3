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
    "audit-report.schema.json": (
        "2.0",
        "9cc0fd05a2bcb5f3a4d3832864419f599c471562bb981210a32a2690ded93259",
    ),
    "record.schema.json": (
        "1",
        "f4f786dad8a549b2ff63a76d0625df619d2eaedd9f170c2cfc2960acfea79855",
    ),
    "checklist-run.schema.json": (
        "1",
        "89d84bf39150d7329b038caa93c86ae2de564c667e75481e6853570e099493d4",
    ),
    "messenger-comparison.schema.json": (
        "1",
        "dcef902c1a47511f4d328f08698436008fd2ca1609c2251b08ce71683834643f",
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


def _written_version(name: str) -> str:
    """The schema_version the command writes: the schema's const, else the module's constant."""
    declared = _schema(name)["properties"]["schema_version"]
    if "const" in declared:
        return str(declared["const"])
    from compliance.audit.report import SCHEMA_VERSION as AUDIT
    from compliance.records.export import SCHEMA_VERSION as RECORD

    return str({"audit-report.schema.json": AUDIT, "record.schema.json": RECORD}[name])


def test_every_schema_is_pinned() -> None:
    assert {path.name for path in schema_path("x").parent.glob("*.json")} == set(PINNED)


@pytest.mark.parametrize("name", sorted(PINNED))
def test_a_schema_changes_only_with_its_version(name: str) -> None:
    version, pinned_hash = PINNED[name]
    text = schema_path(name).read_bytes()
    assert _written_version(name) == version
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
