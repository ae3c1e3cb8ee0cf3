"""Defects 6 to 11: deep nesting, times out of range, wrong JSON types, one bad archive,
and output faults end in a report or a clear message, never in a crash or a hang."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from compliance.archives import open_archive
from compliance.archives.faults import MAX_NESTING, DamagedRecord
from compliance.archives.jsonstream import flatten_text
from compliance.archives.whatsapp.reader import WhatsAppReader
from tests.hostile.conftest import AUDIT_BASE, audit_json

GOOD = {"id": 1, "type": "message", "date": "2024-01-10T10:00:00", "from": "Klientin", "text": "Hi"}
MEMORY_LIMIT = 1 << 30  # a subprocess that needs more than 1 GiB fails the test


def _telegram(messages: list[Any]) -> str:
    return json.dumps({"name": "K", "type": "personal_chat", "id": 1, "messages": messages})


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _run_bounded(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """The command line in a process of its own, with bounded memory and time."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "compliance", *args],
        timeout=60,
        preexec_fn=_limited,
        check=False,
        **kwargs,
    )


@pytest.mark.parametrize("levels", [10_000, 100_000])
@pytest.mark.parametrize("shape", ["dict", "list"])
def test_deep_nesting_is_a_damaged_record(tmp_path: Path, levels: int, shape: str) -> None:
    opening, closing = ('{"text":', "}") if shape == "dict" else ("[", "]")
    deep = opening * levels + '"x"' + closing * levels
    text = _telegram([GOOD, {**GOOD, "id": 2}]).replace(
        '"Hi"}]', '"Hi", "text_entities": ' + deep + "}]"
    )
    export = tmp_path / "result.json"
    export.write_text(text, encoding="utf-8")
    for command in (["inspect", str(export)], ["audit", str(export), *AUDIT_BASE]):
        done = _run_bounded(command)
        assert done.returncode in (0, 1, 3), done.stderr
        assert (
            f"nested deeper than {MAX_NESTING} levels"
            in done.stderr.decode() + done.stdout.decode()
        )


def test_flattening_is_iterative_and_bounded() -> None:
    assert flatten_text(["a", {"text": ["b", {"text": "c"}]}, 1, None]) == "abc1"
    value: Any = "x"
    for _ in range(MAX_NESTING + 1):
        value = [value]
    with pytest.raises(DamagedRecord):
        flatten_text(value)


OUT_OF_RANGE = [1e20, 1e308, -1e20, float("inf"), 253402300800.0, -62135596801.0]


def _matrix(stamp: object) -> dict[str, Any]:
    event = {"type": "m.room.message", "sender": "@k:x", "content": {"body": "Hi"}}
    return {
        "room_name": "R",
        "messages": [
            {**event, "origin_server_ts": stamp, "room_id": "!r"},
            {**event, "origin_server_ts": 1704880800000, "room_id": "!r"},
        ],
    }


def _meta(stamp: object) -> dict[str, Any]:
    message = {"sender_name": "K", "content": "Hi"}
    return {
        "participants": [{"name": "K"}],
        "title": "T",
        "messages": [
            {**message, "timestamp_ms": stamp},
            {**message, "timestamp_ms": 1704880800000},
        ],
    }


@pytest.mark.parametrize("stamp", OUT_OF_RANGE)
@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("matrix.json", lambda s: _matrix(s * 1000 if isinstance(s, float) else s)),
        ("message_1.json", lambda s: _meta(s * 1000)),
        (
            "result.json",
            lambda s: json.loads(_telegram([{**GOOD, "date_unixtime": str(s)}, GOOD])),
        ),
    ],
)
def test_a_time_out_of_range_is_a_damaged_record(
    tmp_path: Path, stamp: float, name: str, build: Any
) -> None:
    export = tmp_path / name
    text = json.dumps(build(stamp))
    export.write_text(text, encoding="utf-8")
    run, report = audit_json([export])
    assert run.exit_code in (0, 1, 3)
    (info,) = report["archives"]  # type: ignore[misc]
    if "Infinity" in text:  # json.dumps writes inf so, which is no JSON: read up to it
        assert info["skipped"] == 1
        assert any("JSON is truncated or invalid" in w for w in info["warnings"])
        return
    if "inf" in text:  # Telegram's epoch as text, not a number: its wall time is used
        assert (info["messages"], info["skipped"]) == (2, 0)
        return
    assert (info["messages"], info["skipped"]) == (1, 1)
    assert any("time out of range" in warning for warning in info["warnings"])


@pytest.mark.parametrize(
    "line",
    ["31.12.99999, 23:59 - K: Hallo", "01.01.0000, 10:00 - K: Hallo", "31.12.9999, 23:59 - K: x"],
)
def test_impossible_wall_times_are_skipped(tmp_path: Path, line: str) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(f"{line}\n10.01.24, 10:00 - K: Hallo\n", encoding="utf-8")
    run, report = audit_json([export])
    assert run.exit_code in (0, 1, 3)
    (info,) = report["archives"]  # type: ignore[misc]
    assert info["messages"] >= 1


WRONG_TYPES: list[tuple[str, dict[str, Any]]] = [
    ("message_1.json", _meta(1704880800000) | {"messages": [
        {"sender_name": "K", "timestamp_ms": 1704880800000, "photos": 5, "type": [1]},
        {"sender_name": ["K"], "timestamp_ms": "1704880800000", "content": {"a": 1}},
        {"sender_name": 7, "timestamp_ms": 1704880800001, "videos": [3, "x", {"uri": 5}],
         "sticker": {"uri": ["x"]}, "type": {"x": 1}},
    ]}),
    ("matrix.json", {"room_name": ["R"], "messages": [
        {"type": 5, "origin_server_ts": 1704880800000, "sender": {"a": 1}, "content": [],
         "room_id": 5},
        {"type": "m.room.message", "origin_server_ts": 1704880800000, "sender": "@k",
         "room_id": ["x"], "content": {"msgtype": "m.image", "body": 3,
                                      "info": {"mimetype": 5, "size": "big"}}},
        {"type": "m.room.message", "origin_server_ts": 1704880800000, "sender": "@k",
         "room_id": "!a", "content": {"body": "Hi"}, "unsigned": 3},
    ]}),
    ("result.json", json.loads(_telegram([
        {**GOOD, "from": ["K"], "text": {"text": 5}, "media_type": 3, "mime_type": [1]},
        {**GOOD, "date": 5, "date_unixtime": [1]},
        {**GOOD, "type": "service", "actor": {"x": 1}, "action": 3},
        {**GOOD, "photo": "photos/x.jpg", "file_size": "big", "mime_type": {"a": 1}},
        {**GOOD, "from": None, "from_id": [1, 2]},
    ]))),
    ("signal.json", {"unused": [
        {"date": 5, "sender": [1], "body": {"text": 1}},
    ]}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data"), WRONG_TYPES, ids=[n for n, _ in WRONG_TYPES])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_wrong_json_types_are_read_as_missing(
    tmp_path: Path, name: str, data: dict[str, Any], jobs: str
) -> None:
    export = tmp_path / name
    export.write_text(json.dumps(data), encoding="utf-8")
    other = tmp_path / "chat.txt"
    other.write_text("10.01.24, 10:00 - K: Hallo\n", encoding="utf-8")
    run, report = audit_json([export, other], "--jobs", jobs)
    assert run.exit_code in (0, 1, 3), run.stderr
    assert "Internal error" not in run.stderr
    for info in report["archives"]:  # type: ignore[union-attr]
        assert "internal error" not in str(info["error"])


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_defect_in_one_reader_leaves_the_others_audited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    bad = tmp_path / "a-bad.txt"
    bad.write_text("10.01.24, 10:00 - K: KAPUTT\n", encoding="utf-8")
    good = tmp_path / "b-good.txt"
    good.write_text("10.01.24, 10:00 - K: Ich denke an Suizid\n", encoding="utf-8")
    real = WhatsAppReader.read

    def faulty(self: WhatsAppReader, parts: Any, context: Any) -> Any:
        if any("a-bad" in str(part.path) for part in parts):
            raise TypeError("KAPUTT")  # the text of a bug may quote the input
        return real(self, parts, context)

    monkeypatch.setattr(WhatsAppReader, "read", faulty)  # inherited by forked workers
    run, report = audit_json([bad, good], "--jobs", jobs)
    by_name = {Path(a["path"]).name: a for a in report["archives"]}  # type: ignore[union-attr]
    assert by_name["a-bad.txt"]["status"] == "unreadable"
    assert "internal error in the whatsapp reader" in by_name["a-bad.txt"]["error"]
    assert by_name["b-good.txt"]["status"] == "read"
    assert report["summary"]["by_category"] == {"CRISIS": 1}  # type: ignore[index]
    assert run.exit_code == 1  # the findings; the summary line names the unreadable one
    assert "1 unreadable" in run.stderr
    assert "KAPUTT" not in run.stdout + run.stderr


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text(
        "".join(f"Meine IBAN DE89370400440532013000 Nummer {n}\n" for n in range(100_000)),
        encoding="utf-8",
    )
    # `| head -1`: the reader goes away after one line, while much output is still to come
    script = (
        f'"{sys.executable}" -m compliance scan --lines - < "{lines}" 2> "{tmp_path}/err" '
        '| head -1 > /dev/null; echo "${PIPESTATUS[0]}"'
    )
    done = subprocess.run(["bash", "-c", script], capture_output=True, timeout=120, check=True)
    assert done.stdout.decode().strip() == str(128 + signal.SIGPIPE)
    assert (tmp_path / "err").read_bytes() == b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [["scan", "DE89370400440532013000"], ["inspect"]])
def test_a_full_disk_is_a_message_and_exit_3(tmp_path: Path, command: list[str]) -> None:
    if command == ["inspect"]:
        export = tmp_path / "chat.txt"
        export.write_text("10.01.24, 10:00 - K: Hallo\n", encoding="utf-8")
        command = ["inspect", str(export)]
    with open("/dev/full", "wb") as full:
        done = _run_bounded(command, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 3
    assert b"cannot write the output: No space left on device" in done.stderr
    assert b"Traceback" not in done.stderr


def test_open_archive_refuses_a_device() -> None:
    with pytest.raises(Exception, match="not a regular file"):
        open_archive("/dev/zero")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_a_full_standard_error_does_not_stop_the_report(tmp_path: Path) -> None:
    # The notes and the summary line go to standard error; when it cannot take them the
    # report is still written, and the exit code is the audit's own.
    export = tmp_path / "chat.txt"
    export.write_text(
        "10.01.24, 10:00 - K: Meine IBAN ist DE89 3704 0044 0532 0130 00\n", encoding="utf-8"
    )
    report = tmp_path / "report.json"
    with open("/dev/full", "wb") as full:
        done = _run_bounded(
            ["audit", str(export), "--format", "json", "-o", str(report)],
            stdout=subprocess.PIPE,
            stderr=full,
        )
    assert done.returncode == 1  # findings at or above high
    assert '"IBAN"' in report.read_text(encoding="utf-8")
