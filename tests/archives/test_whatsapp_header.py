"""WhatsApp header layouts: each line parses to the expected date, time and rest."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.archives.model import DateOrder
from compliance.archives.whatsapp.grammar import (
    HEADER,
    MATCH_TABLE,
    DateOrderVote,
    parse_date,
    wall_time,
)
from compliance.archives.whatsapp.scan import HEADER_FIRST_CHARS, _raw_rest, parse_header

LRM, RLM, NBSP, NNBSP, BOM = "\u200e", "\u200f", "\u00a0", "\u202f", "\ufeff"

# (line, date order of the layout, expected wall time, expected rest of the line)
LAYOUTS = [
    ("12.03.24, 09:15 - Anna: Hallo", DateOrder.DMY, datetime(2024, 3, 12, 9, 15), "Anna: Hallo"),
    ("12.03.2024, 09:15 - Anna: x", DateOrder.DMY, datetime(2024, 3, 12, 9, 15), "Anna: x"),
    ("23.03.22 13:31 - A: x", DateOrder.DMY, datetime(2022, 3, 23, 13, 31), "A: x"),
    ("23-03-2022 13:31 - A: x", DateOrder.DMY, datetime(2022, 3, 23, 13, 31), "A: x"),
    ("23/03/2022, 13:31 - A: x", DateOrder.DMY, datetime(2022, 3, 23, 13, 31), "A: x"),
    ("25/01/22, 9:32 am - A: x", DateOrder.DMY, datetime(2022, 1, 25, 9, 32), "A: x"),
    ("5/9/22, 11:07 PM - A: x", DateOrder.MDY, datetime(2022, 5, 9, 23, 7), "A: x"),
    (f"5/9/22, 11:07{NNBSP}PM - A: x", DateOrder.MDY, datetime(2022, 5, 9, 23, 7), "A: x"),
    ("6/30/23, 16:13 - A: x", DateOrder.MDY, datetime(2023, 6, 30, 16, 13), "A: x"),
    (
        f"28/3/2025, 9:29{NBSP}p.{NBSP}m. - A: x",
        DateOrder.DMY,
        datetime(2025, 3, 28, 21, 29),
        "A: x",
    ),
    ("20/6/2017 8:28 p. m. - A: x", DateOrder.DMY, datetime(2017, 6, 20, 20, 28), "A: x"),
    ("1/1/2019, 12:05 a. m. - A: x", DateOrder.MDY, datetime(2019, 1, 1, 0, 5), "A: x"),
    ("2019/01/01, 11:25 - A: x", DateOrder.YMD, datetime(2019, 1, 1, 11, 25), "A: x"),
    ("[3/18/22, 14:56:00] Elon: x", DateOrder.MDY, datetime(2022, 3, 18, 14, 56), "Elon: x"),
    ("[3/18/22 14:56:00] Elon: x", DateOrder.MDY, datetime(2022, 3, 18, 14, 56), "Elon: x"),
    (
        f"{LRM}[27.03.22, 21:41:55] D: {LRM}<attached: a.jpg>",
        DateOrder.DMY,
        datetime(2022, 3, 27, 21, 41, 55),
        f"D: {LRM}<attached: a.jpg>",
    ),
    (f"[{BOM}29.01.18, 12:24:03] Du: x", DateOrder.DMY, datetime(2018, 1, 29, 12, 24, 3), "Du: x"),
    (
        f"[13/11/2025, 12:25:55{NNBSP}PM] Shop: x",
        DateOrder.DMY,
        datetime(2025, 11, 13, 12, 25, 55),
        "Shop: x",
    ),
    ("[3/18/2565 BE, 14:56:01] A: x", DateOrder.MDY, datetime(2022, 3, 18, 14, 56, 1), "A: x"),
    ("[3/18/R4, 14:56:01] A: x", DateOrder.MDY, datetime(2022, 3, 18, 14, 56, 1), "A: x"),
    ("[3/18/H31, 9:00:00] A: x", DateOrder.MDY, datetime(2019, 3, 18, 9, 0), "A: x"),
    (
        f"[١٨{RLM}/٣{RLM}/٢٠٢٢، ٢:٥٦:٠٠ م] أ: x",
        DateOrder.DMY,
        datetime(2022, 3, 18, 14, 56),
        "أ: x",
    ),
    ("7/1/16, 4:56:55 PM: Sophia: x", DateOrder.MDY, datetime(2016, 7, 1, 16, 56, 55), "Sophia: x"),
    ("13.6.2018 klo 21.25.15 - M: x", DateOrder.DMY, datetime(2018, 6, 13, 21, 25, 15), "M: x"),
    ("13.06.18 21.25.15: Laura: x", DateOrder.DMY, datetime(2018, 6, 13, 21, 25, 15), "Laura: x"),
    ("14:30, 10.12.2024 - Zeit: x", DateOrder.DMY, datetime(2024, 12, 10, 14, 30), "Zeit: x"),
    ("2024. 12. 10. 오후 2:30 - 민수: x", DateOrder.YMD, datetime(2024, 12, 10, 14, 30), "민수: x"),
    ("2024/12/10 下午2:30 - 王: x", DateOrder.YMD, datetime(2024, 12, 10, 14, 30), "王: x"),
    ("1/29/18, 23:59 PM - Bob: x", DateOrder.MDY, datetime(2018, 1, 29, 23, 59), "Bob: x"),
    # a date ending in a dot, seconds, and no separator before the sender (one of the
    # layouts whatsapp-chat-parser's tests list as found in WhatsApp chats)
    ("13. 6. 2018. 21:25:15 a: m", DateOrder.DMY, datetime(2018, 6, 13, 21, 25, 15), "a: m"),
    # a mark before the dash: rejected as written, a header once the mark is dropped
    (f"13.06.18, 10:15 {LRM}- A: x", DateOrder.DMY, datetime(2018, 6, 13, 10, 15), "A: x"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "order", "expected", "rest"), LAYOUTS, ids=lambda v: repr(v)[:40])
def test_layout_parses(line: str, order: DateOrder, expected: datetime, rest: str) -> None:
    header = parse_header(line)
    assert header is not None, line
    _raw, date, clock, found_rest, _bracketed = header
    assert wall_time(date, clock, order) == expected
    assert found_rest == rest


NOT_HEADERS = [
    "Just a line of text",
    "",
    "12.03.24 meeting at 10",
    "second line with a date 14/02/2024, 08:07:30 inside",
    "12.03.24, 09:15 Anna: no dash",  # no separator after the time
    "12.03.24, 09:15: no seconds in the colon layout",
    "13. 6. 2018. 21:25 a: no seconds without a separator",
    "13.6.2018 21:25:15 a: no dot after the date without a separator",
    "13. 6. 2018. 21:25:15 and no name before a colon",
    "[12.03.24, 25:15:00] A: hour 25",
    "99/99/99, 10:00 - A: x",  # parses, but no order makes it a date (checked below)
]


@pytest.mark.parametrize("line", NOT_HEADERS[:-1])
def test_not_a_header(line: str) -> None:
    assert parse_header(line) is None


def test_impossible_date_has_no_wall_time() -> None:
    header = parse_header(NOT_HEADERS[-1])
    assert header is not None
    assert wall_time(header[1], header[2], DateOrder.DMY) is None
    assert wall_time(header[1], header[2], DateOrder.MDY) is None


def test_no_year_layout_uses_given_year() -> None:
    header = parse_header("18 Mar 12:14 - Shaggy changed the subject")
    assert header is not None
    assert header[1].no_year
    assert wall_time(header[1], header[2], DateOrder.DMY, 2013) == datetime(2013, 3, 18, 12, 14)


def _vote(dates: list[str]) -> tuple[dict[str, DateOrder], list[str]]:
    vote = DateOrderVote()
    for text in dates:
        part = parse_date(text, "-")
        assert part is not None
        vote.add(part)
    return vote.decide(None)


@pytest.mark.parametrize(
    ("dates", "order", "warned"),
    [
        (["01/02/24", "13/02/24"], DateOrder.DMY, False),  # a day above 12
        (["02/01/24", "02/13/24"], DateOrder.MDY, False),  # a day above 12 in the middle
        (["03/05/24", "04/05/24", "01/06/24"], DateOrder.DMY, False),  # forward only as DMY
        (["05/03/24", "05/04/24", "06/01/24"], DateOrder.MDY, False),  # forward only as MDY
        (["05/06/24"], DateOrder.DMY, True),  # cannot tell
        (["05.06.24"], DateOrder.DMY, False),  # dots are never month first
    ],
)
def test_date_order_decided_from_whole_file(
    dates: list[str], order: DateOrder, warned: bool
) -> None:
    orders, warnings = _vote(dates)
    assert set(orders.values()) == {order}
    assert bool(warnings) is warned


def _raw_rest_by_walking(raw: str, header_end: int) -> str:
    """The plain definition: walk the raw line, counting the characters normalising keeps."""
    kept = index = 0
    while kept < header_end and index < len(raw):
        if MATCH_TABLE.get(ord(raw[index]), 0) is not None:
            kept += 1
        index += 1
    return raw[index:]


@given(st.text(alphabet=[*map(chr, MATCH_TABLE), "1", "a", ":", " ", "-"], max_size=16), st.data())
def test_rest_of_a_raw_line_starts_where_its_normalised_header_ends(
    raw: str, data: st.DataObject
) -> None:
    header_end = data.draw(st.integers(0, len(raw.translate(MATCH_TABLE))))
    assert _raw_rest(raw, header_end) == _raw_rest_by_walking(raw, header_end)


def test_hidden_header_keeps_marks_after_it() -> None:
    header = parse_header(f"{LRM}[12.03.24, 09:15:00] Gruppe: {LRM}Anna hat die Gruppe verlassen.")
    assert header is not None and header[3] == f"Gruppe: {LRM}Anna hat die Gruppe verlassen."


# parse_header rejects most continuation lines by their first character: never a header.
_PREFIXES = [line for line, *_rest in LAYOUTS] + [
    "午前9:15 2024/03/12 - A: x", "vorm. 9:15, 12.03.24 - A: x", "[午後1:05:03, 2024/03/12] A: x",
    f"{LRM}[12.03.24, 09:15:00] A: x", f"{BOM}12.03.24, 09:15 - A: x", "٠١/٠٢/٢٠٢٤, ١٠:١٥ - A: x",
]  # fmt: skip


@given(st.sampled_from(_PREFIXES), st.text(max_size=3), st.text(max_size=20))
def test_first_character_precheck_never_hides_a_header(prefix: str, head: str, tail: str) -> None:
    line = head + prefix + tail
    normalised = line.translate(MATCH_TABLE)
    if HEADER.match(line) or HEADER.match(normalised):
        first = line[:1]
        assert first.isdigit() or first in HEADER_FIRST_CHARS, line
