"""The shared pieces of the human-readable reports: cleaning, places, groups, months, chart axes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.audit.report import Position, TimelineBucket
from compliance.reports.presentation import (
    clean,
    group_findings,
    months,
    number,
    place,
    report_zone,
    timestamp,
)
from compliance.reports.texts import texts_for
from compliance.reports.timeline import nice_ceiling, timeline_chart
from tests.reports.sample_report import sample_findings, sample_report


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text", "plain text"),
        ("two\nlines", "two ↵ lines"),
        ("windows\r\nline", "windows ↵ line"),
        ("\x1b[31mred", "\ufffd[31mred"),
        ("tab\there", "tab\ufffdhere"),
        ("\u202eevil\u202c", "\ufffdevil\ufffd"),  # bidi override
        ("Łukasz Wójcik 😀", "Łukasz Wójcik 😀"),
    ],
)
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected


@given(st.text())
def test_clean_leaves_no_control_character(text: str) -> None:
    cleaned = clean(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in cleaned)


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (None, ""),
        (Position("chat.txt", line=12), "chat.txt:12"),
        (Position("result.json", index=0), "result.json#0"),
        (Position("media/IMG-1.jpg"), "media/IMG-1.jpg"),
    ],
)
def test_place(position: Position | None, expected: str) -> None:
    assert place(position) == expected


@pytest.mark.parametrize(("value", "expected"), [(0, "0"), (999, "999"), (12345, "12,345")])
def test_number(value: int, expected: str) -> None:
    assert number(value) == expected


def test_aware_timestamps_are_shown_in_the_policy_time_zone() -> None:
    zone = report_zone(sample_report())
    assert timestamp(datetime(2025, 3, 30, 0, 30, tzinfo=UTC), zone) == "2025-03-30 01:30"
    assert timestamp(datetime(2025, 3, 30, 1, 30, tzinfo=UTC), zone) == "2025-03-30 03:30"  # DST
    assert timestamp(datetime(2025, 3, 30, 1, 30), zone) == "2025-03-30 01:30"  # naive: as written
    assert timestamp(None, zone) == "–"


def test_groups_keep_report_order_and_sum_counts() -> None:
    findings = sample_findings()
    findings.append(replace(findings[1], count=4))  # a fourth overdue finding standing for 4
    groups = group_findings(findings)
    overdue = next(g for g in groups if g.code == "retention.overdue")
    assert groups[0].code == "parties.group_chat"
    assert overdue.count == 3 + 4
    assert overdue.line_span(texts_for("en")) == "result.json#10–14"
    assert overdue.time_span() == (datetime(2025, 1, 6, 18, 30), datetime(2025, 2, 1, 12, 0))


def test_months_fill_gaps_across_a_year_end() -> None:
    report = sample_report()
    report.timeline = [TimelineBucket("2024-11", 5, 1), TimelineBucket("2025-02", 7, 0)]
    assert months(report) == [
        ("2024-11", 5, 1),
        ("2024-12", 0, 0),
        ("2025-01", 0, 0),
        ("2025-02", 7, 0),
    ]
    report.timeline = []
    assert months(report) == []
    assert timeline_chart(report) is None


@pytest.mark.parametrize(
    ("value", "expected"), [(0, 1), (1, 1), (7, 10), (10, 10), (11, 20), (3045, 5000), (4000, 5000)]
)
def test_nice_ceiling(value: int, expected: int) -> None:
    assert nice_ceiling(value) == expected


@pytest.mark.parametrize(
    ("first_year", "years", "labels"),
    [
        (
            2025,
            1,
            [
                "Jan 2025",
                "Feb",
                "Mar",
                "Apr",
                "May",
                "Jun",
                "Jul",
                "Aug",
                "Sept",
                "Oct",
                "Nov",
                "Dec",
            ],
        ),
        (
            2024,
            2,
            [
                "Jan 2024",
                "Mar",
                "May",
                "Jul",
                "Sept",
                "Nov",
                "Jan 2025",
                "Mar",
                "May",
                "Jul",
                "Sept",
                "Nov",
            ],
        ),
        (2010, 15, ["2010", "2012", "2014", "2016", "2018", "2020", "2022", "2024"]),
    ],
)
def test_month_labels_stay_few(first_year: int, years: int, labels: list[str]) -> None:
    report = sample_report()
    report.timeline = [
        TimelineBucket(f"{year}-{month:02d}", 10, 0)
        for year in range(first_year, first_year + years)
        for month in range(1, 13)
    ]
    chart = timeline_chart(report)
    assert chart is not None
    assert [label.text for label in chart.month_labels] == labels
    assert len(chart.bars) == years * 12
    assert all(chart.plot_left <= bar.x < chart.plot_right for bar in chart.bars)


def test_overdue_bar_never_taller_than_messages_bar() -> None:
    report = sample_report()
    report.timeline = [TimelineBucket("2025-01", 10, 25)]  # inconsistent input stays drawable
    chart = timeline_chart(report)
    assert chart is not None
    assert chart.bars[0].overdue_top == chart.bars[0].messages_top
