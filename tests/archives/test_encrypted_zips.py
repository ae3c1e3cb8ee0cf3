"""Encrypted zips in the library: Threema's AES exports and ZipCrypto, with a hidden password."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner
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
from compliance.errors import InputError, InputProblem
from tests.archives.encrypted_zips import (
    CHAT_NAME,
    PASSWORD,
    THREEMA_CHAT,
    THREEMA_MEMBERS,
    WHATSAPP_CHAT,
    threema_zip,
    write_aes_zip,
    write_zipcrypto_zip,
)


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


def test_a_legacy_code_page_password_is_found(tmp_path: Path) -> None:
    # Old ZipCrypto tools encode "ü" and "ß" in the DOS code page, not in UTF-8.
    archive = write_zipcrypto_zip(
        tmp_path / "chat.zip", {"_chat.txt": WHATSAPP_CHAT}, "Grüße".encode("cp437")
    )
    assert open_archive(archive, password="Grüße").summarize().entries == 2


def test_the_password_is_in_no_repr_or_error(tmp_path: Path) -> None:
    archive = open_archive(threema_zip(tmp_path / "t.zip"), password=PASSWORD)
    shown = repr(archive) + repr(archive.parts) + repr(ZipPasswords(PASSWORD))
    assert PASSWORD not in shown
    assert PASSWORD.encode() not in shown.encode()
    with pytest.raises(WrongPassword) as raised:
        open_archive(archive.path, password="Kaffee&Kuchen")
    assert "Kaffee" not in str(raised.value)


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
    result = CliRunner().invoke(
        cli,
        ["inspect", str(path), "--password-file", str(secret)],
        env={"COMPLIANCE_ZIP_PASSWORD": ""},
    )
    assert result.exit_code == 0, result.stderr
