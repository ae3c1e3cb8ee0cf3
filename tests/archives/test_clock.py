"""Wall times made zone-aware: DST gaps and folds resolved deterministically."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from compliance.archives import open_archives
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


@pytest.mark.parametrize(
    ("day", "plain"),
    [
        ((2024, 7, 1), True),
        ((2024, 3, 31), False),  # spring gap
        ((2024, 10, 27), False),  # autumn fold
        ((2024, 10, 28), True),
    ],
)
def test_plain_day_is_a_day_without_transition(day: tuple[int, int, int], plain: bool) -> None:
    assert Localizer(BERLIN).plain_day(*day) is plain


def test_whatsapp_messages_across_dst_changes_keep_the_localize_rules(tmp_path: Path) -> None:
    # The reader skips localize() on days without a transition; on the transition days
    # every message must still follow its rules (gap moved forward, fold resolved by order).
    lines = [
        "30.03.24, 23:50 - Anna: vor der Umstellung",
        "31.03.24, 02:30 - Anna: in der Lücke",
        "31.03.24, 03:10 - Mia: danach",
        "26.10.24, 12:00 - Anna: Samstag",
        "27.10.24, 02:50 - Anna: erste Stunde",
        "27.10.24, 02:10 - Mia: zweite Stunde",
        "28.10.24, 09:00 - Anna: Montag",
    ]
    export = tmp_path / "WhatsApp Chat mit Mia.txt"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (archive,) = open_archives(export, tz="Europe/Berlin")
    stamps = [(m.timestamp.isoformat(), m.timestamp.fold) for m in archive.messages()]
    assert stamps == [
        ("2024-03-30T23:50:00+01:00", 0),
        ("2024-03-31T03:30:00+02:00", 0),  # 02:30 does not exist: moved forward by the gap
        ("2024-03-31T03:10:00+02:00", 0),
        ("2024-10-26T12:00:00+02:00", 0),
        ("2024-10-27T02:50:00+02:00", 0),
        ("2024-10-27T02:10:00+01:00", 1),  # the second 02:10, after the clock went back
        ("2024-10-28T09:00:00+01:00", 0),
    ]
