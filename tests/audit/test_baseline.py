"""Baselines: stable finding ids, and what is new, unchanged or resolved since an earlier audit."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from compliance.cli import cli
from tests.audit.conftest import CRAFTED

CHAT = (CRAFTED / "WhatsApp Chat mit Kim Klient.txt").read_text(encoding="utf-8")
BASE = ["--me", "Pia Praxis", "--tz", "Europe/Berlin", "--retention-days", "14", "--lang", "en"]


def _audit(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["audit", *args])
    return result.exit_code, result.stdout, result.stderr


def _report(path: Path, as_of: str, *extra: str) -> dict:  # type: ignore[type-arg]
    out = path.parent / f"report-{as_of}-{len(extra)}.json"
    code, _, err = _audit(
        str(path), *BASE, "--as-of", as_of, "--format", "json", "-o", str(out), *extra
    )
    assert code in (0, 1), err
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_ids_do_not_depend_on_the_report_date(tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat mit Kim Klient.txt"
    chat.write_text(CHAT, encoding="utf-8")
    first = _report(chat, "2026-11-27")
    later = _report(chat, "2026-12-05")
    ids = {f["code"]: f["id"] for f in first["findings"]}
    assert len({f["id"] for f in first["findings"]}) == len(first["findings"])
    for finding in later["findings"]:
        if finding["code"] in ids and finding["code"] != "retention.overdue":
            assert finding["id"] == ids[finding["code"]], finding["code"]
    # the overdue finding of the chat keeps its id while more of the chat becomes overdue
    (overdue_first,) = [f for f in first["findings"] if f["code"] == "retention.overdue"]
    (overdue_later,) = [f for f in later["findings"] if f["code"] == "retention.overdue"]
    assert overdue_first["id"] == overdue_later["id"]
    assert overdue_later["count"] > overdue_first["count"]


def test_deleting_old_messages_resolves_and_a_new_message_is_new(tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat mit Kim Klient.txt"
    chat.write_text(CHAT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    code, _, err = _audit(
        str(chat), *BASE, "--as-of", "2026-11-27", "--format", "json", "-o", str(baseline)
    )
    assert code == 1, err
    before = json.loads(baseline.read_text(encoding="utf-8"))
    (overdue,) = [f for f in before["findings"] if f["code"] == "retention.overdue"]

    # the practitioner moves the old messages to the record and deletes them; a new one comes
    recent = [line for line in CHAT.splitlines() if line[:8] >= "20.11.26"]
    recent.append("02.12.26, 09:00 - Kim Klient: Meine neue Nummer ist 0171 2345678.")
    chat.write_text("\n".join(recent) + "\n", encoding="utf-8")
    after = _report(chat, "2026-12-03", "--baseline", str(baseline))

    comparison = after["baseline"]
    resolved_ids = {item["id"] for item in comparison["resolved_findings"]}
    assert overdue["id"] in resolved_ids
    assert comparison["resolved"] == len(resolved_ids) >= 1
    statuses = {f["code"]: f["baseline"] for f in after["findings"]}
    assert statuses["sensitive.PHONE"] == "new"
    assert statuses["sensitive.HEALTH"] == "unchanged"  # the 20 November message is still there
    assert comparison["new"] == sum(1 for f in after["findings"] if f["baseline"] == "new")

    # the text report and the summary line show the comparison
    code, out, err = _audit(str(chat), *BASE, "--as-of", "2026-12-03", "--baseline", str(baseline))
    assert "Resolved since the baseline" in out and "retention.overdue" in out
    assert "resolved since 27 Nov 2026" in err


def test_fail_on_new_counts_only_new_findings(tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat mit Kim Klient.txt"
    chat.write_text(CHAT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    _audit(str(chat), *BASE, "--as-of", "2026-11-27", "--format", "json", "-o", str(baseline))
    same = ["--as-of", "2026-11-27", "--baseline", str(baseline), "--format", "json"]
    assert _audit(str(chat), *BASE, *same)[0] == 1
    assert _audit(str(chat), *BASE, *same, "--fail-on-new")[0] == 0
    code, text, _ = _audit(
        str(chat), *BASE, "--as-of", "2026-11-27", "--baseline", str(baseline), "--fail-on-new"
    )
    assert code == 0 and "Result: passed (no new findings rated high or higher)" in text
    chat.write_text(CHAT + "27.11.26, 09:00 - Kim Klient: IBAN DE89 3704 0044 0532 0130 00\n")
    assert _audit(str(chat), *BASE, *same, "--fail-on-new")[0] == 1


def test_bad_baselines_are_input_errors(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"schema_version": "1.0", "findings": []}), encoding="utf-8")
    code, _, err = _audit(str(CRAFTED), *BASE, "--baseline", str(old))
    assert code == 3 and "old.json: schema_version: schema version 1.0" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    code, _, err = _audit(str(CRAFTED), *BASE, "--baseline", str(broken))
    assert code == 3 and "broken.json" in err and "Traceback" not in err
    code, _, err = _audit(str(CRAFTED), *BASE, "--fail-on-new")
    assert code == 2 and "--baseline" in err
