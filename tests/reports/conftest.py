"""Fixtures for the reporter tests: the crafted report, rendered once per format."""

from __future__ import annotations

import pytest

from compliance.audit.report import AuditReport
from tests.reports.sample_report import sample_report


@pytest.fixture
def report() -> AuditReport:
    return sample_report()
