"""``compliance inspect`` on encrypted zips: where the password comes from, and its errors."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from compliance.cli import cli
from compliance.cli import zip_password as cli_password
from tests.archives.encrypted_zips import (
    CHAT_NAME,
    PASSWORD,
    THREEMA_CHAT,
    THREEMA_MEMBERS,
    WHATSAPP_CHAT,
    break_hmac,
    password_file,
    threema_zip,
    write_aes_zip,
    write_zipcrypto_zip,
)

pytestmark = pytest.mark.usefixtures("no_zip_password")


def invoke(args: list[str], input: str | None = None) -> Result:
    return CliRunner().invoke(cli, args, input=input)


def _only_entry(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)["archives"]
    assert len(data) == 1
    entry: dict[str, Any] = data[0]
    return entry


def test_inspect_reads_an_aes_threema_export_with_a_password_file(tmp_path: Path) -> None:
    archive = threema_zip(tmp_path / "Threema-Export.zip")
    entry = _only_entry(
        invoke(
            [
                "inspect",
                str(archive),
                "--format",
                "json",
                "--password-file",
                str(password_file(tmp_path)),
            ]
        )
    )
    assert entry["format"] == "threema"
    assert (entry["entries"], entry["authored"], entry["system"], entry["media"]) == (5, 5, 0, 2)
    assert entry["participants"] == ["Frau Winter", "Ich"]
    assert (entry["first"], entry["last"]) == (
        "2024-02-03T18:01:00+01:00",
        "2024-02-05T09:00:00+01:00",
    )
    assert entry["skipped"] == 0
    assert entry["warnings"] == []


def test_inspect_reads_the_password_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = threema_zip(tmp_path / "Threema-Export.zip")
    monkeypatch.setenv(cli_password.PASSWORD_ENV, PASSWORD)
    entry = _only_entry(invoke(["inspect", str(archive), "--format", "json"]))
    assert entry["format"] == "threema"
    assert entry["entries"] == 5


def test_password_file_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = threema_zip(tmp_path / "t.zip")
    monkeypatch.setenv(cli_password.PASSWORD_ENV, "not-the-password")
    result = invoke(["inspect", str(archive), "--password-file", str(password_file(tmp_path))])
    assert result.exit_code == 0, result.stderr


def test_password_file_takes_only_its_first_line_with_spaces_kept(tmp_path: Path) -> None:
    spaced = "  zwei Wörter  "
    archive = threema_zip(tmp_path / "t.zip", spaced)
    secret = tmp_path / "pw.txt"
    secret.write_bytes(("\ufeff" + spaced + "\r\nsecond line, ignored\r\n").encode("utf-8"))
    result = invoke(["inspect", str(archive), "--password-file", str(secret)])
    assert result.exit_code == 0, result.stderr


EMPTY_FIRST_LINE = "the first line is empty; it must hold the password"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", EMPTY_FIRST_LINE),
        (b"\nsecret-on-line-two\n", EMPTY_FIRST_LINE),
        (b"Gr\xfc\xdfe-latin-1\n", "the password file is not UTF-8 text"),
    ],
)
def test_unusable_password_file_is_a_clear_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    archive = threema_zip(tmp_path / "t.zip")
    secret = tmp_path / "pw.txt"
    secret.write_bytes(content)
    result = invoke(["inspect", str(archive), "--password-file", str(secret)])
    assert result.exit_code == 3
    assert result.stderr == f"{secret}: {message}\n"
    assert result.stdout == ""


def test_wrong_password_is_a_clear_error_without_traceback(tmp_path: Path) -> None:
    archive = threema_zip(tmp_path / "Threema-Export.zip")
    wrong = password_file(tmp_path, "Kaffee&Kuchen-2023!")
    result = invoke(["inspect", str(archive), "--password-file", str(wrong)])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == f"{archive}: wrong password for this encrypted zip"
    assert "no readable chat export was found" in result.stderr
    assert "status:       unreadable: wrong password" in result.stdout
    assert "Kaffee" not in result.output


def test_no_password_and_no_terminal_names_the_file_and_the_ways_to_give_one(
    tmp_path: Path,
) -> None:
    archive = threema_zip(tmp_path / "Threema-Export.zip")
    result = invoke(["inspect", str(archive)])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"{archive}: the zip is password-protected")
    assert "--password-file FILE" in result.stderr
    assert "COMPLIANCE_ZIP_PASSWORD" in result.stderr
    assert "no terminal" in result.stderr


def test_the_other_inputs_are_read_when_an_encrypted_zip_cannot_be(tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    threema_zip(tmp_path / "exports" / "Threema.zip")
    (tmp_path / "exports" / "chat.txt").write_text(WHATSAPP_CHAT, encoding="utf-8")
    result = invoke(["inspect", str(tmp_path / "exports"), "--format", "json"])
    assert result.exit_code == 0
    entries = json.loads(result.stdout)["archives"]
    statuses = [(entry["format"], entry["status"]) for entry in entries]
    assert statuses == [("whatsapp", "read"), (None, "unreadable")]
    assert "Threema.zip: the zip is password-protected" in result.stderr


def test_a_terminal_is_asked_once_and_the_answer_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_password, "stdin_is_terminal", lambda: True)
    folder = tmp_path / "exports"
    folder.mkdir()
    first = threema_zip(folder / "a-Threema.zip")
    threema_zip(folder / "b-Threema.zip")
    result = invoke(["inspect", str(folder), "--format", "json"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.stderr
    assert [entry["entries"] for entry in json.loads(result.stdout)["archives"]] == [5, 5]
    assert result.stderr.count("Password for") == 1
    assert f"Password for {first}" in result.stderr
    assert PASSWORD not in result.output  # hidden input is not echoed


def test_plain_zips_never_ask(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_password, "stdin_is_terminal", lambda: True)
    plain = tmp_path / "WhatsApp Chat - Jana.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("_chat.txt", WHATSAPP_CHAT)
    result = invoke(["inspect", str(plain)], input="")
    assert result.exit_code == 0, result.stderr
    assert "Password" not in result.output


def test_plain_zipcrypto_zip_of_another_format_goes_the_same_way(tmp_path: Path) -> None:
    archive = write_zipcrypto_zip(
        tmp_path / "WhatsApp Chat - Jana.zip", {"_chat.txt": WHATSAPP_CHAT}, PASSWORD.encode()
    )
    entry = _only_entry(
        invoke(
            [
                "inspect",
                str(archive),
                "--format",
                "json",
                "--password-file",
                str(password_file(tmp_path)),
            ]
        )
    )
    assert (entry["format"], entry["entries"], entry["participants"]) == (
        "whatsapp",
        2,
        ["Jana", "Paul"],
    )
    wrong = invoke(["inspect", str(archive), "--password-file", str(password_file(tmp_path, "x"))])
    assert wrong.exit_code == 3
    assert "wrong password for this encrypted zip" in wrong.stderr


@pytest.mark.parametrize("repeat", [1, 300])  # within and past the 64 KiB detection reads
def test_a_failed_integrity_check_is_a_warning_after_reading_all(
    tmp_path: Path, repeat: int
) -> None:
    members = {**THREEMA_MEMBERS, CHAT_NAME: THREEMA_CHAT * repeat}
    path = write_aes_zip(tmp_path / "t.zip", members, PASSWORD.encode())
    break_hmac(path, CHAT_NAME)
    secret = password_file(tmp_path)
    result = invoke(["inspect", str(path), "--format", "json", "--password-file", str(secret)])
    entry = _only_entry(result)
    assert entry["entries"] == 5 * repeat  # decrypted before the check at the member's end
    assert entry["skipped"] == 1
    [warning] = entry["warnings"]
    assert warning.startswith(f"{path}!{CHAT_NAME}: damaged after line {6 * repeat}; ")
    assert "Bad HMAC check" in warning


def test_a_zip_damaged_where_the_password_is_proven_says_so(tmp_path: Path) -> None:
    path = write_aes_zip(tmp_path / "t.zip", {CHAT_NAME: THREEMA_CHAT}, PASSWORD.encode())
    break_hmac(path, CHAT_NAME)
    result = invoke(["inspect", str(path), "--password-file", str(password_file(tmp_path))])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        f"{path}: wrong password for this encrypted zip (or the zip is damaged)"
    )
