"""Property tests: WhatsApp layouts round-trip, and no input makes a reader crash."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.archives import open_archives
from compliance.archives.model import DateOrder
from compliance.errors import InputError

NNBSP, NBSP, LRM = "\u202f", "\u00a0", "\u200e"


@dataclass(frozen=True)
class Sent:
    moment: datetime
    sender: str
    lines: tuple[str, ...]


def _h12(moment: datetime) -> tuple[int, str]:
    return (moment.hour % 12 or 12), ("AM" if moment.hour < 12 else "PM")


def android_de(m: datetime) -> str:
    return f"{m:%d.%m.%y}, {m:%H:%M} - "


def android_us(m: datetime) -> str:
    hour, period = _h12(m)
    return f"{m.month}/{m.day}/{m:%y}, {hour}:{m:%M}{NNBSP}{period} - "


def android_es(m: datetime) -> str:
    hour, period = _h12(m)
    spanish = f"{period[0].lower()}.{NBSP}m."
    return f"{m.day}/{m.month}/{m.year}, {hour}:{m:%M}{NBSP}{spanish} - "


def android_nl(m: datetime) -> str:
    return f"{m:%d-%m-%Y %H:%M} - "


def android_ymd(m: datetime) -> str:
    return f"{m:%Y/%m/%d, %H:%M} - "


def ios_brackets(m: datetime) -> str:
    return f"[{m:%d/%m/%Y, %H:%M:%S}] "


def ios_us(m: datetime) -> str:
    hour, period = _h12(m)
    return f"{LRM}[{m.month}/{m.day}/{m:%y}, {hour}:{m:%M:%S}{NNBSP}{period}] "


def ios_legacy(m: datetime) -> str:
    hour, period = _h12(m)
    return f"{m.month}/{m.day}/{m:%y}, {hour}:{m:%M:%S} {period}: "


# (render, date order, whether seconds are written)
LAYOUTS: list[tuple[Callable[[datetime], str], DateOrder, bool]] = [
    (android_de, DateOrder.DMY, False),
    (android_us, DateOrder.MDY, False),
    (android_es, DateOrder.DMY, False),
    (android_nl, DateOrder.DMY, False),
    (android_ymd, DateOrder.YMD, False),
    (ios_brackets, DateOrder.DMY, True),
    (ios_us, DateOrder.MDY, True),
    (ios_legacy, DateOrder.MDY, True),
]

_WORD_CHARS = "abcdefghijklmnopqrstuvwxyzäöüßABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"
names = (
    st.text(_WORD_CHARS + " .-", min_size=1, max_size=20)
    .map(str.strip)
    .filter(lambda s: s != "" and s[0].isalpha())
)
line_text = st.text(_WORD_CHARS + " !?,.;()€😀", min_size=0, max_size=40).filter(
    lambda s: not s[:1].isdigit()
)
bodies = (
    st.lists(line_text, min_size=1, max_size=4)
    .map(tuple)
    .filter(lambda lines: lines[-1].strip() != "" and lines[0].strip() != "")
)
moments = st.datetimes(min_value=datetime(2010, 1, 1), max_value=datetime(2037, 12, 31))
messages = st.lists(st.builds(Sent, moments, names, bodies), min_size=1, max_size=12)


def _read(data: bytes, order: DateOrder | None = None) -> list[tuple[datetime, str | None, str]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chat.txt"
        path.write_bytes(data)
        (archive,) = open_archives(path, date_order=order)
        return [(m.wall_time, m.sender, m.text) for m in archive.messages()]  # type: ignore[misc]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(LAYOUTS), messages)
def test_rendered_messages_parse_back(
    layout: tuple[Callable[[datetime], str], DateOrder, bool], sent: list[Sent]
) -> None:
    render, order, seconds = layout
    text = "".join(
        render(item.moment) + f"{item.sender}: " + "\n".join(item.lines) + "\n" for item in sent
    )
    expected = [
        (
            item.moment.replace(microsecond=0, second=item.moment.second if seconds else 0),
            item.sender,
            "\n".join(item.lines),
        )
        for item in sent
    ]
    assert _read(text.encode("utf-8"), order) == expected


PREFIXES = [
    b"",
    b"12.03.24, 09:15 - Anna: ",
    "[14/02/2024, 08:00:00] Anna: \u200e".encode(),
    b'{"name": "x", "type": "personal_chat", "messages": [{"type": "message", ',
    b'{"participants": [], "messages": [{"sender_name": "a", "timestamp_ms": 1, ',
    b'{"room_name": "r", "messages": [{"origin_server_ts": 1, ',
    b'<!DOCTYPE html><html><div class="page_wrap"><div class="message default clearfix">',
    b"[2024-01-10 09:00:00] Mara: ",
    b"PK\x03\x04",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), st.binary(max_size=600))
def test_arbitrary_bytes_raise_only_input_errors(prefix: bytes, tail: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.bin"
        path.write_bytes(prefix + tail)
        try:
            archives = open_archives(path)
        except InputError as exc:
            assert str(path) in str(exc)
            return
        for archive in archives:
            summary = archive.summarize()
            assert summary.entries >= 0


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(["_chat.txt", "result.json", "messages.html", "x/message_1.json", "a.zip"]),
        st.sampled_from(PREFIXES).flatmap(lambda p: st.binary(max_size=300).map(lambda b: p + b)),
        max_size=3,
    ),
    st.integers(min_value=0, max_value=400),
)
def test_arbitrary_zips_raise_only_input_errors(members: dict[str, bytes], cut: int) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    data = buffer.getvalue()
    if cut:
        data = data[: max(4, len(data) - cut)]  # also damaged (truncated) zips
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.zip"
        path.write_bytes(data)
        try:
            archives = open_archives(path)
        except InputError as exc:
            assert str(path) in str(exc)
            return
        for archive in archives:
            assert archive.summarize().entries >= 0
