"""Policies and paths for audit tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from compliance.audit.policy import AuditPolicy
from compliance.profile import Availability
from tests.conftest import REPO_ROOT

BERLIN = ZoneInfo("Europe/Berlin")
DATA = REPO_ROOT / "tests" / "audit" / "data"
CRAFTED = DATA / "crafted"


@pytest.fixture(autouse=True)
def english_system(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Reports without --lang and profile follow the system's language: English here, on
    every machine the tests run on."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield


def make_policy(
    *,
    as_of: datetime = datetime(2026, 11, 27, 12, 0, tzinfo=BERLIN),
    retention_days: int = 14,
    consent_date: date | None = None,
    withdrawal_date: date | None = None,
    show_values: bool = False,
    names: tuple[str, ...] = ("Pia Praxis",),
    agreed_messengers: tuple[str, ...] | None = None,
    report_lang: str = "en",
) -> AuditPolicy:
    return AuditPolicy(
        zone=BERLIN,
        zone_name="Europe/Berlin",
        as_of=as_of,
        retention_days=retention_days,
        availability=Availability(),
        holiday_country="DE",
        holiday_subdivision="BE",
        practitioner_names=names,
        consent_date=consent_date,
        withdrawal_date=withdrawal_date,
        show_values=show_values,
        lang="auto",
        region="DE",
        agreed_messengers=agreed_messengers,
        report_lang=report_lang,
    )
