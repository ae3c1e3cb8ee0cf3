"""Golden outputs: the text and JSON of the crafted report change only on purpose.

Run with ``UPDATE_GOLDEN=1`` to rewrite the golden files after an intended change, then
review the diff: the JSON is what other tools read, the text is what people read.
"""

from __future__ import annotations

import os

import pytest

from compliance.reports import ReportFormat, render_report
from tests.conftest import REPO_ROOT
from tests.reports.sample_report import sample_report

GOLDEN = REPO_ROOT / "tests" / "data" / "reports"


@pytest.mark.parametrize(
    ("name", "report_format", "color"),
    [
        ("sample.txt", ReportFormat.TEXT, False),
        ("sample.color.txt", ReportFormat.TEXT, True),
        ("sample.json", ReportFormat.JSON, False),
    ],
)
def test_output_matches_golden(name: str, report_format: ReportFormat, color: bool) -> None:
    output = render_report(sample_report(), report_format, color=color)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(output)
    assert golden.exists(), f"missing golden file {golden}; run with UPDATE_GOLDEN=1"
    assert output == golden.read_bytes()
