"""Encrypted zips: Threema's AES exports and ZipCrypto, read with a password that never shows."""

from __future__ import annotations

import json
import pickle
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.archives import (
    PasswordNeeded,
    WrongPassword,
    ZipPasswords,
    open_archive,
    open_archives,
)
from compliance.archives import sources as zip_sources
from compliance.cli import cli
from compliance.cli import zip_password as cli_password
from compliance.errors import InputError, InputProblem
from tests.archives.encrypted_zips import write_aes_zip, write_zipcrypto_zip

PASSWORD = "Kaffee&Kuchen-2024!"
CHAT_NAME = "messages-Frau Winter.txt"
THREEMA_CHAT = (
    "[03.02.24, 18:01] Ich: Guten Abend Frau Winter, hier die Übung für die Woche.\r\n"
    "[03.02.24, 18:01] Ich: <6d0c9e41-77aa.pdf>\r\n"
    "[03.02.24, 18:20] Frau Winter: Danke!\r\n"
    "Ich schaue sie mir morgen an.\r\n"
    "[04.02.24, 08:05] Frau Winter: <a1b2c3d4-0001.jpg>\r\n"
    "[05.02.24, 09:00] Ich: Bis Donnerstag.\r\n"
)
THREEMA_MEMBERS: dict[str, bytes | str] = {
    CHAT_NAME: THREEMA_CHAT,
    "6d0c9e41-77aa.pdf": b"%PDF-1.4 Uebungsblatt\n",
    "a1b2c3d4-0001.jpg": b"\xff\xd8\xff\xe0 not really a photo",
}
WHATSAPP_CHAT = "12.03.24, 09:15 - Jana: Hallo\n13.03.24, 10:00 - Paul: Guten Tag\n"
AUDIT_BASE = ["--me", "Ich", "--as-of", "2024-03-01", "--tz", "Europe/Berlin"]


def threema_zip(path: Path, password: str = PASSWORD) -> Path:
    return write_aes_zip(path, THREEMA_MEMBERS, password.encode("utf-8"))


def password_file(folder: Path, password: str = PASSWORD) -> Path:
    path = folder / "password.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return path


def invoke(args: list[str], input: str | None = None) -> Result:
    return CliRunner().invoke(cli, args, input=input)


@pytest.fixture(autouse=True)
def _no_password_around(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own environment must not decide these tests; CliRunner's stdin is no
    # terminal, and tests that want a prompt say so.
    monkeypatch.delenv(cli_password.PASSWORD_ENV, raising=False)
    monkeypatch.setattr(cli_password, "stdin_is_terminal", lambda: False)


def _only_entry(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data) == 1
    entry: dict[str, Any] = data[0]
    return entry


# --- inspect ------------------------------------------------------------------------------


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
    assert (entry["first"], entry["last"]) == ("2024-02-03T18:01:00", "2024-02-05T09:00:00")
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
    assert result.stderr == f"{archive}: wrong password for this encrypted zip\n"
    assert result.stdout == ""
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
    assert [entry["format"] for entry in json.loads(result.stdout)] == ["whatsapp"]
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
    assert [entry["entries"] for entry in json.loads(result.stdout)] == [5, 5]
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


def test_a_legacy_code_page_password_is_found(tmp_path: Path) -> None:
    # Old ZipCrypto tools encode "ü" and "ß" in the DOS code page, not in UTF-8.
    archive = write_zipcrypto_zip(
        tmp_path / "chat.zip", {"_chat.txt": WHATSAPP_CHAT}, "Grüße".encode("cp437")
    )
    assert open_archive(archive, password="Grüße").summarize().entries == 2


# --- audit --------------------------------------------------------------------------------


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
    assert result.exit_code in (0, 1), result.stderr
    by_path = {a["path"]: a for a in _audit_json(result)["archives"]}
    assert by_path[str(folder / "chat.txt")]["messages"] == 2
    failed = by_path[str(encrypted)]
    assert failed["messages"] == 0
    assert "the zip is password-protected" in failed["error"]
    assert "--password-file" in failed["error"]


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


# --- the password shows nowhere -----------------------------------------------------------


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
            assert result.exit_code in (0, 1), result.output
            outputs += [result.stdout, result.stderr]
        outputs.append(report.read_text(encoding="utf-8"))
    assert all("wrong password" in text for text in outputs if "other.zip" in text)
    assert sum("Threema-Export.zip" in text for text in outputs) >= 6
    for text in outputs:
        assert PASSWORD not in text
        assert "Kaffee" not in text
    # No temporary or extracted file is left beside the inputs or anywhere else here.
    assert set(tmp_path.rglob("*")) - before == reports


def test_the_password_is_in_no_repr_or_error(tmp_path: Path) -> None:
    archive = open_archive(threema_zip(tmp_path / "t.zip"), password=PASSWORD)
    shown = repr(archive) + repr(archive.parts) + repr(ZipPasswords(PASSWORD))
    assert PASSWORD not in shown
    assert PASSWORD.encode() not in shown.encode()
    with pytest.raises(WrongPassword) as raised:
        open_archive(archive.path, password="Kaffee&Kuchen")
    assert "Kaffee" not in str(raised.value)


# --- the library --------------------------------------------------------------------------


def test_open_archive_reads_the_messages_of_an_encrypted_export(tmp_path: Path) -> None:
    archive = open_archive(threema_zip(tmp_path / "t.zip"), password=PASSWORD)
    messages = list(archive.messages())
    assert [m.sender for m in messages] == ["Ich", "Ich", "Frau Winter", "Frau Winter", "Ich"]
    assert messages[2].text == "Danke!\nIch schaue sie mir morgen an."
    assert [a.present for m in messages for a in m.attachments] == [True, True]


def test_without_a_password_the_library_raises_password_needed(tmp_path: Path) -> None:
    path = threema_zip(tmp_path / "t.zip")
    with pytest.raises(PasswordNeeded) as raised:
        open_archive(path)
    assert str(raised.value).startswith(f"{path}: the zip is password-protected")
    assert isinstance(raised.value, InputError)
    problems: list[InputProblem] = []
    assert open_archives(tmp_path, problems=problems) == []
    assert len(problems) == 1


def test_the_asker_is_called_once_for_all_zips_of_a_run(tmp_path: Path) -> None:
    asked: list[str] = []

    def ask(zip_path: str) -> str:
        asked.append(zip_path)
        return PASSWORD

    passwords = ZipPasswords(ask=ask)
    first = threema_zip(tmp_path / "a.zip")
    second = threema_zip(tmp_path / "b.zip")
    for path in (first, second):
        assert open_archive(path, password=passwords).summarize().entries == 5
    assert asked == [str(first)]


class _Asker:
    """A stand-in for the prompt that records which zips it was asked for."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, zip_path: str) -> str:
        self.asked.append(zip_path)
        return self.answer


def test_a_wrong_answer_is_not_asked_again(tmp_path: Path) -> None:
    asker = _Asker("falsch")
    passwords = ZipPasswords(ask=asker)
    for name in ("a.zip", "b.zip"):
        with pytest.raises(WrongPassword):
            open_archive(threema_zip(tmp_path / name), password=passwords)
    assert len(asker.asked) == 1


def test_workers_get_the_password_but_never_the_asker() -> None:
    passwords = ZipPasswords(ask=lambda _path: PASSWORD)
    passwords.candidates("a.zip")  # asks
    restored = pickle.loads(pickle.dumps(passwords.for_workers()))
    assert restored.ask is None
    assert restored.candidates("b.zip")[0].reveal() == PASSWORD.encode()
    unasked = pickle.loads(pickle.dumps(ZipPasswords(ask=lambda _path: PASSWORD)))
    with pytest.raises(PasswordNeeded):
        unasked.candidates("b.zip")


def test_bomb_limits_apply_before_any_password_is_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(zip_sources, "MAX_MEMBER_BYTES", 100)
    path = write_aes_zip(tmp_path / "t.zip", {CHAT_NAME: THREEMA_CHAT * 10}, PASSWORD.encode())
    asker = _Asker(PASSWORD)
    with pytest.raises(InputError, match="zip bomb"):
        open_archive(path, password=ZipPasswords(ask=asker))
    assert asker.asked == []


def _break_hmac(path: Path, member: str) -> None:
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as listing:
        info = listing.getinfo(member)
    name_length, extra_length = struct.unpack_from("<2H", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    data[start + info.compress_size - 1] ^= 0xFF  # the last byte of the member's HMAC
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("repeat", [1, 300])  # within and past the 64 KiB detection reads
def test_a_failed_integrity_check_is_a_warning_after_reading_all(
    tmp_path: Path, repeat: int
) -> None:
    members = {**THREEMA_MEMBERS, CHAT_NAME: THREEMA_CHAT * repeat}
    path = write_aes_zip(tmp_path / "t.zip", members, PASSWORD.encode())
    _break_hmac(path, CHAT_NAME)
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
    _break_hmac(path, CHAT_NAME)
    result = invoke(["inspect", str(path), "--password-file", str(password_file(tmp_path))])
    assert result.exit_code == 3
    assert result.stderr == (
        f"{path}: wrong password for this encrypted zip (or the zip is damaged)\n"
    )


def _one_line_without_bom(text: str) -> bool:
    # A password file is read as UTF-8 text whose BOM, if any, is no part of the password.
    return text.splitlines() == [text] and not text.startswith("\ufeff")


@settings(max_examples=20, deadline=None)
@given(password=st.text(min_size=1, max_size=24).filter(_one_line_without_bom))
def test_any_password_text_opens_its_zip(
    password: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("pw")
    path = write_aes_zip(folder / "t.zip", THREEMA_MEMBERS, password.encode("utf-8"))
    assert open_archive(path, password=password).summarize().entries == 5
    secret = folder / "pw.txt"
    secret.write_text(password + "\n", encoding="utf-8")
    result = invoke(["inspect", str(path), "--password-file", str(secret)])
    assert result.exit_code == 0, result.stderr
