"""WhatsApp message headers: every date/time layout, and the per-file date-order decision."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from compliance.archives.model import DateOrder

# Invisible marks are dropped and exotic spaces/digits mapped, for matching only.
_INVISIBLE = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff\u2066\u2067\u2068\u2069\u061c"
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

DATE_FIRST = re.compile(rf"(?:{_DATE}){_SEP}{_TIME}$")
TIME_FIRST = re.compile(rf"{_TIME}{_SEP}(?:{_DATE})$")


def _anonymous(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


_TS_ANY = (
    f"(?:(?:{_anonymous(_DATE)}){_SEP}{_anonymous(_TIME)}"
    f"|{_anonymous(_TIME)}{_SEP}(?:{_anonymous(_DATE)}))"
)
# ``[ts] rest`` (iOS), ``ts - rest`` (Android), ``ts: rest`` (old iOS, seconds required).
# Groups: 1 "[" or None, 2 the timestamp, 3 the closing "] ", " - " or ": ", 4 the rest.
HEADER = re.compile(rf"(\[)?({_TS_ANY})((?(1)\] ?|(?: [-–] |: )))(.*)", re.DOTALL)

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
class ParsedStamp:
    """The fields of one header timestamp, before the date order is applied."""

    layout: str  # groups headers that share one date order (separator, widths, brackets)
    a: int
    b: int
    c: int  # the year-ish field, already a 4-digit year when it can be told
    hour: int
    minute: int
    second: int
    year_first: bool
    no_year: bool
    has_seconds: bool


def parse_stamp(ts: str, bracketed: bool) -> ParsedStamp | None:
    """Parse the timestamp text of a header (already normalised for matching)."""
    m = DATE_FIRST.match(ts) or TIME_FIRST.match(ts)
    if m is None:
        return None
    hour, minute = int(m["H"]), int(m["M"])
    second = int(m["S"]) if m["S"] else 0
    period = m["p1"] or m["p2"]
    if period and 1 <= hour <= 12:
        is_pm = period.lower().replace("\u00a0", " ") in _PM
        hour = hour % 12 + (12 if is_pm else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    if m["nd"]:
        month = _MONTHS.get(m["nm"].lower().rstrip("."))
        if month is None:
            return None
        layout = f"noyear|{bracketed}"
        return ParsedStamp(
            layout, int(m["nd"]), month, 0, hour, minute, second, False, True, bool(m["S"])
        )
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
    layout = layout_key(bracketed, m["s1"], year_first, len(c_text))
    return ParsedStamp(
        layout, a, int(m["b"]), c, hour, minute, second, year_first, False, bool(m["S"])
    )


def layout_key(bracketed: bool, separator: str, year_first: bool, year_width: int) -> str:
    """Headers with the same key share one date order."""
    return f"{bracketed}|{separator}|{year_first}|{year_width}"


def candidate_orders(stamp: ParsedStamp) -> tuple[DateOrder, ...]:
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


def wall_time(stamp: ParsedStamp, order: DateOrder, year: int | None = None) -> datetime | None:
    """The naive wall time of a stamp under ``order`` (``year`` for year-less stamps)."""
    try:
        if stamp.no_year:
            return datetime(year or 1900, stamp.b, stamp.a, stamp.hour, stamp.minute, stamp.second)
        if order is DateOrder.YMD:
            return datetime(stamp.a, stamp.b, stamp.c, stamp.hour, stamp.minute, stamp.second)
        if order is DateOrder.MDY:
            return datetime(stamp.c, stamp.a, stamp.b, stamp.hour, stamp.minute, stamp.second)
        return datetime(stamp.c, stamp.b, stamp.a, stamp.hour, stamp.minute, stamp.second)
    except ValueError:
        return None


@dataclass(slots=True)
class _LayoutEvidence:
    possible: set[DateOrder] = field(default_factory=lambda: set(DateOrder))
    backwards: dict[DateOrder, int] = field(default_factory=dict)
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
        self._last_key: tuple[str, int, int, int] | None = None

    def add(self, stamp: ParsedStamp) -> None:
        key = (stamp.layout, stamp.a, stamp.b, stamp.c)
        if key == self._last_key:
            return
        self._last_key = key
        evidence = self._layouts.get(stamp.layout)
        if evidence is None:
            evidence = self._layouts[stamp.layout] = _LayoutEvidence(first_seen=len(self._layouts))
        evidence.count += 1
        valid = candidate_orders(stamp)
        evidence.possible &= set(valid)
        for order in valid:
            ymd = _as_ymd(stamp, order)
            previous = evidence.last.get(order)
            if previous is not None and ymd < previous:
                evidence.backwards[order] = evidence.backwards.get(order, 0) + 1
            evidence.last[order] = ymd

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


def _as_ymd(stamp: ParsedStamp, order: DateOrder) -> tuple[int, int, int]:
    if order is DateOrder.YMD:
        return (stamp.a, stamp.b, stamp.c)
    if order is DateOrder.MDY:
        return (stamp.c, stamp.a, stamp.b)
    return (stamp.c, stamp.b, stamp.a)
