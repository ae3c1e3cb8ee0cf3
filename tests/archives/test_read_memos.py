"""The message read's memo (the previous message's datetimes within a minute of one day)
changes no message: reading with them equals reading without,
on every fixture and on generated exports (iOS marks, continuation lines, system notices,
media placeholders in several languages, days with a DST change)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compliance.archives.whatsapp.messages as messages
from compliance.archives import DateOrder, open_archives
from compliance.archives.whatsapp.messages import MessageBuilder
from compliance.archives.whatsapp.scan import Header
from tests.archives.golden import place_case
from tests.archives.test_count import TEXT_CASES, exports


@contextmanager
def _without_memos() -> Iterator[None]:
    build = MessageBuilder.build

    def forgetful(
        self: MessageBuilder, line: int, header: Header, more: list[str]
    ) -> messages.Message | None:
        self.last_times = None  # every message's datetimes made anew
        return build(self, line, header, more)

    MessageBuilder.build = forgetful  # type: ignore[method-assign]
    try:
        yield
    finally:
        MessageBuilder.build = build  # type: ignore[method-assign]


def _read(path: Path, **options: object) -> list[tuple[object, ...]]:
    return [
        # the offset and fold too: equal datetimes may still differ in them
        (message, message.timestamp.utcoffset(), message.timestamp.fold)
        for archive in open_archives(path, **options)  # type: ignore[arg-type]
        for message in archive.messages()
    ]


def _both(path: Path, **options: object) -> tuple[list[object], list[object]]:
    with_memos = _read(path, **options)
    with _without_memos():
        without = _read(path, **options)
    return with_memos, without  # type: ignore[return-value]


@pytest.mark.parametrize("case", TEXT_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_memos_change_no_message_of_a_fixture(case: Path, tmp_path: Path) -> None:
    with_memos, without = _both(place_case(case, tmp_path))
    assert with_memos == without


def test_the_memos_are_used_and_can_be_switched_off(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat mit Praxis.txt"
    # three messages in one minute
    path.write_text(
        "12.03.24, 09:15 - Anna: ok\n12.03.24, 09:15 - Ben: ok\n12.03.24, 09:15 - Anna: ja\n",
        encoding="utf-8",
    )
    read = [row[0] for row in _read(path)]
    assert read[0].timestamp is read[1].timestamp is read[2].timestamp  # type: ignore[attr-defined]
    with _without_memos():
        again = [row[0] for row in _read(path)]
    assert again[0].timestamp is not again[1].timestamp  # type: ignore[attr-defined]
    assert again == read


@pytest.mark.parametrize(
    "text",
    [
        # the same time on the next day
        "12.03.24, 09:15 - Anna: ok\n13.03.24, 09:15 - Ben: ok\n12.03.24, 09:15 - Anna: ok\n",
        # the autumn fold in Berlin: the same wall time twice, read by the fold rule
        "27.10.24, 02:30 - Anna: a\n27.10.24, 02:59 - Ben: b\n27.10.24, 02:30 - Anna: c\n"
        "27.10.24, 02:30 - Ben: d\n",
        # an impossible date between two of the same time
        "28.02.23, 10:00 - Anna: a\n31.02.23, 10:00 - Ben: b\n01.03.23, 10:00 - Anna: c\n",
    ],
)
def test_memos_keep_days_apart(text: str, tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat mit Praxis.txt"
    path.write_text(text, encoding="utf-8")
    with_memos, without = _both(path, tz="Europe/Berlin")
    assert with_memos == without
    assert len({row[0].timestamp for row in with_memos}) > 1  # type: ignore[attr-defined]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports(), st.sampled_from([None, DateOrder.DMY, DateOrder.MDY]))
def test_memos_change_no_message_of_a_generated_export(text: str, order: DateOrder | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "WhatsApp Chat mit Praxis.txt"
        path.write_text(text, encoding="utf-8", newline="")
        with_memos, without = _both(path, tz="Europe/Berlin", date_order=order)
        assert with_memos == without
