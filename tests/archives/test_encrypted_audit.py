"""``compliance audit`` on encrypted zips, and the password in no output of either command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from compliance.cli import cli
from compliance.cli import zip_password as cli_password
from tests.archives.encrypted_zips import (
    PASSWORD,
    WHATSAPP_CHAT,
    password_file,
    threema_zip,
    write_aes_zip,
)

pytestmark = pytest.mark.usefixtures("no_zip_password")

AUDIT_BASE = ["--me", "Ich", "--as-of", "2024-03-01", "--tz", "Europe/Berlin"]


def invoke(args: list[str], input: str | None = None) -> Result:
    return CliRunner().invoke(cli, args, input=input)


def _audit_json(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_audit_reads_an_aes_threema_export(tmp_path: Path) -> None:
    archive = threema_zip(tmp_path / "Threema-Export.zip")
    result = invoke(
        ["audit", str(archive), *AUDIT_BASE, "--format", "json",
         "--password-file", str(password_file(tmp_path))]
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.stderr
    report = _audit_json(result)
    [info] = report["archives"]
    assert info["format"] == "threema"
    assert info["messages"] == 5
    assert info["error"] is None


def test_audit_with_the_environment_variable_and_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    threema_zip(folder / "Threema-Export.zip")
    (folder / "chat.txt").write_text(WHATSAPP_CHAT, encoding="utf-8")
    monkeypatch.setenv(cli_password.PASSWORD_ENV, PASSWORD)
    result = invoke(["audit", str(folder), *AUDIT_BASE, "--format", "json", "--jobs", "2"])
    assert result.exit_code in (0, 1), result.stderr
    archives = _audit_json(result)["archives"]
    assert sorted((a["format"], a["messages"]) for a in archives) == [
        ("threema", 5),
        ("whatsapp", 2),
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_audit_of_a_folder_reports_the_encrypted_zip_and_audits_the_rest(
    tmp_path: Path, jobs: str
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    encrypted = threema_zip(folder / "Threema-Export.zip")
    (folder / "chat.txt").write_text(WHATSAPP_CHAT, encoding="utf-8")
    result = invoke(["audit", str(folder), *AUDIT_BASE, "--format", "json", "--jobs", jobs])
    # nothing at or above high, but an input could not be read: never a clean result
    assert result.exit_code == 3, result.stderr
    by_path = {a["path"]: a for a in _audit_json(result)["archives"]}
    assert by_path[str(folder / "chat.txt")]["messages"] == 2
    failed = by_path[str(encrypted)]
    assert failed["messages"] == 0
    assert "the zip is password-protected" in failed["error"]
    assert "--password-file" in failed["error"]
    assert failed["status"] == "unreadable"


def test_audit_of_only_an_encrypted_zip_without_password_exits_3(tmp_path: Path) -> None:
    archive = threema_zip(tmp_path / "Threema-Export.zip")
    result = invoke(["audit", str(archive), *AUDIT_BASE])
    assert result.exit_code == 3
    assert "password-protected" in result.stdout


def test_audit_wrong_password_is_reported_for_the_file(tmp_path: Path) -> None:
    archive = threema_zip(tmp_path / "Threema-Export.zip")
    result = invoke(
        ["audit", str(archive), *AUDIT_BASE, "--format", "json",
         "--password-file", str(password_file(tmp_path, "falsch"))]
    )  # fmt: skip
    assert result.exit_code == 3
    [info] = _audit_json(result)["archives"]
    assert info["path"] == str(archive)
    assert "wrong password for this encrypted zip" in info["error"]


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_the_password_appears_in_no_output(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    threema_zip(folder / "Threema-Export.zip")
    write_aes_zip(folder / "other.zip", {"messages.txt": "[01.03.24, 10:00] Ich: x\n"}, b"anders")
    secret = password_file(tmp_path)
    before = set(tmp_path.rglob("*"))
    inspect_format = "json" if fmt == "json" else "text"
    commands = [
        ["inspect", str(folder), "--format", inspect_format],
        ["audit", str(folder), *AUDIT_BASE, "--format", fmt, "--jobs", "2"],
        ["audit", str(folder), *AUDIT_BASE, "--format", fmt],
    ]
    outputs: list[str] = []
    reports: set[Path] = set()
    for index, command in enumerate(commands):
        report = tmp_path / f"report-{index}.{fmt}"
        reports.add(report)
        for extra in (["-o", str(report)], []):
            result = invoke([*command, "--password-file", str(secret), *extra])
            # inspect read one zip; the audit finds nothing at or above high beside the
            # unreadable other.zip, which is never a clean result
            assert result.exit_code == (0 if command[0] == "inspect" else 3), result.output
            outputs += [result.stdout, result.stderr]
        outputs.append(report.read_text(encoding="utf-8"))
    assert all("wrong password" in text for text in outputs if "other.zip" in text)
    assert sum("Threema-Export.zip" in text for text in outputs) >= 6
    for text in outputs:
        assert PASSWORD not in text
        assert "Kaffee" not in text
    # No temporary or extracted file is left beside the inputs or anywhere else here.
    assert set(tmp_path.rglob("*")) - before == reports
