"""Checklists: a run from an answers file gives the expected score, open points and exit code."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from compliance.checklist.model import load, names
from compliance.checklist.run import Answer, run
from compliance.cli import cli
from compliance.profile import load_profile
from tests.conftest import REPO_ROOT

EXAMPLES = REPO_ROOT / "examples"
SCHEMA = REPO_ROOT / "compliance" / "schemas" / "checklist-run.schema.json"


def test_all_four_checklists_load() -> None:
    assert names() == ["client-onboarding", "device-security", "dsk-2019", "messenger-selection"]
    for name in names():
        checklist, _ = load(name)
        assert checklist.id == name and any(item.must for item in checklist.items)
        for item in checklist.items:
            assert item.question.de and item.question.en


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_answers_give_expected_score() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "checklist",
            "run",
            "messenger-selection",
            "--answers",
            str(EXAMPLES / "answers.yaml"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["score"] == 75.0  # 9 of 12 yes
    assert data["open_must"] == 0
    origins = {item["key"]: item["origin"] for item in data["items"]}
    assert origins["messenger_chosen"] == "derived" and origins["chamber_position"] == "given"
    open_keys = sorted(item["key"] for item in data["items"] if item["open"])
    assert open_keys == ["art28", "eu_provider", "no_phone_number"]


@pytest.mark.parametrize(
    ("answers", "score", "exit_code"),
    [
        (
            "answers: {art13_information: yes, app_authentication: yes, contacts_separate: yes, "
            "encrypted_storage: yes, certificates: na}",
            100 * 4 / 10,
            0,
        ),
        ("answers: {art13_information: no}", 0.0, 1),
        ("answers: {art13_information: ja, app_authentication: nein}", 100 / 11, 1),
    ],
)
def test_scores_and_exit_codes(tmp_path: Path, answers: str, score: float, exit_code: int) -> None:
    path = _write(tmp_path, answers + "\n")
    result = CliRunner().invoke(
        cli, ["checklist", "run", "dsk-2019", "--answers", str(path), "--format", "json"]
    )
    assert result.exit_code == exit_code, result.output
    assert json.loads(result.output)["score"] == pytest.approx(score, abs=0.05)


def test_profile_answers_are_derived_and_can_be_overridden() -> None:
    checklist, sha = load("messenger-selection")
    profile = load_profile(EXAMPLES / "practice.yaml")
    derived = run(checklist, sha, {}, profile)
    assert {r.item.key: r.answer for r in derived.items}["not_discouraged"] is Answer.YES
    overridden = run(checklist, sha, {"not_discouraged": Answer.NO}, profile)
    assert overridden.exit_code == 1


def test_whatsapp_profile_fails_the_must_item(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        (EXAMPLES / "practice.yaml").read_text(encoding="utf-8").replace("[signal]", "[whatsapp]"),
        encoding="utf-8",
    )
    answers = _write(tmp_path, f"profile: {profile.name}\nanswers: {{chamber_position: yes}}\n")
    result = CliRunner().invoke(
        cli, ["checklist", "run", "messenger-selection", "--answers", str(answers)]
    )
    assert result.exit_code == 1
    assert "Do you avoid messengers that authorities" in result.output.split("Open points:")[1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "answers:\n  nonsense: yes\n",
            "answers.yaml:2: answers.nonsense: unknown item; valid: art13_information",
        ),
        ("answers:\n  dpia: maybe\n", "answers.yaml:2: answers.dpia: 'maybe' is not an answer"),
        (
            "checklist: device-security\n",
            "answers.yaml:1: checklist: these answers are for 'device-security'",
        ),
    ],
)
def test_bad_answers_file_is_one_line_exit_3(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    result = CliRunner().invoke(cli, ["checklist", "run", "dsk-2019", "--answers", str(path)])
    assert result.exit_code == 3
    assert message in result.output
    assert "Traceback" not in result.output


def test_unknown_checklist_lists_valid_names() -> None:
    result = CliRunner().invoke(cli, ["checklist", "show", "nope"])
    assert result.exit_code == 2 and "valid: client-onboarding" in result.output


def test_no_terminal_and_no_answers_is_usage_error() -> None:
    result = CliRunner().invoke(cli, ["checklist", "run", "dsk-2019"])
    assert result.exit_code == 2 and "--answers" in result.output


def test_pdf_report(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(
        cli,
        [
            "checklist",
            "run",
            "messenger-selection",
            "--answers",
            str(EXAMPLES / "answers.yaml"),
            "--format",
            "pdf",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF")


def _read_until(fd: int, wanted: bytes, timeout: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_interactive_run_under_a_pseudo_terminal() -> None:
    main, child = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "compliance", "checklist", "run", "client-onboarding"],
        stdin=child,
        stdout=child,
        stderr=child,
        cwd=REPO_ROOT,
        close_fds=True,
    )
    os.close(child)
    transcript = b""
    try:
        for answer in [
            b"yes",
            b"maybe",
            b"yes",
            b"na",
            b"yes",
            b"yes",
            b"yes",
            b"no",
            b"no",
            b"yes",
        ]:
            transcript += _read_until(main, b"(yes/no/na) ")
            os.write(main, answer + b"\r")
        transcript += _read_until(main, b"Open points:")
        transcript += _read_until(main, b"\n- ", timeout=5)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    text = transcript.decode("utf-8", "replace")
    assert "Please answer yes, no or na." in text
    assert "Score: 75 %" in text  # 6 of 8 applicable yes
