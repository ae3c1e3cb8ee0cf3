"""``compliance scan``: text and JSON output, JSON Lines per input line, masking, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from compliance.cli import cli

ACCEPTANCE = "Meine IBAN ist DE89 3704 0044 0532 0130 00, ich nehme Sertralin"
HEADER = {"schema": "compliance/scan", "schema_version": 1}


def records_of(output: str) -> list[dict[str, Any]]:
    """The records of ``scan --lines`` after the header line that names the schema."""
    lines = [json.loads(line) for line in output.splitlines()]
    assert lines[0] == HEADER
    return lines[1:]


def test_acceptance_example_lists_both_findings_masked() -> None:
    result = CliRunner().invoke(cli, ["scan", "-", "--format", "json"], input=ACCEPTANCE + "\n")
    assert result.exit_code == 1, result.output  # 1: something was found
    findings = json.loads(result.output)["findings"]
    assert [(f["category"], f["masked"]) for f in findings] == [
        ("IBAN", "DE89 •••• •••• •••• ••30 00"),
        ("HEALTH", "S•••"),
    ]
    assert set(findings[0]) == {
        "start",
        "end",
        "category",
        "detector",
        "severity",
        "confidence",
        "masked",
    }
    assert "3704" not in result.output and "Sertralin" not in result.output


def test_text_argument_and_text_format() -> None:
    result = CliRunner().invoke(cli, ["scan", "Ruf an: 0171 2345678"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "8-20  PHONE                      medium   0.95  identifier 017• •••••78"
    ]


def test_nothing_found_exits_zero() -> None:
    result = CliRunner().invoke(cli, ["scan", "Guten Morgen!"])
    assert result.exit_code == 0
    assert result.output == "No sensitive data found.\n"
    result = CliRunner().invoke(cli, ["scan", "Guten Morgen!", "--format", "json"])
    assert json.loads(result.output) == {**HEADER, "findings": []}


def test_lines_gives_one_json_object_per_input_line() -> None:
    text = "Hallo zusammen\n😊 Tel 0171 2345678\n\nich bin lebensmüde\n"
    result = CliRunner().invoke(cli, ["scan", "--lines"], input=text)
    assert result.exit_code == 1
    records = records_of(result.output)
    assert [r["line"] for r in records] == [1, 2, 3, 4]
    assert records[0]["findings"] == [] and records[2]["findings"] == []
    phone = records[1]["findings"][0]
    assert (phone["start"], phone["end"], phone["category"]) == (6, 18, "PHONE")
    assert records[3]["findings"][0]["severity"] == "critical"


def test_reveal_shows_values_on_request_only() -> None:
    masked = CliRunner().invoke(cli, ["scan", "--lines"], input="mail anna@example.de\n")
    assert "anna@example.de" not in masked.output
    revealed = CliRunner().invoke(
        cli, ["scan", "--lines", "--reveal"], input="mail anna@example.de\n"
    )
    assert records_of(revealed.output)[0]["findings"][0]["value"] == "anna@example.de"


def test_lang_limits_the_lexicons() -> None:
    result = CliRunner().invoke(cli, ["scan", "I want to die", "--lang", "de"])
    assert result.exit_code == 0
    result = CliRunner().invoke(cli, ["scan", "I want to die", "--lang", "en"])
    assert result.exit_code == 1 and "CRISIS" in result.output


def test_bad_usage_and_bad_input() -> None:
    assert CliRunner().invoke(cli, ["scan", "x", "--lang", "fr"]).exit_code == 2
    assert CliRunner().invoke(cli, ["scan", "x", "--region", "Germany"]).exit_code == 2
    result = CliRunner().invoke(cli, ["scan", "-"], input=b"caf\xe9\n")
    assert result.exit_code == 3
    assert result.output == "<stdin>: not UTF-8 text (byte 4); convert it first\n"
    result = CliRunner().invoke(cli, ["scan", "--lines"], input=b"ok\nTel 0171 2345678\ncaf\xe9\n")
    assert result.exit_code == 3
    assert result.output.splitlines()[-1] == "<stdin>:3: not UTF-8 text (byte 4); convert it first"


def test_lines_stream_in_blocks_and_accept_crlf() -> None:
    text = "".join(
        "Hallo zusammen\r\n" if i % 5000 else "Tel 0171 2345678\r\n" for i in range(9000)
    )
    result = CliRunner().invoke(cli, ["scan", "--lines"], input=text)
    records = records_of(result.output)
    assert len(records) == 9000 and records[-1]["line"] == 9000
    assert [r["line"] for r in records if r["findings"]] == [1, 5001]
    assert records[5000]["findings"][0]["end"] == 16


def test_a_file_argument_is_read_as_that_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Hallo\nMeine IBAN ist DE89 3704 0044 0532 0130 00\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["scan", str(notes)])
    assert result.exit_code == 1 and "IBAN" in result.output
    result = CliRunner().invoke(cli, ["scan", str(notes), "--lines"])
    assert [r["line"] for r in records_of(result.output) if r["findings"]] == [2]
    # --text: the argument is the text itself, even where such a file exists
    result = CliRunner().invoke(cli, ["scan", "--text", str(notes)])
    assert result.exit_code == 0 and result.output == "No sensitive data found.\n"
    notes.write_bytes(b"caf\xe9")
    result = CliRunner().invoke(cli, ["scan", str(notes)])
    assert result.exit_code == 3
    assert result.output == f"{notes}: not UTF-8 text (byte 4); convert it first\n"
