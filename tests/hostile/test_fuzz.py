"""Fuzzing per reader: mutated exports of every format never crash, hang, leak or pass as clean.

Each reader gets a seed export holding a canary (a word and an IBAN) in its messages; the
strategies truncate it, flip and insert bytes, re-encode it, and, for JSON, nest it and put
wrong types and huge values into its fields. ``inspect`` and ``audit`` must end with exit
code 0, 1 or 3, in bounded time and memory, and no error or warning may quote the canary.
The budget is bounded (a few examples per reader on each run; ``COMPLIANCE_FUZZ_EXAMPLES``
raises it) and failing inputs are kept
in ``tests/data/fuzz-examples`` (Hypothesis's example database), to be tried first.
"""

from __future__ import annotations

import io
import json
import os
import resource
import tempfile
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.hostile.conftest import AUDIT_BASE, invoke

CANARY = "Zauberwort"
IBAN = "DE89370400440532013000"
SECRETS = (CANARY, "0532013000", "3704 0044")
EXAMPLES = DirectoryBasedExampleDatabase(
    str(Path(__file__).resolve().parents[1] / "data" / "fuzz-examples")
)
MEMORY_CEILING = 2 << 30  # the test process's peak, in bytes
# CI's budget; COMPLIANCE_FUZZ_EXAMPLES=2000 makes a deeper probe.
FUZZ = settings(
    max_examples=int(os.environ.get("COMPLIANCE_FUZZ_EXAMPLES", "12")),
    deadline=timedelta(seconds=20),
    database=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

TEXT = f"Ich denke an Suizid, {CANARY}, IBAN {IBAN}"


def _telegram() -> bytes:
    messages = [
        {"id": n, "type": "message", "date": f"2024-01-10T10:0{n}:00",
         "date_unixtime": str(1704877200 + 60 * n), "from": "Klientin", "from_id": "user1",
         "text": [TEXT, {"type": "bold", "text": CANARY}],
         "text_entities": [{"type": "plain", "text": TEXT}]}
        for n in range(3)
    ]  # fmt: skip
    return json.dumps({"name": "Klientin", "type": "personal_chat", "id": 1,
                       "messages": messages}).encode()  # fmt: skip


def _matrix() -> bytes:
    events = [
        {"type": "m.room.message", "origin_server_ts": 1704877200000 + n, "sender": "@k:x",
         "room_id": "!r:x", "content": {"msgtype": "m.text", "body": TEXT}}
        for n in range(3)
    ]  # fmt: skip
    return json.dumps({"room_name": "R", "messages": events}).encode()


def _meta() -> bytes:
    messages = [
        {"sender_name": "Klientin", "timestamp_ms": 1704877200000 + n, "content": TEXT,
         "photos": [{"uri": "photos/a.jpg"}], "type": "Generic"}
        for n in range(3)
    ]  # fmt: skip
    thread = {"participants": [{"name": "Klientin"}], "title": "Klientin",
              "thread_path": "inbox/k_1", "messages": messages}  # fmt: skip
    return json.dumps(thread).encode()


def _signal_json() -> bytes:
    lines = [json.dumps({"date": f"2024-01-10 10:0{n}:00", "sender": "Klientin", "body": TEXT,
                         "attachments": []}) for n in range(3)]  # fmt: skip
    return ("\n".join(lines) + "\n").encode()


def _whatsapp() -> bytes:
    return "".join(f"10.01.24, 10:0{n} - Klientin: {TEXT}\n" for n in range(3)).encode()


def _whatsapp_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.writestr("WhatsApp Chat mit Klientin.txt", _whatsapp())
        handle.writestr("IMG-20240110-WA0001.jpg", b"\xff\xd8\xff" + bytes(100))
    return buffer.getvalue()


def _telegram_html() -> bytes:
    entries = "".join(
        f'<div class="message default clearfix" id="message{n}"><div class="body">'
        f'<div class="pull_right date details" title="10.01.2024 10:0{n}:00 UTC+01:00">10:0{n}'
        f'</div><div class="from_name">Klientin</div><div class="text">{TEXT}</div></div></div>'
        for n in range(3)
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>Exported Data</title></head>'
        '<body><div class="page_wrap"><div class="page_header"><div class="content">'
        '<div class="text bold">Klientin</div></div></div><div class="page_body chat_page">'
        f'<div class="history">{entries}</div></div></div></body></html>'
    ).encode()


def _signal_md() -> bytes:
    return "".join(f"[2024-01-10 10:0{n}:00] Klientin: {TEXT}\n" for n in range(3)).encode()


def _threema() -> bytes:
    return "".join(f"[10.01.24, 10:0{n}] Klientin: {TEXT}\n" for n in range(3)).encode()


# reader: (file name, seed, whether it is JSON)
SEEDS: dict[str, tuple[str, Callable[[], bytes], bool]] = {
    "whatsapp": ("WhatsApp Chat mit Klientin.txt", _whatsapp, False),
    "whatsapp_zip": ("WhatsApp Chat mit Klientin.zip", _whatsapp_zip, False),
    "telegram_json": ("result.json", _telegram, True),
    "telegram_html": ("messages.html", _telegram_html, False),
    "signal_md": ("chat.md", _signal_md, False),
    "signal_json": ("data.json", _signal_json, False),
    "threema": ("messages-Klientin.txt", _threema, False),
    "matrix": ("matrix - R - chat.json", _matrix, True),
    "facebook": ("message_1.json", _meta, True),
}


def _truncate(data: bytes, where: float) -> bytes:
    return data[: int(len(data) * where)]


def _flip(data: bytes, where: float, value: int) -> bytes:
    if not data:
        return data
    index = min(int(len(data) * where), len(data) - 1)
    return data[:index] + bytes([value]) + data[index + 1 :]


def _insert(data: bytes, where: float, piece: bytes) -> bytes:
    index = int(len(data) * where)
    return data[:index] + piece + data[index:]


def _reencode(data: bytes, encoding: str) -> bytes:
    return data.decode("utf-8", "replace").encode(encoding, "replace")


fractions = st.floats(min_value=0, max_value=1)
byte_mutation = st.one_of(
    st.builds(lambda w: lambda d: _truncate(d, w), fractions),
    st.builds(lambda w, v: lambda d: _flip(d, w, v), fractions, st.integers(0, 255)),
    st.builds(
        lambda w, p: lambda d: _insert(d, w, p),
        fractions,
        st.sampled_from(
            [
                b"\xff",
                b"\x00",
                b"{",
                b"[",
                b'"',
                b"\n",
                b"\r",
                b"\\",
                "\u2028".encode(),
                b"PK\x03\x04",
                b"[" * 5000,
                b"9" * 400,
            ]
        ),
    ),
    st.builds(
        lambda e: lambda d: _reencode(d, e),
        st.sampled_from(["utf-16", "utf-16-be", "latin-1", "cp1252", "utf-32", "utf-8-sig"]),
    ),
)

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from([1e308, -1e308, 2**63, "9" * 500, "x" * 10_000, "", "2024-13-45"]),
        st.text(max_size=20),
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(copy[head], rest, new)
    return copy


@st.composite
def json_mutation(draw: st.DrawFn, seed: bytes) -> bytes:
    """The seed with one value replaced (wrong type, huge value) or wrapped in nesting."""
    document = json.loads(seed)
    paths = _paths(document)
    path = draw(st.sampled_from(paths[1:]))
    if draw(st.booleans()):
        return json.dumps(_replace(document, path, draw(json_values))).encode()
    # Nesting is written as text: json.dumps itself recurses and stops at ~1,000 levels.
    levels = draw(st.sampled_from([2, 70, 3000]))
    opening, closing = ('{"text": ', "}") if draw(st.booleans()) else ("[", "]")
    placeholder = "__nested__"
    text = json.dumps(_replace(document, path, placeholder))
    nested = opening * levels + json.dumps(CANARY) + closing * levels
    return text.replace(json.dumps(placeholder), nested, 1).encode()


@st.composite
def mutated(draw: st.DrawFn, reader: str) -> bytes:
    _name, seed_of, is_json = SEEDS[reader]
    data = seed_of()
    if is_json and draw(st.booleans()):
        data = draw(json_mutation(data))
    for mutation in draw(st.lists(byte_mutation, min_size=0 if is_json else 1, max_size=3)):
        data = mutation(data)
    return data


def _check(reader: str, data: bytes) -> None:
    name = SEEDS[reader][0]
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / name
        export.write_bytes(data)
        inspected = invoke(["inspect", str(export), "--format", "json"])
        assert inspected.exit_code in (0, 3), inspected.stderr
        audited = invoke(["audit", str(export), *AUDIT_BASE, "--format", "json"])
        assert audited.exit_code in (0, 1, 3), audited.stderr
        report = json.loads(audited.stdout)
        said = [inspected.stderr, audited.stderr]
        inventory = json.loads(inspected.stdout or '{"archives": []}')["archives"]
        said += [warning for item in inventory for warning in item["warnings"]]
        for info in report["archives"]:
            said += [str(info["error"]), *info["warnings"]]
        for text in said:
            for secret in SECRETS:
                assert secret not in text, f"{secret!r} quoted in: {text[:300]}"
        if not any(info["status"] in ("read", "partly_read") for info in report["archives"]):
            assert audited.exit_code == 3  # nothing read is never clean
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    assert peak < MEMORY_CEILING


def _fuzz_test(reader: str) -> Any:
    @FUZZ
    @given(data=mutated(reader))
    def test(data: bytes) -> None:
        _check(reader, data)

    test.__name__ = f"test_fuzz_{reader}"
    test.__doc__ = f"Mutated {reader} exports: exit 0, 1 or 3, bounded, nothing quoted."
    return test


test_fuzz_whatsapp = _fuzz_test("whatsapp")
test_fuzz_whatsapp_zip = _fuzz_test("whatsapp_zip")
test_fuzz_telegram_json = _fuzz_test("telegram_json")
test_fuzz_telegram_html = _fuzz_test("telegram_html")
test_fuzz_signal_md = _fuzz_test("signal_md")
test_fuzz_signal_json = _fuzz_test("signal_json")
test_fuzz_threema = _fuzz_test("threema")
test_fuzz_matrix = _fuzz_test("matrix")
test_fuzz_facebook = _fuzz_test("facebook")


def test_every_seed_is_read_by_its_reader() -> None:
    """The seeds are real exports of their formats: the fuzzing starts from readable input."""
    for reader, (name, seed_of, _is_json) in SEEDS.items():
        with tempfile.TemporaryDirectory() as folder:
            export = Path(folder) / name
            export.write_bytes(seed_of())
            run = invoke(["inspect", str(export), "--format", "json"])
            assert run.exit_code == 0, (reader, run.stderr)
            (summary,) = json.loads(run.stdout)["archives"]
            assert summary["entries"] == 3, (reader, summary)
