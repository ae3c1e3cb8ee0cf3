"""Defects 1 and 2: no error and no excerpt ever shows client data in clear."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from compliance.detectors import get_scanner
from compliance.detectors.normalise import normalise
from compliance.redact import safety_mask
from tests.hostile.conftest import audit_all_formats, invoke

IBAN = "DE89370400440532013000"


def _telegram(messages: list[dict[str, object]]) -> bytes:
    return json.dumps(
        {"name": "Klientin", "type": "personal_chat", "id": 7, "messages": messages},
        ensure_ascii=False,
    ).encode("utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        b"\xff",  # invalid UTF-8 inside the string
        b"\x00",  # a control byte JSON forbids
        b'"',  # the string ends early: the rest is a syntax error
    ],
)
def test_a_parse_error_names_the_byte_offset_never_the_text(tmp_path: Path, damage: bytes) -> None:
    good = {"id": 1, "type": "message", "date": "2024-01-10T10:00:00", "from": "Klientin"}
    head = _telegram([{**good, "text": "Ich denke an Suizid"}, {**good, "id": 2, "text": "X"}])
    raw = head.replace(b'"X"', b'"IBAN ' + IBAN.encode() + damage + b' Ende"')
    export = tmp_path / "result.json"
    export.write_bytes(raw)
    results = audit_all_formats([export], tmp_path)
    for fmt, (run, report) in results.items():
        for output in (run.stderr, run.stdout, report):
            assert IBAN not in output, fmt
            assert "0532" not in output, fmt
            assert "Ende" not in output, fmt
        assert re.search(r"before\s+byte\s+[\d,]+", report), fmt
    inspected = invoke(["inspect", str(export), "--format", "json"])
    assert IBAN not in inspected.stdout + inspected.stderr
    assert "before byte" in inspected.stdout


# Identifiers in notations the patterns did not know, each with the parts that must never
# show in clear (a mask may keep a country code and the last digits, as the masks do).
UNUSUAL = [
    ("IBAN with non-breaking spaces", "DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000",
     ["3704", "0044", "0532"]),
    ("IBAN with zero-width spaces", "DE89\u200b3704\u200b0044\u200b0532\u200b0130\u200b00",
     ["3704", "0044", "0532"]),
    ("IBAN in lower case", "de89 3704 0044 0532 0130 00", ["3704", "0044", "0532"]),
    ("IBAN in fullwidth digits", "ＤＥ８９３７０４００４４０５３２０１３０００",
     ["3704", "0044", "0532", "３７０４"]),
    ("health-insurance number with spaces", "A 123 456 787", ["123", "456"]),
    ("health-insurance number in lower case", "a123456787", ["123456"]),
    ("e-mail with (at)", "klara.sommer(at)example.de", ["klara.sommer", "sommer(at"]),
    ("e-mail with a fullwidth at", "mia.winter＠example.org", ["mia.winter", "winter＠"]),
    ("e-mail with [at]", "jo.berg [at] example.net", ["jo.berg"]),
    ("phone in fullwidth digits", "０１７０ １２３４５６７", ["１２３４５６７", "1234567"]),
]  # fmt: skip


def _visible(text: str) -> str:
    """A report's text as a reader sees it: NFKC, without invisible characters or spaces."""
    return "".join(unicodedata.normalize("NFKC", text).translate({0x200B: None}).split())


def test_no_identifier_in_an_unusual_notation_shows_in_any_report(tmp_path: Path) -> None:
    lines = [
        f"10.01.24, 10:{minute:02d} - Klientin: Ich habe Depressionen. {value} bitte notieren"
        for minute, (_label, value, _parts) in enumerate(UNUSUAL)
    ]
    export = tmp_path / "WhatsApp Chat mit Klientin.txt"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fmt, (_run, report) in audit_all_formats([export], tmp_path).items():
        # finding ids and keyed value hashes are random hex per report: they may hold any
        # run of digits, and are no client data
        seen = _visible(re.sub(r"\b(?=[0-9a-f]*[a-f])[0-9a-f]{16,64}\b", "", report))
        for label, _value, parts in UNUSUAL:
            for part in parts:
                assert _visible(part) not in seen, f"{label} shows {part!r} in the {fmt} report"
        assert "Depressionen" not in report  # excerpts are around findings, words masked


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Termin um 10:00 für 12 Euro", "Termin um 10:00 für 12 Euro"),
        ("Konto 1234 5678", "Konto •••• ••••"),
        ("am 12.03.2024", "am ••.••.••••"),
        ("name(at)example.de und a＠b.de", "•••@••• und •••@•••"),
        ("Ａ ９８７ ６５４ ３２１", "Ａ ••• ••• •••"),
    ],
)
def test_the_safety_net_masks_digit_runs_and_mail_like_tokens(text: str, kept: str) -> None:
    assert safety_mask(text) == kept


@pytest.mark.parametrize(
    "text",
    [
        "IBAN ＤＥ８９３７０４００４４０５３２０１３０００ bitte",
        "IBAN DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000 bitte",
        "IBAN DE89\u200b3704\u200b0044\u200b0532\u200b0130\u200b00 bitte",
        "Mail: anna\u200b.muster＠example.de bitte",
    ],
)
def test_detection_sees_through_notations_and_points_into_the_original(text: str) -> None:
    (finding,) = get_scanner().scan_text(text)
    value = text[finding.start : finding.end]
    assert finding.start == 5 or text.startswith("Mail")
    assert not value[0].isspace() and not value[-1].isspace()
    assert text[finding.end :] == " bitte"


def test_normalise_maps_every_position_back() -> None:
    text = "a\u00adb ＡＢ\u200b１２ ﬁx"
    copy = normalise(text)
    assert copy.text == "ab AB12 fix"
    start = copy.text.index("AB12")
    assert copy.span(start, start + 4) == (4, 9)
    fi = copy.text.index("fi")
    assert copy.span(fi, fi + 2) == (10, 11)
    assert normalise("plain ascii").origin is None


def test_inspect_masks_participants_named_by_phone_number(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(
        "10.01.24, 10:00 - +49 170 1234567: Hallo\n10.01.24, 10:01 - Praxis: Guten Tag\n",
        encoding="utf-8",
    )
    run = invoke(["inspect", str(export), "--format", "json"])
    assert "1234567" not in run.stdout
    assert json.loads(run.stdout)["archives"][0]["participants"] == ["+•• ••• •••••••", "Praxis"]
