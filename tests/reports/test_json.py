"""The JSON report: every finding, valid against the schema kept in the repository."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from compliance.audit.report import AuditReport, Finding, json_schema
from compliance.reports.json_report import iter_json, render_json, schema_text
from tests.conftest import REPO_ROOT
from tests.reports.sample_report import HOSTILE_CHAT, many_findings, sample_report

SCHEMA_FILE = REPO_ROOT / "compliance" / "schemas" / "audit-report.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_file_is_the_generated_schema() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/audit-report.schema.json is out of date: run "
        "python -m compliance.reports.json_report > compliance/schemas/audit-report.schema.json"
    )
    assert json.loads(schema_text()) == json_schema()


def test_round_trip(report: AuditReport) -> None:
    assert json.loads(render_json(report)) == report.to_dict()


def test_output_validates(report: AuditReport, validator: jsonschema.Draft202012Validator) -> None:
    validator.validate(json.loads(render_json(report)))


@pytest.mark.parametrize(
    ("path", "bad_value"),
    [
        (("findings", 0, "severity"), "urgent"),
        (("findings", 0, "position", "line"), "twelve"),
        (("summary", "messages"), -0.5),
        (("archives", 1, "error"), 3),
        (("fail_on",), "sometimes"),
    ],
)
def test_schema_rejects_broken_reports(
    report: AuditReport,
    validator: jsonschema.Draft202012Validator,
    path: tuple[Any, ...],
    bad_value: object,
) -> None:
    document = copy.deepcopy(report.to_dict())
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad_value
    assert not validator.is_valid(document)


def test_findings_carry_the_fields_the_issue_names(report: AuditReport) -> None:
    findings = json.loads(render_json(report))["findings"]
    assert len(findings) == len(report.findings)
    required = {
        "rule",
        "severity",
        "category",
        "archive",
        "chat",
        "position",
        "timestamp",
        "sender_role",
        "excerpt",
    }
    for finding in findings:
        assert required <= finding.keys()
    crisis = next(f for f in findings if f["category"] == "CRISIS")
    assert crisis["severity"] == "critical"
    assert crisis["position"] == {"file": "result.json", "line": None, "index": 12}
    assert crisis["timestamp"] == "2025-01-07T23:40:00"
    assert crisis["sender_role"] == "client"


def test_top_level_records_versions_inputs_and_policy(report: AuditReport) -> None:
    document = json.loads(render_json(report))
    assert document["schema_version"] == "2.0"
    assert document["tool_version"] == "0.1.0"
    assert document["as_of"] == "2025-07-01"
    assert document["policy"]["vacations"] == [["2025-08-01", "2025-08-21"]]
    good, broken = document["archives"]
    assert good["sha256"].startswith("3f2a9c4e") and good["skipped"] == 2
    assert broken["error"] == "not a ZIP file (the file ends early)"
    assert document["summary"]["by_severity"] == {
        "critical": 2,
        "high": 5,
        "medium": 3,
        "low": 2,
        "info": 1,
    }


def test_format_is_stable_text(report: AuditReport) -> None:
    text = render_json(report)
    assert text.endswith("}\n")
    assert '\n  "archives": [\n    {\n      "chats": 3,' in text  # sorted keys, two spaces
    assert HOSTILE_CHAT.replace('"', '\\"') in text  # UTF-8 kept, not \u escapes
    assert "\\u00e4" not in text


def test_json_lists_every_finding_even_when_other_formats_cap() -> None:
    report = sample_report(many_findings(600))
    assert len(json.loads(render_json(report))["findings"]) == 3000


def test_not_a_number_is_refused_rather_than_written() -> None:
    from dataclasses import replace

    report = sample_report()
    times = replace(report.summary.response_times, median_hours=float("nan"))  # type: ignore[type-var]
    report.summary = replace(report.summary, response_times=times)
    with pytest.raises(ValueError):
        render_json(report)


@pytest.mark.parametrize(
    "findings",
    [None, [], many_findings(3)],
    ids=["sample", "no findings", "many"],
)
def test_pieces_are_exactly_the_dump_of_to_dict(findings: list[Finding] | None) -> None:
    report = sample_report(findings)
    expected = json.dumps(report.to_dict(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    pieces = list(iter_json(report))
    assert "".join(pieces) == expected


def test_findings_are_streamed_in_bounded_pieces() -> None:
    report = sample_report(many_findings(400))  # 2,000 findings
    pieces = list(iter_json(report))
    assert "".join(pieces) == render_json(report)
    longest, whole = max(map(len, pieces)), sum(map(len, pieces))
    assert longest < whole / 4  # never the whole list of findings in one piece
