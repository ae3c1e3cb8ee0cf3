"""Atomic writes: whole files or nothing, owner-only, and devices are never replaced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from compliance.errors import OutputError
from compliance.fsio import write_atomic, write_chunks_atomic


def test_writes_whole_file_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "report.json"
    write_chunks_atomic(target, [b"{", b"}"])
    assert target.read_bytes() == b"{}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")

    def chunks():  # type: ignore[no-untyped-def]
        yield b"new"
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_chunks_atomic(target, chunks())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_device_is_written_to_not_replaced() -> None:
    write_atomic(Path(os.devnull), b"nothing")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, b"x")
