"""A hand-made AuditReport with every rule and severity, for testing the reporters."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

from compliance.audit.actions import annotate
from compliance.audit.baseline import assign_ids
from compliance.audit.policy import AuditPolicy
from compliance.audit.report import (
    ArchiveInfo,
    AuditReport,
    ChatSummary,
    FailOn,
    Finding,
    Policy,
    Position,
    ResponseTimes,
    Rule,
    SenderRole,
    Severity,
    Summary,
    TimelineBucket,
)

GOOD_ARCHIVE = "exports/telegram/result.json"
BROKEN_ARCHIVE = "exports/WhatsApp Chat mit Carla.zip"
GOOD_SHA256 = "3f2a9c4e5b6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b"
ANNA = "Anna Beispiel"
PARENTS = "Elterngruppe 3b"
# a chat name and an excerpt that would be markup if a reporter forgot to escape them
HOSTILE_CHAT = 'Ben <b>"Bär"</b>'
HOSTILE_EXCERPT = '<img src="https://tracker.example/x.png"> meine IBAN DE89 **** **** **** **** 00'
ANSI_EXCERPT = "\x1b[2Jclear screen ********"


def _finding(
    rule: Rule,
    code: str,
    severity: Severity,
    chat: str,
    line: int,
    when: datetime,
    message: str,
    *,
    role: SenderRole = SenderRole.CLIENT,
    category: str | None = None,
    excerpt: str | None = None,
    detector: str | None = None,
) -> Finding:
    return Finding(
        rule=rule,
        code=code,
        severity=severity,
        archive=GOOD_ARCHIVE,
        chat=chat,
        message=message,
        category=category,
        position=Position(file="result.json", index=line),
        timestamp=when,
        sender_role=role,
        excerpt=excerpt,
        detector=detector,
        value_hash="a1b2c3d4" if excerpt else None,
    )


def sample_findings() -> list[Finding]:
    """Findings in the order rules would emit them (not sorted by severity on purpose)."""
    return [
        _finding(
            Rule.PARTIES,
            "parties.group_chat",
            Severity.CRITICAL,
            PARENTS,
            0,
            datetime(2025, 2, 3, 9, 0),
            "Group chat with 231 participants",
            role=SenderRole.SYSTEM,
        ),
        _finding(
            Rule.RETENTION,
            "retention.overdue",
            Severity.HIGH,
            ANNA,
            10,
            datetime(2025, 1, 6, 18, 30),
            "Message older than 30 days",
        ),
        _finding(
            Rule.RETENTION,
            "retention.overdue",
            Severity.HIGH,
            ANNA,
            11,
            datetime(2025, 1, 7, 8, 15),
            "Message older than 30 days",
        ),
        _finding(
            Rule.RETENTION,
            "retention.overdue",
            Severity.HIGH,
            ANNA,
            14,
            datetime(2025, 2, 1, 12, 0),
            "Message older than 30 days",
        ),
        _finding(
            Rule.SENSITIVE,
            "sensitive.CRISIS",
            Severity.CRITICAL,
            ANNA,
            12,
            datetime(2025, 1, 7, 23, 40),
            "Crisis language in a client message",
            category="CRISIS",
            excerpt="ich will nicht mehr ******",
            detector="crisis_de",
        ),
        _finding(
            Rule.SENSITIVE,
            "sensitive.IBAN",
            Severity.HIGH,
            HOSTILE_CHAT,
            3,
            datetime(2025, 3, 2, 10, 5),
            "Bank account number (IBAN)",
            category="IBAN",
            excerpt=HOSTILE_EXCERPT,
            detector="iban",
        ),
        _finding(
            Rule.SENSITIVE,
            "sensitive.HEALTH",
            Severity.HIGH,
            ANNA,
            13,
            datetime(2025, 1, 8, 7, 55),
            "Health data in a client message",
            category="HEALTH",
            excerpt="die ******** wurde gestern ********",
            detector="health_de",
        ),
        _finding(
            Rule.MEDIA,
            "media.photo",
            Severity.MEDIUM,
            ANNA,
            15,
            datetime(2025, 2, 2, 14, 0),
            "Photo sent in the chat",
        ),
        _finding(
            Rule.MEDIA,
            "media.voice",
            Severity.MEDIUM,
            HOSTILE_CHAT,
            4,
            datetime(2025, 3, 2, 10, 9),
            "Voice message sent in the chat",
            excerpt=ANSI_EXCERPT,
        ),
        _finding(
            Rule.CONSENT,
            "consent.before_consent",
            Severity.MEDIUM,
            HOSTILE_CHAT,
            1,
            datetime(2025, 3, 1, 9, 0),
            "Message before the client's consent (2025-03-02)",
        ),
        _finding(
            Rule.HOURS,
            "hours.outside_hours",
            Severity.LOW,
            ANNA,
            16,
            datetime(2025, 2, 2, 22, 10),
            "Practitioner message outside the agreed hours",
            role=SenderRole.PRACTITIONER,
        ),
        _finding(
            Rule.HOURS,
            "hours.public_holiday",
            Severity.LOW,
            PARENTS,
            1,
            datetime(2025, 5, 1, 11, 0),
            "Practitioner message on a public holiday (Labour Day)",
            role=SenderRole.PRACTITIONER,
        ),
        _finding(
            Rule.PARTIES,
            "parties.phone_numbers_visible",
            Severity.INFO,
            PARENTS,
            2,
            datetime(2025, 2, 3, 9, 1),
            "Other people's phone numbers are visible",
            role=SenderRole.THIRD_PARTY,
        ),
    ]


def sample_report(
    findings: list[Finding] | None = None,
    *,
    values_shown: bool = False,
    fail_on: FailOn = FailOn.HIGH,
    lang: str = "en",
) -> AuditReport:
    findings = sample_findings() if findings is None else findings
    # what the engine adds once an audit is complete: actions, due dates, stable ids
    zone = ZoneInfo("Europe/Berlin")
    audit_policy = AuditPolicy(
        zone=zone,
        zone_name="Europe/Berlin",
        as_of=datetime(2025, 7, 1, 23, 59, tzinfo=zone),
        report_lang=lang,
    )
    annotate(findings, audit_policy, date(2025, 7, 1))
    assign_ids(findings)
    severities = Counter(f.severity.value for f in findings)
    rules = Counter(f.rule.value for f in findings)
    categories = Counter(f.category for f in findings if f.category)
    highest = max((f.severity for f in findings), key=lambda s: s.rank, default=None)
    archives = [
        ArchiveInfo(
            path=GOOD_ARCHIVE,
            sha256=GOOD_SHA256,
            format="telegram_json",
            variant="desktop",
            messages=12345,
            chats=3,
            skipped=2,
            warnings=("2 service messages without text were skipped",),
        ),
        ArchiveInfo(
            path=BROKEN_ARCHIVE,
            sha256=None,
            format=None,
            variant=None,
            messages=0,
            chats=0,
            skipped=0,
            error="not a ZIP file (the file ends early)",
        ),
    ]
    chats = [
        ChatSummary(
            archive=GOOD_ARCHIVE,
            chat=ANNA,
            messages=9000,
            authored=4100,
            participants=2,
            media=12,
            first=datetime(2025, 1, 6, 18, 30),
            last=datetime(2025, 6, 20, 8, 0),
            overdue=8400,
            oldest_overdue=datetime(2025, 1, 6, 18, 30),
            delete_by=datetime(2025, 2, 5, 18, 30),
        ),
        ChatSummary(
            archive=GOOD_ARCHIVE,
            chat=PARENTS,
            messages=3300,
            authored=5,
            participants=231,
            media=40,
            first=datetime(2025, 2, 3, 9, 0),
            last=datetime(2025, 5, 1, 11, 0),
            overdue=3300,
            oldest_overdue=datetime(2025, 2, 3, 9, 0),
            delete_by=datetime(2025, 3, 5, 9, 0),
        ),
        ChatSummary(
            archive=GOOD_ARCHIVE,
            chat=HOSTILE_CHAT,
            messages=45,
            authored=20,
            participants=2,
            media=1,
            first=datetime(2025, 3, 1, 9, 0),
            last=datetime(2025, 3, 2, 10, 9),
            overdue=0,
            oldest_overdue=None,
            delete_by=None,
        ),
    ]
    timeline = [
        TimelineBucket("2025-01", 2100, 2100),
        TimelineBucket("2025-02", 4000, 4000),
        TimelineBucket("2025-03", 3045, 3000),
        # April has no messages: reporters must still show the month
        TimelineBucket("2025-05", 2900, 2600),
        TimelineBucket("2025-06", 300, 0),
    ]
    summary = Summary(
        archives=2,
        unreadable_archives=1,
        messages=12345,
        chats=3,
        findings=len(findings),
        by_severity=dict(severities),
        by_rule=dict(rules),
        by_category=dict(categories),
        overdue_messages=11700,
        skipped=2,
        highest_severity=highest,
        response_times=ResponseTimes(
            answered=40,
            median_hours=5.5,
            p90_hours=30.25,
            promised_hours=48.0,
            slower_than_promised=3,
        ),
    )
    policy = Policy(
        timezone="Europe/Berlin",
        retention_days=30,
        hours={
            "mon": ["09:00-12:00", "14:00-17:00"],
            "tue": ["09:00-12:00"],
            "fri": ["09:00-12:00"],
        },
        response_time_working_days=2,
        public_holidays="DE-BE",
        vacations=((date(2025, 8, 1), date(2025, 8, 21)),),
        practitioner_names=("Dr. Maria Muster",),
        consent_date=date(2025, 3, 2),
    )
    return AuditReport(
        tool_version="0.1.0",
        as_of=date(2025, 7, 1),
        fail_on=fail_on,
        values_shown=values_shown,
        rules=[r.value for r in Rule],
        detectors=["crisis_de", "health_de", "iban", "phone"],
        policy=policy,
        archives=archives,
        chats=chats,
        findings=findings,
        summary=summary,
        timeline=timeline,
        lang=lang,
    )


def many_findings(per_severity: int) -> list[Finding]:
    """``per_severity`` overdue findings for each severity, spread over two chats."""
    findings = []
    for severity in Severity:
        for n in range(per_severity):
            findings.append(
                _finding(
                    Rule.RETENTION,
                    f"retention.{severity.value}",
                    severity,
                    ANNA if n % 2 else PARENTS,
                    n,
                    datetime(2025, 1, 1 + n % 28, 12, 0),
                    "Message older than 30 days",
                    excerpt=f"masked {n}",
                )
            )
    return findings
