"""Fast paths over WhatsApp-style text, each checked against the general one on every
fixture, sample and generated export: ``inspect`` counts without building messages,
and the main layouts are scanned for whole entries with one regex call per block."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import compliance.archives.whatsapp.count as counting
import compliance.archives.whatsapp.reader as whatsapp
import compliance.archives.whatsapp.scan as scanning
from compliance.archives import ArchiveSummary, DateOrder, open_archives
from compliance.archives.model import MEDIA_KINDS
from compliance.archives.whatsapp.reader import LineChatReader
from compliance.archives.whatsapp.vocabulary import classify, might_be_media
from tests.archives.golden import DATA, place_case
from tests.archives.test_golden import CASES

LRM, NNBSP = "\u200e", "\u202f"


@contextmanager
def _reading_every_message() -> Iterator[None]:
    original = LineChatReader.summarize
    LineChatReader.summarize = lambda self, parts, context: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        LineChatReader.summarize = original  # type: ignore[method-assign]


def _both(path: Path, **options: object) -> list[tuple[ArchiveSummary, ArchiveSummary]]:
    counted = [a.summarize() for a in open_archives(path, **options)]  # type: ignore[arg-type]
    with _reading_every_message():
        read = [a.summarize() for a in open_archives(path, **options)]  # type: ignore[arg-type]
    return list(zip(counted, read, strict=True))


TEXT_CASES = [case for case in CASES if case.parent.name in {"whatsapp", "signal", "threema"}]


@pytest.mark.parametrize("case", TEXT_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_counting_equals_reading_on_every_fixture(case: Path, tmp_path: Path) -> None:
    for counted, read in _both(place_case(case, tmp_path)):
        assert counted == read


def test_counting_equals_reading_on_every_sample(samples_dir: Path) -> None:
    compared = 0
    for path in sorted(samples_dir.rglob("*")):
        if not path.is_file():
            continue
        try:
            pairs = _both(path)
        except Exception:  # not a chat export: other tests cover the errors
            continue
        for counted, read in pairs:
            assert counted == read, path
            compared += 1
    assert compared > 10


def test_the_fast_layouts_are_used_for_the_common_exports(tmp_path: Path) -> None:
    android = "12.03.24, 09:15 - Anna: Hallo\n" * 5
    ios = "[12.03.24, 09:15:00] Anna: Hallo\n" * 5
    assert scanning.fast_layout(android) is scanning.FAST_LAYOUTS[0]
    assert scanning.fast_layout(ios) is scanning.FAST_LAYOUTS[1]
    assert scanning.fast_layout("3/12/24, 9:15\u202fAM - Anna: Hi\n") is None


# -- generated exports with everything that takes the general path -------------

SENDERS = ["Anna", "Ben Müller", "+49 151 2345678", "Mia 🌸"]
TEXTS = [
    "Hallo, wie geht es?",
    "ok",
    "x",
    "<Medien ausgeschlossen>",
    "<Media omitted>",
    "IMG-20240312-WA0001.jpg (Datei angehängt)",
    "Vertrag.pdf (file attached)",
    "image omitted",
    "IMAGE OMITTED",
    "Bild weggelassen  ",
    f"{LRM}Bild weggelassen",
    f"{LRM}<Anhang: 00000012-PHOTO-2024-03-12.jpg>",
    "null",
    "Null",
    "Standort: https://maps.google.com/?q=52.5,13.4",
    "Diese Nachricht wurde gelöscht",
    "Kontaktkarte weggelassen",
    "изображение отсутствует",
    "画像は含まれていません",
    "text (in Klammern)",
    "Ende mit Leerzeichen ",
    "ends with a mark" + LRM,
    "Nachricht <bearbeitet>",
    "<attached: 00000007-AUDIO-2024-03-12.opus>",
    "UMFRAGE:",
    "Verpasster Sprachanruf",
]
SYSTEM = [
    "Anna hat die Gruppe verlassen",
    "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.",
    f"Praxis: {LRM}Anna hat Ben hinzugefügt.",
    f"Praxis: {LRM}Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.",
]


def _stamp(layout: str, moment: datetime) -> str:
    if layout == "android":
        return f"{moment:%d.%m.%y, %H:%M} - "
    if layout == "ios":
        return f"[{moment:%d.%m.%y, %H:%M:%S}] "
    if layout == "ios-lrm":
        return f"{LRM}[{moment:%d.%m.%y, %H:%M:%S}] "
    if layout == "us":
        hour = moment.hour % 12 or 12
        period = "AM" if moment.hour < 12 else "PM"
        return f"{moment.month}/{moment.day}/{moment:%y}, {hour}:{moment:%M}{NNBSP}{period} - "
    if layout == "arabic":  # Arabic-Indic digits: read by the general grammar
        return f"{moment:%d.%m.%y, %H:%M} - ".translate(_ARABIC_DIGITS)
    return f"{moment:%d.%m.%y, }{moment.hour}:{moment:%M} - "  # one-digit hours


_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@st.composite
def exports(draw: st.DrawFn) -> str:
    rng = random.Random(draw(st.integers(0, 2**32)))
    main = draw(st.sampled_from(["android", "ios"]))
    # around the autumn fold and the spring gap in Berlin, or anywhere
    start = draw(
        st.sampled_from(
            [datetime(2024, 10, 27, 1, 30), datetime(2024, 3, 31, 1, 30), datetime(2023, 5, 3, 9)]
        )
    )
    moment = start
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append("Text vor der ersten Kopfzeile")
    for _ in range(draw(st.integers(1, 60))):
        moment += timedelta(minutes=rng.choice([-70, 0, 1, 7, 30, 600, 1500]))
        layout = (
            main
            if rng.random() < 0.8
            else rng.choice(["android", "ios", "ios-lrm", "us", "short", "arabic"])
        )
        if layout == "android" and main == "ios":
            layout = "ios-lrm"
        stamp = _stamp(layout, moment)
        roll = rng.random()
        if roll < 0.1:
            line = stamp + rng.choice(SYSTEM)
        elif roll < 0.13:
            line = (
                stamp.replace(f"{moment:%d}", "31").replace(f"{moment:%m}", "02", 1) + "Anna: Datum"
            )
        elif roll < 0.16:
            line = stamp + rng.choice(SENDERS) + ":ohne Leerzeichen"
        else:
            line = stamp + rng.choice(SENDERS) + ": " + rng.choice(TEXTS)
        if rng.random() < 0.15:
            line += "\n" + rng.choice(["weiter", "", "  ", "12.03.24 ist ein Datum", "[kein Kopf]"])
            if rng.random() < 0.5:
                line += "\n"
        lines.append(line)
    newline = "\r\n" if draw(st.booleans()) else "\n"
    return newline.join(lines) + (newline if draw(st.booleans()) else "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports(), st.sampled_from([None, DateOrder.DMY, DateOrder.MDY]))
def test_counting_equals_reading_on_generated_exports(text: str, order: DateOrder | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "WhatsApp Chat mit Praxis.txt"
        path.write_text(text, encoding="utf-8", newline="")
        for counted, read in _both(path, tz="Europe/Berlin", date_order=order):
            assert counted == read


def _messages(path: Path, **options: object) -> list[tuple[object, ...]]:
    found = []
    for archive in open_archives(path, **options):  # type: ignore[arg-type]
        found.extend(
            (
                m.timestamp,
                m.wall_time,
                m.raw_time,
                m.sender,
                m.text,
                m.kind,
                m.position,
                m.attachments,
                m.chat_id,
                m.chat_title,
            )
            for m in archive.messages()
        )
        found.append((archive.report.skipped, tuple(archive.report.warnings), archive.date_order))
    return found


def _both_scans(path: Path, **options: object) -> tuple[list[object], list[object]]:
    fast = _messages(path, **options)
    original = whatsapp.fast_layout
    whatsapp.fast_layout = lambda head: None  # type: ignore[assignment]
    try:
        general = _messages(path, **options)
    finally:
        whatsapp.fast_layout = original
    return fast, general


@pytest.mark.parametrize("case", TEXT_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_scan_reads_the_messages_of_the_general_scan(case: Path, tmp_path: Path) -> None:
    fast, general = _both_scans(place_case(case, tmp_path))
    assert fast == general


def test_fast_scan_reads_every_sample_as_the_general_scan(samples_dir: Path) -> None:
    compared = 0
    for path in sorted(samples_dir.rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".zip", ".md"}:
            try:
                fast, general = _both_scans(path)
            except Exception:  # not a chat export: other tests cover the errors
                continue
            assert fast == general, path
            compared += 1
    assert compared > 5


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(exports(), st.sampled_from([None, DateOrder.DMY, DateOrder.MDY]))
def test_fast_scan_reads_generated_exports_as_the_general_scan(
    text: str, order: DateOrder | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "_chat.txt"
        path.write_text(text, encoding="utf-8", newline="")
        fast, general = _both_scans(path, tz="Europe/Berlin", date_order=order)
        assert fast == general


def test_the_dst_fold_gives_the_times_of_the_message_read(tmp_path: Path) -> None:
    # 02:30 twice on 27 October 2024 in Berlin: the second one is the later instant.
    path = tmp_path / "_chat.txt"
    path.write_text(
        "27.10.24, 02:40 - Anna: vor der Umstellung\n27.10.24, 02:10 - Anna: nach der Umstellung\n",
        encoding="utf-8",
    )
    ((counted, read),) = _both(path, tz="Europe/Berlin")
    assert counted == read
    assert (counted.first, counted.last) == (
        "2024-10-27T02:40:00+02:00",
        "2024-10-27T02:10:00+01:00",
    )


# -- the media pre-check ------------------------------------------------------

_PIECES = [
    *TEXTS,
    "omitted",
    "OMITTED",
    "weggelassen",
    " ",
    ")",
    "(",
    "<",
    ">",
    "null",
    "é",
    "ı",
    LRM,
    "\u00a0",
    "a",
    ".",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=5).map("".join) | st.text(max_size=30))
def test_might_be_media_never_misses_media(line: str) -> None:
    line = line.replace("\n", " ").replace("\r", " ")
    kind, attachments = classify(line)
    if attachments or kind in MEDIA_KINDS:
        assert might_be_media(line)


def test_media_tails_cover_every_case() -> None:
    assert "tted" in counting.vocabulary.ASCII_MEDIA_TAILS
    assert "TTED" in counting.vocabulary.ASCII_MEDIA_TAILS
    assert "NuLl" in counting.vocabulary.ASCII_MEDIA_TAILS
    assert "tten" not in counting.vocabulary.ASCII_MEDIA_TAILS


def test_golden_data_is_where_the_cases_are() -> None:
    assert DATA.is_dir() and TEXT_CASES


def test_a_file_with_more_dates_than_a_count_keeps_is_read_message_by_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import compliance.archives.whatsapp.parallel as parallel

    monkeypatch.setattr(counting, "MAX_DATES", 5)
    counted_without_messages: list[object] = []
    original = parallel.count_export

    def recording(*args: object) -> object:
        result = original(*args)  # type: ignore[arg-type]
        counted_without_messages.append(result)
        return result

    monkeypatch.setattr(parallel, "count_export", recording)
    path = tmp_path / "_chat.txt"
    start = datetime(2024, 1, 1, 9, 0)
    lines = [f"{start + timedelta(days=n):%d.%m.%y, %H:%M} - Anna: Tag {n}\n" for n in range(12)]
    path.write_text("".join(lines), encoding="utf-8")
    ((counted, read),) = _both(path)
    assert counted_without_messages == [None]  # the count gave up and the messages were read
    assert counted == read
    assert counted.entries == 12
