"""Wall times made zone-aware: DST gaps and folds resolved deterministically."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from compliance.archives.clock import Localizer, iso_utc, zone
from compliance.errors import UsageError

BERLIN = zone("Europe/Berlin")


def test_ordinary_time_gets_zone_offset() -> None:
    aware = Localizer(BERLIN).localize(datetime(2024, 7, 1, 12, 0))
    assert aware.isoformat() == "2024-07-01T12:00:00+02:00"


def test_time_in_spring_gap_moves_forward() -> None:
    aware = Localizer(BERLIN).localize(datetime(2024, 3, 31, 2, 30))
    assert aware.isoformat() == "2024-03-31T03:30:00+02:00"


def test_fold_reads_first_occurrence() -> None:
    aware = Localizer(BERLIN).localize(datetime(2023, 10, 29, 2, 30))
    assert aware.utcoffset() is not None and aware.utcoffset().total_seconds() == 7200


def test_fold_reads_second_occurrence_when_first_would_go_back() -> None:
    localizer = Localizer(BERLIN)
    localizer.localize(datetime(2023, 10, 29, 2, 50))  # first pass through the hour
    later = localizer.localize(datetime(2023, 10, 29, 2, 10))  # after the clock went back
    assert later.astimezone(UTC) == datetime(2023, 10, 29, 1, 10, tzinfo=UTC)


def test_same_input_same_result() -> None:
    times = [datetime(2023, 10, 29, 2, 50), datetime(2023, 10, 29, 2, 10)]
    first = [Localizer(BERLIN).localize(t).isoformat() for t in times]
    second = [Localizer(BERLIN).localize(t).isoformat() for t in times]
    assert first == second


def test_iso_utc_has_z() -> None:
    assert iso_utc(datetime(2024, 1, 1, 1, 0, tzinfo=BERLIN)) == "2024-01-01T00:00:00Z"


def test_unknown_zone_is_usage_error() -> None:
    with pytest.raises(UsageError, match="Mars/Olympus"):
        zone("Mars/Olympus")
