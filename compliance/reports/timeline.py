"""The geometry of the timeline chart (messages and overdue messages per month).

HTML draws it as inline SVG and PDF with reportlab shapes; both take the same bars and
labels from here, in a coordinate system with its origin at the top left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from babel.dates import get_month_names

from compliance.audit.report import AuditReport
from compliance.reports.presentation import months, texts_of
from compliance.reports.texts import ReportTexts, texts_for


@dataclass(slots=True, frozen=True)
class Bar:
    month: str
    messages: int
    overdue: int
    x: float
    width: float
    messages_top: float
    overdue_top: float
    bottom: float


@dataclass(slots=True, frozen=True)
class AxisLabel:
    position: float  # x for month labels, y for value ticks
    text: str


@dataclass(slots=True, frozen=True)
class TimelineChart:
    width: float
    height: float
    plot_left: float
    plot_top: float
    plot_right: float
    plot_bottom: float
    bars: tuple[Bar, ...]
    value_ticks: tuple[AxisLabel, ...]
    month_labels: tuple[AxisLabel, ...]
    title: str


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is at least ``value``."""
    if value <= 1:
        return 1
    power = int(10 ** math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def month_label(month: str, *, with_year: bool, t: ReportTexts | None = None) -> str:
    """``Sep 2026`` / ``Sept. 2026``: the month's short name in the report's language."""
    t = t or texts_for("en")
    year, number_of_month = month.split("-")
    names = get_month_names("abbreviated", context="stand-alone", locale=t.locale)
    name = names[int(number_of_month)]
    return f"{name} {year}" if with_year else name


def _month_labels(
    series: list[str], plot_left: float, slot: float, t: ReportTexts
) -> tuple[AxisLabel, ...]:
    """At most about a dozen labels: every n-th month, or for long spans every n-th year."""
    centres = [plot_left + index * slot + slot / 2 for index in range(len(series))]
    every = next((step for step in (1, 2, 3, 4, 6) if len(series) / step <= 12), None)
    if every is not None:
        return tuple(
            AxisLabel(
                centres[index],
                month_label(month, with_year=index == 0 or month.endswith("-01"), t=t),
            )
            for index, month in enumerate(series)
            if index % every == 0
        )
    years = math.ceil(len(series) / 12 / 12)
    return tuple(
        AxisLabel(centres[index], month[:4])
        for index, month in enumerate(series)
        if month.endswith("-01") and int(month[:4]) % years == 0
    )


def timeline_chart(
    report: AuditReport, width: float = 720, height: float = 210
) -> TimelineChart | None:
    """The chart of ``report.timeline``, or None when no message has a date."""
    series = months(report)
    if not series:
        return None
    t = texts_of(report)
    plot_left, plot_right = 52.0, width - 8.0
    plot_top, plot_bottom = 26.0, height - 24.0
    top_value = nice_ceiling(max(messages for _, messages, _ in series))
    slot = (plot_right - plot_left) / len(series)
    bar_width = max(slot * 0.72, 0.6)
    scale = (plot_bottom - plot_top) / top_value

    bars = []
    for index, (month, messages, overdue) in enumerate(series):
        x = plot_left + index * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                month=month,
                messages=messages,
                overdue=min(overdue, messages),
                x=x,
                width=bar_width,
                messages_top=plot_bottom - messages * scale,
                overdue_top=plot_bottom - min(overdue, messages) * scale,
                bottom=plot_bottom,
            )
        )
    ticks = tuple(
        AxisLabel(plot_bottom - fraction * top_value * scale, t.number(int(fraction * top_value)))
        for fraction in (0, 0.5, 1)
    )
    labels = _month_labels([month for month, _, _ in series], plot_left, slot, t)
    first, last = series[0][0], series[-1][0]
    title = (
        f"{t('heading.timeline')}, {month_label(first, with_year=True, t=t)} – "
        f"{month_label(last, with_year=True, t=t)}"
    )
    return TimelineChart(
        width=width,
        height=height,
        plot_left=plot_left,
        plot_top=plot_top,
        plot_right=plot_right,
        plot_bottom=plot_bottom,
        bars=tuple(bars),
        value_ticks=ticks,
        month_labels=labels,
        title=title,
    )
