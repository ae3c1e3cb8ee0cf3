"""What a second, independent probe of hostile input found, pinned (new seeds, new inputs)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.redact import mask_name, safety_mask
from tests.conftest import REPO_ROOT
from tests.hostile.conftest import AUDIT_BASE, audit_all_formats, invoke

CHAT = "10.01.24, 10:00 - Klientin: Hallo\n10.01.24, 10:05 - Praxis: Guten Tag\n"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("schreib an klara.sommer @ example.de bitte", "klara.sommer"),
        ("schreib an klara.sommer\u00a0@\u00a0example.de", "klara.sommer"),
        ("mail klara.sommer at example dot de please", "klara.sommer"),
        ("mailto:klara.sommer%40example.de", "klara.sommer"),
        ("IBAN DE·89·37·04·00·44·05·32·01·30·00", "37·04·00"),
        ("IBAN DE8_937_040_044_053_201_300_0", "937_040"),
        ("IBAN D\u0300E\u03008\u03009\u03003\u03007\u03000\u03004\u0300", "3\u03007\u03000"),
    ],
)
def test_the_safety_net_masks_more_notations(text: str, secret: str) -> None:
    assert secret not in safety_mask(text)


def test_ordinary_words_stay() -> None:
    plain = "we meet at home at 10 and dot the i"
    assert safety_mask(plain) == plain


def test_chats_named_by_phone_numbers_are_masked_and_kept_apart(tmp_path: Path) -> None:
    assert mask_name("+49 171 1234567") == "+•• ••• •••••67"
    assert mask_name("+49 160 7654321") != mask_name("+49 171 1234567")
    export = tmp_path / "result.json"
    chat = {"name": "+49 171 1234567", "type": "personal_chat", "id": 7, "messages": [
        {"id": 1, "type": "message", "date": "2024-01-10T10:00:00", "from": "+49 171 1234567",
         "text": "Ich denke an Suizid"},
    ]}  # fmt: skip
    export.write_text(json.dumps(chat), encoding="utf-8")
    for fmt, (run, report) in audit_all_formats([export], tmp_path).items():
        assert "1234567" not in report and "171 12" not in report, fmt
        assert "1234567" not in run.stderr, fmt


@pytest.mark.parametrize("kind", ["profile", "password"])
def test_an_output_never_replaces_the_profile_or_the_password_file(
    tmp_path: Path, kind: str
) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(CHAT, encoding="utf-8")
    precious = tmp_path / ("practice.yaml" if kind == "profile" else "password.txt")
    original = (REPO_ROOT / "examples" / "practice.yaml").read_text(encoding="utf-8")
    precious.write_text(original if kind == "profile" else "secret\n", encoding="utf-8")
    before = precious.read_bytes()
    option = "--profile" if kind == "profile" else "--password-file"
    for command in (["audit", *AUDIT_BASE], ["inspect"]):
        if command[0] == "inspect" and kind == "profile":
            continue
        run = invoke([*command, str(export), option, str(precious), "-o", str(precious), "--force"])
        assert run.exit_code == 2 and "is the input" in run.stderr
        assert precious.read_bytes() == before


def test_a_zip_of_many_chats_is_hashed_once(tmp_path: Path) -> None:
    from compliance.audit import discovery

    archive = tmp_path / "chats.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for index in range(60):
            handle.writestr(f"chat{index}/WhatsApp Chat mit K{index}.txt", CHAT)
    discovery._sha256_cached.cache_clear()
    run = invoke(["audit", str(archive), *AUDIT_BASE, "--format", "json"])
    assert run.exit_code in (0, 1), run.stderr
    assert len(json.loads(run.stdout)["archives"]) == 60
    assert discovery._sha256_cached.cache_info().misses == 1


def test_a_closed_standard_output_is_no_internal_error(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(CHAT, encoding="utf-8")
    for args in (["scan", "--text", "Suizid"], ["audit", str(export), *AUDIT_BASE]):
        command = " ".join(
            f"'{part}'" for part in [sys.executable, "-m", "compliance", *args]
        )
        for closed in (">&-", "2>&-"):
            result = subprocess.run(
                ["sh", "-c", f"{command} {closed}"], cwd=REPO_ROOT, capture_output=True,
                check=False,
            )
            assert result.returncode in (0, 1), (args, closed, result.stderr[-300:])


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_a_signal_stops_a_parallel_audit_at_once(tmp_path: Path, signal_name: str) -> None:
    import signal
    import time

    for number in range(3):
        lines = (
            f"{1 + index // 1440 % 28:02d}.01.24, {index // 60 % 24:02d}:{index % 60:02d} - "
            f"{'Praxis' if index % 2 else 'K'}: Hallo, ich nehme Sertralin {index}\n"
            for index in range(40_000)
        )
        (tmp_path / f"WhatsApp Chat mit K{number}.txt").write_text("".join(lines), "utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "compliance", "audit", str(tmp_path), "--me", "Praxis",
         "--jobs", "2", "--format", "json", "-o", str(tmp_path / "report.json"), "-q"],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(1.5)  # the workers are reading by now
    sent = time.monotonic()
    process.send_signal(getattr(signal, signal_name))
    code = process.wait(timeout=60)
    # before, the run went on until each worker had read its archive to the end
    assert time.monotonic() - sent < 5
    assert code in (130, 143, 1, 2)  # 128 + the signal (or ended just before it)
    assert not (tmp_path / "report.json").exists()
    assert not list(tmp_path.glob(".*part"))


@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("0123456789@＠﹫%() []at ät AT dot punkt .-/_ \u00a0\u200b٣"),
            st.characters(),
        ),
        max_size=80,
    )
)
def test_safety_mask_shortcut_changes_nothing(text: str) -> None:
    # the one-test shortcut for text with nothing to mask gives what the full masking gives
    from compliance.redact import _masked

    assert safety_mask(text) == _masked(text)
