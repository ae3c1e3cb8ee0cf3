"""Shared helpers of the archive tests: run a case, and turn messages into stable JSON."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from compliance.archives import Message, open_archives
from compliance.cli import cli

DATA = Path(__file__).resolve().parent.parent / "data"
# Exports without a year take it from the file date: pin it for stable results.
FIXED_MTIME = 1717243200  # 2024-06-01T12:00:00Z


def place_case(case: Path, tmp_path: Path) -> Path:
    """Copy a case into ``tmp_path`` (the input is never touched) with a fixed file date."""
    target = tmp_path / case.parent.name / case.name
    target.parent.mkdir(parents=True, exist_ok=True)
    if case.is_dir():
        shutil.copytree(case, target)
        files = [p for p in target.rglob("*") if p.is_file()]
    else:
        shutil.copy2(case, target)
        files = [target]
    for file in files:
        os.utime(file, (FIXED_MTIME, FIXED_MTIME))
    return target


def inspect_json(path: Path, *extra: str) -> tuple[int, Any, str]:
    """Exit code, parsed JSON output and stderr of ``compliance inspect --format json``."""
    result = CliRunner().invoke(cli, ["inspect", str(path), "--format", "json", *extra])
    data = json.loads(result.stdout)["archives"] if result.stdout.strip() else None
    return result.exit_code, data, result.stderr


def message_json(message: Message) -> dict[str, Any]:
    """Everything a message carries, as JSON."""
    return {
        "at": str(message.position),
        "timestamp": message.timestamp.isoformat(),
        "wall_time": message.wall_time.isoformat() if message.wall_time else None,
        "raw_time": message.raw_time,
        "sender": message.sender,
        "kind": str(message.kind),
        "text": message.text,
        "attachments": [[a.name, a.media_type, a.size, a.present] for a in message.attachments],
        "chat": [message.chat_id, message.chat_title],
    }


def case_result(case: Path, tmp_path: Path) -> dict[str, Any]:
    """The inspect JSON and every message of a case, with temporary paths made relative."""
    placed = place_case(case, tmp_path)
    code, summary, _stderr = inspect_json(placed)
    messages = [message_json(m) for a in open_archives(placed) for m in a.messages()]
    result = {"exit_code": code, "inspect": summary, "messages": messages}
    text = json.dumps(result, ensure_ascii=False)
    text = text.replace(json.dumps(str(tmp_path) + "/")[1:-1], "")
    return dict(json.loads(text))
