"""A crafted export yields exactly the expected findings per rule, with positions and roles."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from compliance.audit.engine import run_audit
from compliance.audit.report import ArchiveStatus, FailOn, Severity
from compliance.detectors import Category, scan_text
from compliance.errors import ExitCode
from tests.audit.conftest import BERLIN, CRAFTED, DATA, make_policy

EXPECTED = [
    # (code, severity, line, sender role, count)
    ("sensitive.CRISIS", "critical", 6, "client", 1),
    ("consent.before_consent", "high", 1, None, 2),
    ("retention.overdue", "high", 1, None, 4),
    ("sensitive.HEALTH", "high", 5, "client", 1),
    ("sensitive.IBAN", "high", 8, "client", 1),
    ("channel.discouraged", "medium", None, None, 1),  # WhatsApp, and no profile agrees it
    ("media.referenced", "medium", 4, "client", 1),
    # Tuesday 22:30 and Sunday: counted together, pointing at the first
    ("hours.outside_hours", "info", 3, "practitioner", 2),
]


def _summary(report):  # type: ignore[no-untyped-def]
    return [
        (
            f.code,
            f.severity.value,
            f.position.line if f.position else None,
            f.sender_role.value if f.sender_role else None,
            f.count,
        )
        for f in report.findings
    ]


def test_crafted_export_gives_exactly_the_expected_findings() -> None:
    report = run_audit([str(CRAFTED)], make_policy(consent_date=date(2026, 11, 3)))
    assert _summary(report) == EXPECTED
    (chat,) = report.chats
    assert chat.chat == "Kim Klient"
    assert (chat.messages, chat.participants, chat.media, chat.overdue) == (8, 2, 1, 4)
    assert chat.delete_by == datetime(2026, 11, 16, 10, 0, tzinfo=BERLIN)
    assert report.summary.by_severity == {"critical": 1, "high": 4, "medium": 2, "info": 1}
    assert report.summary.response_times is not None
    # line 2 answers line 1 after 30 minutes; line 7 answers the photo of line 4 after 17 days
    times = report.summary.response_times
    assert (times.answered, times.slower_than_promised, times.p90_hours) == (2, 1, 406.0)


def test_crisis_is_listed_first_and_excerpts_are_masked() -> None:
    report = run_audit([str(CRAFTED)], make_policy())
    assert report.findings[0].category == Category.CRISIS.value
    for finding in report.findings:
        if finding.excerpt is None:
            continue
        leaked = [f for f in scan_text(finding.excerpt) if f.category is not Category.PERSON_NAME]
        assert not leaked, (finding.code, finding.excerpt, leaked)
    assert "DE89 3704 0044 0532 0130 00" not in str(report.to_dict())
    assert "Sertralin" not in str(report.to_dict())


def test_show_values_reveals_the_values() -> None:
    report = run_audit([str(CRAFTED)], make_policy(show_values=True))
    text = str(report.to_dict())
    assert "DE89 3704 0044 0532 0130 00" in text and "Sertralin" in text
    assert report.values_shown


def test_withdrawal_flags_later_messages() -> None:
    report = run_audit([str(CRAFTED)], make_policy(withdrawal_date=date(2026, 11, 21)))
    (after,) = [f for f in report.findings if f.code == "consent.after_withdrawal"]
    assert (after.count, after.position.line if after.position else None) == (2, 7)


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [
        (FailOn.CRITICAL, ExitCode.FINDINGS),
        (FailOn.HIGH, ExitCode.FINDINGS),
        (FailOn.MEDIUM, ExitCode.FINDINGS),
        (FailOn.LOW, ExitCode.FINDINGS),
        (FailOn.NEVER, ExitCode.OK),
    ],
)
def test_exit_code_follows_fail_on(fail_on: FailOn, expected: ExitCode) -> None:
    report = run_audit([str(CRAFTED)], make_policy(), fail_on=fail_on)
    assert report.exit_code is expected


def test_exit_code_zero_when_only_low_findings(tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "25.11.26, 10:00 - Kim Klient: Guten Morgen, bis Dienstag!\n"
        "25.11.26, 10:05 - Pia Praxis: Bis Dienstag.\n",
        encoding="utf-8",
    )
    # the practice agrees WhatsApp: the catalogue's advice against it is a low finding only
    report = run_audit(
        [str(chat)], make_policy(agreed_messengers=("whatsapp",)), fail_on=FailOn.MEDIUM
    )
    low = [f for f in report.findings if f.severity.rank >= Severity.LOW.rank]
    assert [(f.code, f.severity) for f in low] == [("channel.discouraged", Severity.LOW)]
    assert report.exit_code is ExitCode.OK


def _dst_chat(tmp_path: Path, moments: list[datetime]) -> Path:
    lines = [f"{m:%d.%m.%y, %H:%M} - Kim Klient: Nachricht {i}" for i, m in enumerate(moments)]
    path = tmp_path / "dst.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_retention_limit_to_the_minute_across_a_dst_change(tmp_path: Path) -> None:
    # Summer time starts on 29 March 2026. Seven calendar days before 1 April 12:00 (CEST) is
    # 25 March 12:00 (CET); counting 7 x 24 hours would put the limit at 11:00 instead.
    as_of = datetime(2026, 4, 1, 12, 0, tzinfo=BERLIN)
    outside = datetime(2026, 3, 25, 11, 59)
    inside = datetime(2026, 3, 25, 12, 1)
    path = _dst_chat(tmp_path, [outside, inside])
    report = run_audit([str(path)], make_policy(as_of=as_of, retention_days=7))
    (overdue,) = [f for f in report.findings if f.code == "retention.overdue"]
    assert overdue.count == 1
    assert overdue.position is not None and overdue.position.line == 1


def test_retention_in_autumn_across_the_dst_change(tmp_path: Path) -> None:
    # Winter time starts on 25 October 2026.
    as_of = datetime(2026, 10, 28, 9, 30, tzinfo=BERLIN)
    limit = datetime(2026, 10, 21, 9, 30)
    path = _dst_chat(tmp_path, [limit - timedelta(minutes=1), limit + timedelta(minutes=1)])
    report = run_audit([str(path)], make_policy(as_of=as_of, retention_days=7))
    (overdue,) = [f for f in report.findings if f.code == "retention.overdue"]
    assert overdue.count == 1


def test_folder_with_a_damaged_archive_among_good_ones() -> None:
    report = run_audit([str(DATA / "mixed")], make_policy())
    readable = [a for a in report.archives if a.was_read]
    broken = [a for a in report.archives if a.status is ArchiveStatus.UNREADABLE]
    skipped = [a for a in report.archives if a.status is ArchiveStatus.SKIPPED]
    assert [Path(a.path).name for a in readable] == ["good.txt"]
    assert [Path(a.path).name for a in broken] == ["broken.zip"]
    assert [Path(a.path).name for a in skipped] == ["notes.txt"]  # listed, not audited
    assert "damaged" in (broken[0].error or "")
    assert report.summary.unreadable_archives == 1
    assert any(f.code == "sensitive.IBAN" for f in report.findings)
    assert report.exit_code is ExitCode.FINDINGS


def test_nothing_readable_gives_exit_3(tmp_path: Path) -> None:
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04kaputt")
    report = run_audit([str(tmp_path / "broken.zip")], make_policy())
    assert report.exit_code is ExitCode.BAD_INPUT


def test_group_chat_with_visible_phone_numbers(tmp_path: Path) -> None:
    chat = tmp_path / "group.txt"
    chat.write_text(
        "02.06.26, 18:01 - Pia Praxis: Liebe Eltern, die Praxis zieht um.\n"
        "02.06.26, 18:05 - \u202a+49 171 2345678\u202c: Danke!\n"
        "02.06.26, 18:07 - \u202a+49 160 9876543\u202c: Gut zu wissen.\n",
        encoding="utf-8",
    )
    report = run_audit([str(chat)], make_policy())
    codes = {f.code: f for f in report.findings if f.rule.value == "parties"}
    assert "3 participants" in codes["parties.group_chat"].message
    assert codes["parties.phone_numbers_visible"].count == 2


def test_parallel_jobs_give_the_same_report(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            (CRAFTED / "WhatsApp Chat mit Kim Klient.txt").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
    serial = run_audit([str(tmp_path)], make_policy(), jobs=1)
    parallel = run_audit([str(tmp_path)], make_policy(), jobs=2)
    assert _summary(parallel) == _summary(serial)
    assert [a.sha256 for a in parallel.archives] == [a.sha256 for a in serial.archives]
    # pseudonyms are keyed per report: equal values match within one report only
    hashes = {f.value_hash for f in serial.findings if f.code == "sensitive.IBAN"}
    assert len(hashes) == 1


@pytest.mark.parametrize(
    ("country", "region", "code", "holiday"),
    [
        ("AT", "Wien", "9", date(2026, 12, 8)),  # Mariä Empfängnis
        ("CH", "zh", "ZH", date(2026, 4, 6)),  # Easter Monday in Zurich
    ],
)
def test_region_decides_public_holidays_in_austria_and_switzerland(
    tmp_path: Path, country: str, region: str, code: str, holiday: date
) -> None:
    import yaml

    from compliance.audit.policy import policy_from
    from compliance.profile import load_profile
    from tests.conftest import REPO_ROOT

    data = yaml.safe_load((REPO_ROOT / "examples" / "practice.yaml").read_text(encoding="utf-8"))
    data["jurisdiction"] = {"country": country, "region": region}
    path = tmp_path / "practice.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    profile = load_profile(path)
    assert profile.jurisdiction.region == code
    policy = policy_from(
        profile, as_of=datetime(2026, 11, 27, tzinfo=BERLIN), zone_name=None, me=()
    )
    assert policy.holiday_subdivision == code
    assert policy.is_holiday(holiday)


def test_a_practitioners_answer_that_only_reads_like_a_crisis_is_no_finding(
    tmp_path: Path,
) -> None:
    # The crisis weights judge a message as a whole: the practitioner's answer to a
    # crisis reads like one. The same words from the client stay a crisis finding.
    answer = (
        "Ich bin froh, dass Sie geschrieben haben. Wenn es heute Nacht zu schlimm wird, "
        "rufen Sie bitte 112 an, versprechen Sie mir das?"
    )
    assert [f.kind for f in scan_text(answer) if f.category is Category.CRISIS] == [
        "unspecified"
    ]
    chat = tmp_path / "chat.txt"
    chat.write_text(
        f"25.11.26, 22:00 - Kim Klient: {answer}\n25.11.26, 22:05 - Pia Praxis: {answer}\n",
        encoding="utf-8",
    )
    report = run_audit([str(chat)], make_policy())
    crisis = [f for f in report.findings if f.category == Category.CRISIS.value]
    assert [(f.sender_role, f.position.line if f.position else None) for f in crisis] == [
        ("client", 1)
    ]


def test_a_helpline_number_is_no_finding_but_a_clients_number_is(tmp_path: Path) -> None:
    # A helpline is a phone number as written, but nobody's personal data: the audit
    # leaves it out, in either party's message, and keeps a person's number.
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "25.11.26, 22:00 - Kim Klient: Meine neue Nummer ist 0171 2345678\n"
        "25.11.26, 22:05 - Pia Praxis: Die Telefonseelsorge erreichen Sie unter 0800 111 0 111.\n"
        "25.11.26, 22:06 - Kim Klient: 0800 1110222 geht auch?\n",
        encoding="utf-8",
    )
    report = run_audit([str(chat)], make_policy())
    phones = [f for f in report.findings if f.category == Category.PHONE.value]
    assert [f.position.line if f.position else None for f in phones] == [1]
