"""Command-line habits: -o -, binary formats and terminals, --quiet, NO_COLOR, --version."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from compliance import __version__
from compliance.cli import cli
from tests.conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
AUDIT = ["audit", str(EXAMPLES), "--profile", str(EXAMPLES / "practice.yaml"), "--as-of",
         "2026-12-01"]  # fmt: skip


def test_dash_writes_text_formats_to_standard_output_and_no_file(tmp_path: Path) -> None:
    for fmt in ("json", "html", "text"):
        result = CliRunner().invoke(cli, [*AUDIT, "--format", fmt, "-o", "-"])
        assert result.exit_code == 1, result.stderr
        assert result.stdout.strip()
        if fmt == "json":
            assert "schema_version" in json.loads(result.stdout)
    result = CliRunner().invoke(
        cli, ["inspect", str(EXAMPLES / "exports"), "--format", "json", "-o", "-"]
    )
    assert json.loads(result.stdout)["schema"] == "compliance/inspect"
    assert not Path("-").exists()


def test_a_binary_report_goes_to_a_pipe_but_never_to_a_terminal(tmp_path: Path) -> None:
    args = [sys.executable, "-m", "compliance", *AUDIT, "--format", "pdf", "-o", "-"]
    piped = subprocess.run(args, cwd=tmp_path, capture_output=True, check=False)
    assert piped.returncode == 1 and piped.stdout.startswith(b"%PDF")
    result = CliRunner().invoke(cli, [*AUDIT, "--format", "pdf"])
    assert result.exit_code == 2 and "needs an output file" in result.stderr


def test_quiet_silences_the_summary_but_not_the_result(tmp_path: Path) -> None:
    # examples/ holds the profile beside the exports: its "skipped" line is a warning and
    # stays; the summary line goes
    loud = CliRunner().invoke(cli, [*AUDIT, "--format", "json", "-o", str(tmp_path / "a.json")])
    assert "skipped: not a chat export" in loud.stderr
    assert loud.stderr.strip()
    quiet = CliRunner().invoke(
        cli, [*AUDIT, "--format", "json", "-o", str(tmp_path / "b.json"), "--quiet"]
    )
    assert quiet.exit_code == 1
    assert quiet.stderr.splitlines() == [
        line for line in loud.stderr.splitlines() if ": skipped: " in line
    ]
    inspect = CliRunner().invoke(cli, ["inspect", str(EXAMPLES / "exports"), "-q"])
    assert inspect.exit_code == 0 and inspect.stderr == "" and inspect.stdout


def _on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """What a command writes to standard output and error when both are a terminal."""
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "compliance", *args], cwd=REPO_ROOT, env=env,
        stdout=child, stderr=child, stdin=subprocess.DEVNULL,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(main)
    return b"".join(chunks)


def test_no_color_and_pipes_get_no_escape_codes(tmp_path: Path) -> None:
    plain_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    args = [*AUDIT, "--show-values", "--quiet"]
    assert b"\x1b[" in _on_a_terminal(args, plain_env)  # colour on a terminal...
    assert b"\x1b[" not in _on_a_terminal(args, {**plain_env, "NO_COLOR": "1"})  # ...not here
    piped = subprocess.run(
        [sys.executable, "-m", "compliance", *args], cwd=REPO_ROOT, capture_output=True,
        check=False, env=plain_env,
    )
    assert piped.stdout and b"\x1b[" not in piped.stdout + piped.stderr


def test_version_options() -> None:
    for option in ("--version", "-V"):
        result = CliRunner().invoke(cli, [option])
        assert result.exit_code == 0 and __version__ in result.stdout


def test_the_progress_line_shows_rate_bytes_bar_and_time_left() -> None:
    from compliance.cli.progress import ProgressLine

    line = ProgressLine(4_000_000)
    line.started -= 10  # ten seconds ago
    line.update(50_000)
    line.archive_done(1, 4)
    text = line.line(line.started + 10)
    assert "[####------------]" in text and "1/4 archives" in text
    assert "50,000 messages (5,000/s)" in text
    assert "1.0 MB of 4.0 MB" in text and "about 30 s left" in text
