"""Defects 3 to 5: no input overwritten, no chat lost in a large zip, nothing read never clean."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from compliance.archives import sources
from tests.hostile.conftest import AUDIT_BASE, audit_all_formats, audit_json, invoke


def _squeezed(text: str) -> str:
    """Without white space: a PDF's table cells wrap long paths anywhere."""
    return "".join(text.split())


CHAT = "10.01.24, 10:00 - Klientin: Hallo\n10.01.24, 10:05 - Praxis: Guten Tag\n"


@pytest.mark.parametrize("command", ["audit", "inspect"])
@pytest.mark.parametrize("spelling", ["same", "dotted", "link"])
def test_an_output_naming_an_input_is_refused(tmp_path: Path, command: str, spelling: str) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(CHAT, encoding="utf-8")
    output = {
        "same": export,
        "dotted": tmp_path / "." / "chat.txt",
        "link": tmp_path / "link.txt",
    }[spelling]
    if spelling == "link":
        output.symlink_to(export)
    extra = [*AUDIT_BASE, "--format", "text"] if command == "audit" else []
    run = invoke([command, str(export), *extra, "-o", str(output)])
    assert run.exit_code == 2
    assert "is the input" in run.stderr
    assert export.read_text(encoding="utf-8") == CHAT


def test_an_output_inside_an_input_zip_or_over_a_chat_in_a_folder_is_refused(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    chat = folder / "chat.txt"
    chat.write_text(CHAT, encoding="utf-8")
    archive = tmp_path / "chat.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("chat.txt", CHAT)
    inside = invoke(["audit", str(archive), *AUDIT_BASE, "-o", str(archive / "report.txt")])
    assert inside.exit_code == 2
    over = invoke(["audit", str(folder), *AUDIT_BASE, "-o", str(chat)])
    assert over.exit_code == 2
    assert chat.read_text(encoding="utf-8") == CHAT


def _zip_of_chats(path: Path, count: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as handle:
        for number in range(count):
            handle.writestr(
                f"chat{number}/WhatsApp Chat mit K{number}.txt",
                f"10.01.24, 10:00 - K{number}: Hallo\n10.01.24, 10:05 - Praxis: Guten Tag\n",
            )


def test_every_chat_of_a_zip_with_thousands_of_chats_is_read(tmp_path: Path) -> None:
    archive = tmp_path / "many.zip"
    _zip_of_chats(archive, 2_500)
    _run, report = audit_json([archive])
    archives = report["archives"]
    assert isinstance(archives, list)
    assert len(archives) == 2_500
    assert report["summary"]["messages"] == 5_000  # type: ignore[index]
    assert report["summary"]["skipped"] == 0  # type: ignore[index]


def test_a_zip_is_opened_once_however_many_members_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Opening a zip reads its whole directory: once per member made the read quadratic.
    archive = tmp_path / "many.zip"
    _zip_of_chats(archive, 300)
    opened: list[str] = []
    real = zipfile.ZipFile

    def counting(*args: object, **kwargs: object) -> zipfile.ZipFile:
        opened.append(str(args[0]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sources.zipfile, "ZipFile", counting)
    sources._OPEN_ZIPS.clear()
    run = invoke(["inspect", str(archive), "--format", "json"])
    assert len(json.loads(run.stdout)["archives"]) == 300
    assert len(opened) <= 2


def _truncated_telegram(path: Path) -> None:
    message = {
        "id": 1,
        "type": "message",
        "date": "2024-01-10T10:00:00",
        "from": "Klientin",
        "text": "Ich denke an Suizid",
    }
    text = json.dumps({"name": "K", "type": "personal_chat", "id": 1, "messages": [message]})
    path.write_text(text[: text.index("Suizid")], encoding="utf-8")


def test_a_truncated_export_with_nothing_read_is_never_clean(tmp_path: Path) -> None:
    export = tmp_path / "result.json"
    _truncated_telegram(export)
    assert invoke(["inspect", str(export)]).exit_code == 3
    for fmt, (run, report) in audit_all_formats([export], tmp_path).items():
        assert run.exit_code == 3, fmt
        assert "no readable chat export was found" in run.stderr
        assert "unreadable" in report.lower(), fmt
        assert "nothing read" in report, fmt


def test_every_file_of_a_folder_appears_with_its_status_in_every_report(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "good").mkdir()
    (folder / "good" / "WhatsApp Chat mit Klientin.txt").write_text(CHAT, encoding="utf-8")
    (folder / "WhatsApp Chat mit Leer.txt").write_text("", encoding="utf-8")
    (folder / "WhatsApp Chat mit Kaputt.txt").write_bytes(b"\x00\xff garbled \x01\x02" * 50)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not a chat")
    out = tmp_path / "out"
    out.mkdir()
    results = audit_all_formats([folder], out, "--fail-on", "critical")
    for fmt, (run, report) in results.items():
        # an unreadable export and nothing at or above critical: never a clean result
        assert run.exit_code == 3, fmt
        for name in ("WhatsApp Chat mit Leer.txt", "WhatsApp Chat mit Kaputt.txt", "notes.pdf"):
            assert _squeezed(name) in _squeezed(report), (fmt, name)
            assert name in run.stderr, (fmt, name)
        assert "skipped" in report and "unreadable" in report.lower(), fmt
    report = json.loads(results["json"][1])
    statuses = {Path(a["path"]).name: a["status"] for a in report["archives"]}
    assert statuses == {
        "WhatsApp Chat mit Klientin.txt": "read",
        "WhatsApp Chat mit Leer.txt": "unreadable",
        "WhatsApp Chat mit Kaputt.txt": "unreadable",
        "notes.pdf": "skipped",
    }
    assert report["summary"]["skipped_files"] == 1


@pytest.mark.parametrize("contents", [{}, {"notes.txt": "Einkaufsliste", "scan.pdf": "%PDF"}])
def test_a_folder_without_a_chat_export_exits_3_and_says_why(
    tmp_path: Path, contents: dict[str, str]
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    for name, text in contents.items():
        (folder / name).write_text(text, encoding="utf-8")
    for fmt, (run, report) in audit_all_formats([folder], tmp_path).items():
        assert run.exit_code == 3, fmt
        assert "no readable chat export was found" in run.stderr, fmt
        for name in contents:
            assert f"{folder / name}: skipped: not a chat export" in run.stderr
            assert _squeezed(name) in _squeezed(report), fmt


def test_a_named_pipe_is_named_unreadable_and_never_opened(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "chat.txt").write_text(CHAT, encoding="utf-8")  # beside it, in its folder
    pipe = folder / "WhatsApp Chat mit Pipe.txt"
    os.mkfifo(pipe)
    run, report = audit_json([folder], "--fail-on", "critical")  # would hang at the first read
    by_name = {Path(a["path"]).name: a for a in report["archives"]}  # type: ignore[union-attr]
    assert by_name[pipe.name]["status"] == "unreadable"
    assert "not a regular file" in by_name[pipe.name]["error"]
    assert run.exit_code == 3
    alone = invoke(["audit", str(pipe), *AUDIT_BASE])
    assert alone.exit_code == 3
    assert "not a regular file" in alone.stderr
    assert invoke(["inspect", str(pipe)]).exit_code == 3
