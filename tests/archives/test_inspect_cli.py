"""``compliance inspect``: outputs, options, exit codes, and bad input of every kind."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from compliance.archives import open_archive
from compliance.cli import cli
from tests.archives.golden import DATA, inspect_json

KEYS = [
    "path", "format", "variant", "entries", "authored", "system", "media", "participants",
    "first", "last", "date_order", "chats", "skipped", "warnings", "status", "error",
]  # fmt: skip
READ = ("read", "partly_read")
CHAT = "12.03.24, 09:15 - Jana: Hallo\n13.03.24, 10:00 - Paul: Guten Tag\n"


def _write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_json_has_exactly_the_documented_keys(tmp_path: Path) -> None:
    code, data, _err = inspect_json(_write(tmp_path / "chat.txt", CHAT))
    assert code == 0
    assert list(data[0]) == KEYS
    assert data[0]["entries"] == 2
    assert data[0]["participants"] == ["Jana", "Paul"]


def test_text_output_is_a_short_summary(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["inspect", str(_write(tmp_path / "chat.txt", CHAT))])
    assert result.exit_code == 0
    assert "whatsapp (android)" in result.stdout
    assert "2 (2 authored, 0 system, 0 media)" in result.stdout
    assert "Jana" not in result.stdout  # names only in the JSON, which the user asks for


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out" / "inventory.json"
    result = CliRunner().invoke(
        cli, ["inspect", str(_write(tmp_path / "c.txt", CHAT)), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["archives"][0]["entries"] == 2


def test_date_order_option_overrides(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.txt", "05/06/24, 10:00 - A: x\n")
    _code, data, _err = inspect_json(path, "--date-order", "MDY")
    assert data[0]["first"] == "2024-05-06T10:00:00+02:00"
    assert data[0]["warnings"] == []
    _code, data, _err = inspect_json(path)
    assert data[0]["first"] == "2024-06-05T10:00:00+02:00"
    assert "undecidable" in data[0]["warnings"][0]


def test_day_and_month_swapped_within_one_layout(tmp_path: Path) -> None:
    # no order fits every date: nothing is lost, and the reader says what it did
    text = "6/29/23, 16:13 - A: x\n6/30/23, 09:00 - A: y\n"
    text += "13/7/23, 10:00 - A: after the region change\n14/7/23, 10:00 - A: z\n"
    code, data, _err = inspect_json(_write(tmp_path / "c.txt", text))
    assert code == 0
    assert data[0]["entries"] == 4
    assert data[0]["skipped"] == 0
    assert (data[0]["first"], data[0]["last"]) == (
        "2023-06-29T16:13:00+02:00",
        "2023-07-14T10:00:00+02:00",
    )
    assert any("some dates only fit" in w for w in data[0]["warnings"])


def test_tz_option_sets_the_zone(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.txt", CHAT)
    message = next(open_archive(path, tz="America/New_York").messages())
    assert message.timestamp.isoformat() == "2024-03-12T09:15:00-04:00"
    result = CliRunner().invoke(cli, ["inspect", str(path), "--tz", "Nowhere/Land"])
    assert result.exit_code == 2
    assert "Nowhere/Land" in result.stderr


def test_input_format_option_forces_the_reader(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.txt", "[2019-12-24, 12:23] Lea: Hallo\n")
    _code, data, _err = inspect_json(path)
    assert data[0]["format"] == "signal"
    _code, data, _err = inspect_json(path, "--input-format", "whatsapp")
    assert data[0]["format"] == "whatsapp"
    code, _data, err = inspect_json(path, "--input-format", "telegram")
    assert code == 3 and "not a telegram export" in err


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


BAD_INPUTS = [
    ("empty.txt", b"", "empty file"),
    ("notes.txt", b"Einkaufsliste\nMilch\nBrot\n", "not a chat export"),
    ("image.jpg", bytes(range(256)) * 40, "not a chat export"),
    ("blank.txt", b"\n\n   \n", "not a chat export"),
    ("cut.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00garbage", "damaged or unreadable zip"),
    ("start.json", b'{"name": "x", "messages": [{"id": 1, "type": "message", "da', "nothing read"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUTS, ids=lambda v: str(v)[:20])
def test_bad_input_names_file_and_exits_3(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = _write(tmp_path / name, data)
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 3
    assert str(path) in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.zip", {"_chat.txt": b"0" * (40 * 1024 * 1024)})
    result = CliRunner().invoke(cli, ["inspect", str(bomb)])
    assert result.exit_code == 3
    assert "zip bomb" in result.stderr


def test_zip_holding_only_a_nested_zip_is_refused(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("_chat.txt", CHAT)
    outer = _zip(tmp_path / "outer.zip", {"WhatsApp Chat - Jana.zip": inner.getvalue()})
    result = CliRunner().invoke(cli, ["inspect", str(outer)])
    assert result.exit_code == 3
    assert "nested zip" in result.stderr


def test_password_protected_zip_is_named(tmp_path: Path) -> None:
    plain = _zip(tmp_path / "threema.zip", {"messages-Anna.txt": b"[01.03.24, 10:00] Ich: Test\n"})
    data = bytearray(plain.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + flag_offset] |= 0x1  # the "encrypted" bit
    plain.write_bytes(bytes(data))
    result = CliRunner().invoke(cli, ["inspect", str(plain)], env={"COMPLIANCE_ZIP_PASSWORD": ""})
    assert result.exit_code == 3
    assert result.stderr.startswith(f"{plain}: the zip is password-protected")
    assert "--password-file" in result.stderr


def test_zip_ignores_macos_resource_forks(tmp_path: Path) -> None:
    path = _zip(
        tmp_path / "chat.zip",
        {"_chat.txt": CHAT.encode(), "__MACOSX/._chat.txt": b"\x00\x05\x16\x07junk"},
    )
    _code, data, _err = inspect_json(path)
    assert [d["entries"] for d in data] == [2]


def test_huge_line_is_cut_and_reported(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.txt", CHAT + "x" * (3 * 1024 * 1024) + "\n" + CHAT)
    code, data, _err = inspect_json(path)
    assert code == 0
    assert data[0]["entries"] == 4
    assert data[0]["skipped"] == 1
    assert "c.txt:3: line longer than" in data[0]["warnings"][0]


def test_non_utf8_text_is_read_with_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.txt", "12.03.24, 09:15 - Jürgen: Grüße\n".encode("cp1252"))
    code, data, _err = inspect_json(path)
    assert code == 0
    assert data[0]["participants"] == ["Jürgen"]
    assert "not UTF-8" in data[0]["warnings"][0]


def test_one_bad_path_among_good_ones_still_reads_the_rest(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", CHAT)
    bad = _write(tmp_path / "bad.txt", b"")
    result = CliRunner().invoke(cli, ["inspect", str(good), str(bad), "--format", "json"])
    assert result.exit_code == 0
    statuses = [(d["path"], d["status"]) for d in json.loads(result.stdout)["archives"]]
    assert statuses == [(str(good), "read"), (str(bad), "unreadable")]  # every input listed
    assert f"{bad}: empty file" in result.stderr


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["inspect", str(tmp_path / "nope.txt")])
    assert result.exit_code == 3 and "no such file" in result.stderr
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["inspect", str(tmp_path / "empty")])
    assert result.exit_code == 3 and "no chat export found" in result.stderr


def test_folder_is_searched_and_inputs_stay_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    shutil.copytree(DATA, folder)
    before = sorted((p.relative_to(folder), p.stat().st_mtime_ns) for p in folder.rglob("*"))
    _code, data, _err = inspect_json(folder)
    after = sorted((p.relative_to(folder), p.stat().st_mtime_ns) for p in folder.rglob("*"))
    assert before == after
    assert {d["format"] for d in data if d["status"] in READ} == {
        "whatsapp", "telegram", "signal", "threema", "matrix", "facebook", "instagram", "imessage"
    }  # fmt: skip
    # a paged export and a split thread are one archive each
    paths = [d["path"] for d in data if d["status"] in READ]
    assert sum(p.endswith("html_export") for p in paths) == 1
    assert sum(p.endswith("inbox_thread") for p in paths) == 1


def test_damaged_export_in_a_folder_is_named_and_the_rest_read(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    _write(folder / "chat.txt", CHAT)
    _write(folder / "readme.txt", "Notizen zur Ablage\n")  # no chat: listed as skipped
    _write(folder / "broken.zip", b"PK\x03\x04\x14\x00garbage")
    bomb = _zip(folder / "bomb.zip", {"_chat.txt": b"0" * (40 * 1024 * 1024)})
    result = CliRunner().invoke(cli, ["inspect", str(folder), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)["archives"]
    assert [d["entries"] for d in data if d["status"] in READ] == [2]
    assert {Path(d["path"]).name: d["status"] for d in data if d["status"] not in READ} == {
        "broken.zip": "unreadable",
        "bomb.zip": "unreadable",
        "readme.txt": "skipped",
    }
    assert "broken.zip: damaged or unreadable zip" in result.stderr
    assert f"{bomb}: _chat.txt: compression ratio" in result.stderr
    assert f"{folder / 'readme.txt'}: skipped: not a chat export" in result.stderr


def test_output_is_deterministic(tmp_path: Path) -> None:
    first = CliRunner().invoke(cli, ["inspect", str(DATA), "--format", "json"]).stdout
    second = CliRunner().invoke(cli, ["inspect", str(DATA), "--format", "json"]).stdout
    assert first == second


def test_full_account_export_with_a_long_contact_list(tmp_path: Path) -> None:
    contacts = [{"first_name": f"K{i}", "phone_number": "+49 30 0000"} for i in range(3000)]
    export = {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 1, "first_name": "Anna"},
        "contacts": {"about": "", "list": contacts},
        "chats": {"about": "", "list": [{"name": "Tom", "type": "personal_chat", "id": 9,
            "messages": [{"id": 1, "type": "message", "date": "2024-01-01T10:00:00",
                          "from": "Tom", "from_id": "user9", "text": "Hallo"}]}]},
    }  # fmt: skip
    path = _write(tmp_path / "result.json", json.dumps(export))
    assert path.stat().st_size > 64 * 1024
    code, data, _err = inspect_json(path)
    assert code == 0
    assert (data[0]["variant"], data[0]["entries"], data[0]["participants"]) == (
        "json-account",
        1,
        ["Tom"],
    )
