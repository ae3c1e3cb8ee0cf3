"""WhatsApp message headers: every date/time layout, and the per-file date-order decision."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from compliance.archives.model import DateOrder

# The left-to-right mark iOS puts before the bracket of media and app entries, and
# before their text (see vocabulary and messages).
LRM = "\u200e"
# Invisible marks are dropped and exotic spaces/digits mapped, for matching only.
INVISIBLE_MARKS = _INVISIBLE = (
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff\u2066\u2067\u2068\u2069\u061c"
)
MATCH_TABLE: dict[int, int | None] = {ord(c): None for c in _INVISIBLE}
MATCH_TABLE.update({0x00A0: 0x20, 0x202F: 0x20, 0x2009: 0x20, 0x2007: 0x20, 0x060C: 0x2C})
MATCH_TABLE.update({0x2011: 0x2D, 0x2010: 0x2D})
for _base in (0x0660, 0x06F0, 0x0966, 0xFF10):  # Arabic-Indic, Persian, Devanagari, full-width
    MATCH_TABLE.update({_base + i: 0x30 + i for i in range(10)})

STRIP_TABLE: dict[int, int | None] = {ord(c): None for c in _INVISIBLE}

_AMPM = (
    r"(?:[AaPp]\.? ?[Mm]\.?|vorm\.|nachm\.|午前|午後|上午|下午|오전|오후|ص|م"
    r"|ก่อนเที่ยง|หลังเที่ยง|พ\.?ม\.|ก\.?ม\.)"
)
_DATE = (
    r"(?P<a>\d{1,4})(?P<s1>[./-]) ?(?P<b>\d{1,2})[./-] ?"
    r"(?P<c>\d{1,4}|[MTSHR]\d{1,2})\.?(?P<be> ?BE)?"
    r"|(?P<nd>\d{1,2}) (?P<nm>[^\W\d_]{3,5})\.?"
)
_TIME = (
    rf"(?:(?P<p1>{_AMPM}) ?)?(?P<H>\d{{1,2}})[:.](?P<M>\d{{2}})(?:[:.](?P<S>\d{{2}}))?"
    rf"(?: ?(?P<p2>{_AMPM}))?"
)
_SEP = r"(?:, ?| (?:klo |um |à |kl\. )?|,? )"

DATE_RE = re.compile(rf"(?:{_DATE})$")
TIME_RE = re.compile(rf"{_TIME}$")


def _anonymous(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_D = _anonymous(_DATE)
_T = _anonymous(_TIME)
# ``[ts] rest`` (iOS), ``ts - rest`` (Android), ``ts: rest`` (old iOS, seconds required),
# ``d. m. yyyy. hh:mm:ss Name: text`` (a date ending in a dot and a time with seconds
# followed by only a space and a "Name: "; scan.header_of checks the date and seconds).
# Groups: 1 "[" or None, 2 the timestamp, 3/4 date and time (date first) or 5/6 time and
# date (time first), 7 the closing "] ", " - ", ": " or " ", 8 the rest of the line.
HEADER = re.compile(
    rf"(\[)?((?:({_D}){_SEP}({_T})|({_T}){_SEP}({_D})))"
    r"((?(1)\] ?|(?: [-–] |: | (?=[^\s:][^\n:]*: ))))(.*)",
    re.DOTALL,
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "jän", "janv", "ene", "gen", "янв"),
            ("feb", "fév", "févr", "fev", "фев"),
            ("mar", "mär", "mars", "мар"),
            ("apr", "avr", "abr", "апр"),
            ("may", "mai", "mei", "mag", "мая", "май"),
            ("jun", "juin", "giu", "июн"),
            ("jul", "juil", "lug", "июл"),
            ("aug", "août", "ago", "авг"),
            ("sep", "sept", "set", "сен"),
            ("oct", "okt", "out", "ott", "окт"),
            ("nov", "ноя"),
            ("dec", "dez", "déc", "dic", "dek", "дек"),
        ],
        start=1,
    )
    for name in names
}
_ERAS = {"M": 1867, "T": 1911, "S": 1925, "H": 1988, "R": 2018}
_PM = {
    "pm",
    "p.m.",
    "p. m.",
    "p.m",
    "p m",
    "nachm.",
    "午後",
    "下午",
    "오후",
    "م",
    "หลังเที่ยง",
    "พ.ม.",
}


@dataclass(frozen=True, slots=True)
class DatePart:
    """The date fields of a header, before the date order is applied."""

    layout: str  # groups headers that share one date order (brackets, separator, widths)
    a: int
    b: int
    c: int  # the year-ish field, already a 4-digit year when it can be told
    year_first: bool
    no_year: bool
    text: str = ""  # the date as written: equal parts are the same header date


# hour, minute, second, whether seconds were written
TimePart = tuple[int, int, int, bool]

_date_cache: dict[tuple[str, str], DatePart | None] = {}
_time_cache: dict[str, TimePart | None] = {}
# parse_time's cache, read directly where a call per message counts (scan.py)
TIMES = _time_cache
_CACHE_LIMIT = 50_000


def parse_date(text: str, style: str) -> DatePart | None:
    """The date of a header (normalised text) of a ``style`` ("[", "-" or ":"); cached."""
    key = (text, style)
    try:
        return _date_cache[key]
    except KeyError:
        pass
    if len(_date_cache) > _CACHE_LIMIT:
        _date_cache.clear()
    part = _date_cache[key] = _parse_date(text, style)
    return part


def parse_time(text: str) -> TimePart | None:
    """The time of a header (normalised text); cached, as times of day repeat."""
    part = _time_cache.get(text)
    if part is not None:
        return part
    part = _parse_24h(text) if text[2:3] == ":" else _parse_time(text)
    if len(_time_cache) < _CACHE_LIMIT:  # every minute of a day fits; seconds mostly do
        _time_cache[text] = part
    return part


def _parse_24h(text: str) -> TimePart | None:
    """The common 24-hour "HH:MM" / "HH:MM:SS" without the regex."""
    size = len(text)
    if size == 5 or (size == 8 and text[5] == ":"):
        hour_text, minute_text, second_text = text[:2], text[3:5], text[6:8] or "00"
        if hour_text.isdigit() and minute_text.isdigit() and second_text.isdigit():
            hour, minute, second = int(hour_text), int(minute_text), int(second_text)
            if hour > 23 or minute > 59 or second > 59:
                return None
            return (hour, minute, second, size == 8)
    return _parse_time(text)


def _parse_time(text: str) -> TimePart | None:
    m = TIME_RE.match(text)
    if m is None:
        return None
    hour, minute = int(m["H"]), int(m["M"])
    second = int(m["S"]) if m["S"] else 0
    period = m["p1"] or m["p2"]
    if period and 1 <= hour <= 12:
        is_pm = period.lower() in _PM
        hour = hour % 12 + (12 if is_pm else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return (hour, minute, second, m["S"] is not None)


def _parse_date(text: str, style: str) -> DatePart | None:
    m = DATE_RE.match(text)
    if m is None:
        return None
    if m["nd"]:
        month = _MONTHS.get(m["nm"].lower().rstrip("."))
        if month is None:
            return None
        return DatePart(f"noyear|{style}", int(m["nd"]), month, 0, False, True, text)
    a_text, c_text = m["a"], m["c"]
    year_first = len(a_text) >= 3
    c = _ERAS[c_text[0]] + int(c_text[1:]) if c_text[0].isalpha() else int(c_text)
    if m["be"] or c > 2400:
        c -= 543  # Thai Buddhist era
    elif not year_first and len(c_text) <= 2 and c_text.isdigit():
        c += 2000
    a = int(a_text)
    if year_first and len(a_text) == 4 and a > 2400:
        a -= 543
    layout = layout_key(style, m["s1"], year_first, len(c_text))
    return DatePart(layout, a, int(m["b"]), c, year_first, False, text)


def layout_key(style: str, separator: str, year_first: bool, year_width: int) -> str:
    """Headers with the same key share one date order."""
    return f"{style}|{separator}|{year_first}|{year_width}"


def candidate_orders(stamp: DatePart) -> tuple[DateOrder, ...]:
    """The date orders a stamp is valid under."""
    if stamp.year_first:
        return (DateOrder.YMD,) if _valid(stamp.c, stamp.b) else ()
    found: list[DateOrder] = []
    if _valid(stamp.a, stamp.b):
        found.append(DateOrder.DMY)
    if _valid(stamp.b, stamp.a):
        found.append(DateOrder.MDY)
    return tuple(found)


def _valid(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def calendar_date(stamp: DatePart, order: DateOrder, year: int = 2012) -> tuple[int, int, int]:
    """Year, month, day of a date under ``order`` (``year`` for year-less dates)."""
    if stamp.no_year:
        return (year, stamp.b, stamp.a)
    if order is DateOrder.YMD:
        if stamp.year_first:
            return (stamp.a, stamp.b, stamp.c)
        # "yy-mm-dd" forced by --date-order: the last field was taken for a 2-digit year.
        year = stamp.a + 2000 if stamp.a < 100 else stamp.a
        return (year, stamp.b, stamp.c - 2000 if stamp.c > 2000 else stamp.c)
    if order is DateOrder.MDY:
        return (stamp.c, stamp.a, stamp.b)
    return (stamp.c, stamp.b, stamp.a)


def wall_time(
    stamp: DatePart, clock: TimePart, order: DateOrder, year: int = 2012
) -> datetime | None:
    """The naive wall time of a header under ``order``; None for an impossible date."""
    y, m, d = calendar_date(stamp, order, year)
    try:
        return datetime(y, m, d, clock[0], clock[1], clock[2])
    except ValueError:
        return None


@dataclass(slots=True)
class _LayoutEvidence:
    possible: set[DateOrder] = field(default_factory=lambda: set(DateOrder))
    backwards: dict[DateOrder, int] = field(default_factory=dict)
    first: dict[DateOrder, tuple[int, int, int]] = field(default_factory=dict)
    last: dict[DateOrder, tuple[int, int, int]] = field(default_factory=dict)
    count: int = 0
    first_seen: int = 0


class DateOrderVote:
    """Collects every header's date of a file and decides the date order per layout.

    A field above 12 rules an order out; when that leaves a choice, the order under
    which the dates run forward most often wins (exports are chronological).
    """

    def __init__(self) -> None:
        self._layouts: dict[str, _LayoutEvidence] = {}
        self._first: DatePart | None = None
        self._last: DatePart | None = None

    def add(self, stamp: DatePart) -> None:
        if stamp is self._last:
            return
        if self._first is None:
            self._first = stamp
        self._last = stamp
        evidence = self._layouts.get(stamp.layout)
        if evidence is None:
            evidence = self._layouts[stamp.layout] = _LayoutEvidence(first_seen=len(self._layouts))
        evidence.count += 1
        valid = candidate_orders(stamp)
        evidence.possible &= set(valid)
        for order in valid:
            ymd = _as_ymd(stamp, order)
            previous = evidence.last.get(order)
            if previous is None:
                evidence.first[order] = ymd
            elif ymd < previous:
                evidence.backwards[order] = evidence.backwards.get(order, 0) + 1
            evidence.last[order] = ymd

    def merge(self, later: DateOrderVote) -> None:
        """Add the evidence of the part of the file that follows this one."""
        # A part that starts on the date the previous part ended with would not have
        # counted that date again in one pass (add() skips a repeated date).
        repeated = later._first is not None and later._first == self._last
        for layout, other in sorted(later._layouts.items(), key=lambda kv: kv[1].first_seen):
            mine = self._layouts.get(layout)
            if mine is None:
                other.first_seen = len(self._layouts)
                self._layouts[layout] = other
                continue
            mine.count += other.count
            mine.possible &= other.possible
            for order, count in other.backwards.items():
                mine.backwards[order] = mine.backwards.get(order, 0) + count
            for order, ymd in other.first.items():
                previous = mine.last.get(order)
                if previous is not None and ymd < previous:
                    mine.backwards[order] = mine.backwards.get(order, 0) + 1
                mine.first.setdefault(order, ymd)
            mine.last.update(other.last)
        if repeated and later._first is not None:
            self._layouts[later._first.layout].count -= 1
        if self._first is None:
            self._first = later._first
        if later._last is not None:
            self._last = later._last

    def decide(self, override: DateOrder | None) -> tuple[dict[str, DateOrder], list[str]]:
        """The order per layout, and warnings for layouts that could not be decided."""
        decided: dict[str, DateOrder] = {}
        warnings: list[str] = []
        for layout, evidence in self._layouts.items():
            if layout.startswith("noyear") or layout.split("|")[2] == "True":
                decided[layout] = DateOrder.YMD if "noyear" not in layout else DateOrder.DMY
                continue
            if override is not None:
                decided[layout] = override
                continue
            options = [o for o in (DateOrder.DMY, DateOrder.MDY) if o in evidence.possible]
            if len(options) == 1:
                decided[layout] = options[0]
                continue
            if not options:
                # Contradicting fields in one layout: fall back to the fewest backward steps.
                options = [DateOrder.DMY, DateOrder.MDY]
            ranked = sorted(options, key=lambda o: evidence.backwards.get(o, 0))
            if evidence.backwards.get(ranked[0], 0) < evidence.backwards.get(ranked[-1], 0):
                decided[layout] = ranked[0]
            elif layout.split("|")[1] == ".":
                decided[layout] = DateOrder.DMY  # no locale writes month.day.year
            else:
                decided[layout] = DateOrder.DMY
                warnings.append(
                    "date order undecidable (no day above 12); assumed day before month "
                    "(DMY); use --date-order to set it"
                )
        return decided, warnings

    @property
    def layouts(self) -> list[str]:
        return sorted(self._layouts, key=lambda k: self._layouts[k].first_seen)

    def main_layout(self) -> str | None:
        if not self._layouts:
            return None
        return max(
            self._layouts, key=lambda k: (self._layouts[k].count, -self._layouts[k].first_seen)
        )


def _as_ymd(stamp: DatePart, order: DateOrder) -> tuple[int, int, int]:
    return calendar_date(stamp, order)
