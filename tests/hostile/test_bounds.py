"""Defects 12 to 14: detection linear in a message's length, zip expansion bounded as a
whole, and no part file left behind by a signal or a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from compliance.archives.sources import RATIO_CHECK_FROM, SUSPICIOUS_RATIO
from compliance.audit.policy import policy_from
from compliance.fsio import part_pattern, remove_stale_parts, write_chunks_atomic
from tests.hostile.conftest import audit_json

KIB = 1024


def _one_message_export(path: Path, size: int, unit: str) -> None:
    body = (unit * (size // len(unit) + 1))[:size]
    path.write_text(f"10.01.24, 10:00 - K: {body}\n10.01.24, 10:01 - P: ok\n", encoding="utf-8")


def _audit_seconds(path: Path) -> float:
    from datetime import UTC, datetime

    from compliance.audit.engine import run_audit

    policy = policy_from(None, as_of=datetime(2024, 3, 1, tzinfo=UTC), zone_name="UTC", me=("P",))
    started = time.perf_counter()
    run_audit([str(path)], policy)
    return time.perf_counter() - started


@pytest.mark.parametrize(
    "unit",
    [
        "anna.b@example.de ",
        "DE89370400440532013000 ",
        "+49 30 12345678 ",
        "Ich habe Depressionen, Herr Dr. Müller ",
        "1234 5678 ",
        "a.b@c.",
    ],
)
def test_a_message_of_one_mib_audits_in_time_linear_in_its_length(
    tmp_path: Path, unit: str
) -> None:
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    _one_message_export(small, 64 * KIB, unit)
    _one_message_export(large, 1024 * KIB, unit)
    _audit_seconds(small)  # warm: detectors and word lists load once
    small_seconds = min(_audit_seconds(small) for _ in range(2))
    large_seconds = _audit_seconds(large)
    # 16 times the text: linear work takes ~16 times as long, quadratic work 256 times.
    # The bound leaves room for a shared machine's noise and fixed costs.
    assert large_seconds < 48 * max(small_seconds, 0.01), (small_seconds, large_seconds)


def _bomb(path: Path, members: int, size: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as handle:
        for number in range(members):
            body = ("10.01.24, 10:00 - K: " + "a" * 200 + "\n") * (size // 222)
            handle.writestr(f"chats/WhatsApp Chat mit K{number}.txt", body)


def test_a_bomb_split_into_members_under_each_limit_is_refused_whole(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    member_size = RATIO_CHECK_FROM // 4  # far under the size at which one member is checked
    _bomb(bomb, 6, member_size)
    with zipfile.ZipFile(bomb) as handle:
        info = handle.infolist()[0]
        assert info.file_size > SUSPICIOUS_RATIO * info.compress_size  # each member is dense
    run, report = audit_json([bomb])
    assert run.exit_code == 3
    (info,) = report["archives"]  # type: ignore[misc]
    assert info["status"] == "unreadable"
    assert "zip bomb" in info["error"]
    assert info["messages"] == 0  # nothing from a bomb is audited


def test_a_zip_with_a_little_dense_text_is_read(tmp_path: Path) -> None:
    archive = tmp_path / "chat.zip"
    _bomb(archive, 2, RATIO_CHECK_FROM // 8)  # dense, but 4 MiB in all
    _run, report = audit_json([archive])
    assert all(a["status"] == "read" for a in report["archives"])  # type: ignore[union-attr]


def _slow_writer_script(target: Path) -> str:
    return (
        "import time\n"
        "from pathlib import Path\n"
        "from compliance.cli import install_signal_handlers\n"
        "from compliance.fsio import write_chunks_atomic\n"
        "install_signal_handlers()\n"
        "def chunks():\n"
        "    for _ in range(600):\n"
        "        yield b'x' * 65536\n"
        "        time.sleep(0.01)\n"
        f"print('writing', flush=True)\n"
        f"write_chunks_atomic(Path({str(target)!r}), chunks())\n"
    )


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_a_write_leaves_no_part_file(tmp_path: Path, number: int) -> None:
    target = tmp_path / "report.json"
    target.write_text("the old report", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-c", _slow_writer_script(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"writing\n"
    deadline = time.monotonic() + 20
    while not [p for p in tmp_path.iterdir() if p.suffix == ".part"]:
        assert time.monotonic() < deadline, "the writer made no part file"
        time.sleep(0.01)
    process.send_signal(number)
    process.wait(timeout=20)
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]
    assert target.read_text(encoding="utf-8") == "the old report"


def test_stale_parts_of_the_output_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, check=True)  # fmt: skip
    dead_pid = int(dead.stdout)
    stale = tmp_path / f".report.json.{dead_pid}.abcd1234.part"
    old_style = tmp_path / ".report.json.k3j_x9q2.part"
    live = tmp_path / f".report.json.{os.getppid()}.zzzz9999.part"
    other = tmp_path / f".other.json.{dead_pid}.abcd1234.part"
    for part in (stale, old_style, live, other):
        part.write_bytes(b"findings")
    write_chunks_atomic(target, [b"{}"])
    assert not stale.exists() and not old_style.exists()
    assert live.exists() and other.exists()
    assert target.read_bytes() == b"{}"
    remove_stale_parts(tmp_path / "missing-folder" / "x.json")  # no folder: nothing to do


def test_the_part_file_name_is_the_documented_one(tmp_path: Path) -> None:
    pattern = part_pattern(tmp_path / "audit.html")
    assert pattern.match(f".audit.html.{os.getpid()}.a1b2c3d4.part")
    assert not pattern.match(".audit.html.part")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert ".NAME.PID.RANDOM.part" in readme
