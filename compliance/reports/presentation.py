"""What every human-readable report shows the same way: order, groups, labels, numbers, caps."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from compliance.audit.report import (
    ArchiveInfo,
    ArchiveStatus,
    AuditReport,
    Finding,
    Position,
    Severity,
)
from compliance.errors import ExitCode

# HTML and PDF list at most this many findings per severity; the JSON always has all of them.
FINDINGS_CAP_PER_SEVERITY = 500

SEVERITY_LABELS = {
    Severity.CRITICAL: "Critical",
    Severity.HIGH: "High",
    Severity.MEDIUM: "Medium",
    Severity.LOW: "Low",
    Severity.INFO: "Info",
}

# (ink, background) per severity, shared by the HTML stylesheet and the PDF
SEVERITY_COLOURS = {
    Severity.CRITICAL: ("#b42318", "#fde8e7"),
    Severity.HIGH: ("#c2410c", "#ffedd5"),
    Severity.MEDIUM: ("#a16207", "#fef3c7"),
    Severity.LOW: ("#1d4ed8", "#dbeafe"),
    Severity.INFO: ("#4b5563", "#e5e7eb"),
}
MESSAGES_COLOUR = "#94a3b8"
OVERDUE_COLOUR = "#dc2626"

RULE_LABELS = {
    "retention": "Retention",
    "sensitive": "Sensitive data",
    "media": "Media",
    "parties": "Third parties",
    "hours": "Hours",
    "consent": "Consent",
}

ROLE_LABELS = {
    "practitioner": "practitioner",
    "client": "client",
    "third_party": "third party",
    "system": "system",
}

NO_CHAT = "(unnamed chat)"

# Control characters could move the cursor or recolour a terminal, and bidi overrides can make
# text read differently from what it is ("Trojan Source"); chat text must not do either.
_UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_LINE_BREAKS = re.compile("\r\n|[\n\r\u2028\u2029]")


def clean(text: str) -> str:
    """``text`` on one line, without control characters or bidi overrides."""
    return _UNSAFE_CHARACTERS.sub("\ufffd", _LINE_BREAKS.sub(" ↵ ", text))


def number(value: int) -> str:
    """An integer with thousands separators: ``12,345``."""
    return f"{value:,}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{number(count)} {word}"


def report_zone(report: AuditReport) -> ZoneInfo | None:
    try:
        return ZoneInfo(report.policy.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def timestamp(value: datetime | None, zone: ZoneInfo | None) -> str:
    """A timestamp to the minute, in the policy's time zone when it carries one."""
    if value is None:
        return "–"
    if value.tzinfo is not None and zone is not None:
        value = value.astimezone(zone)
    return value.strftime("%Y-%m-%d %H:%M")


def day(value: date | datetime | None, zone: ZoneInfo | None = None) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        if value.tzinfo is not None and zone is not None:
            value = value.astimezone(zone)
        return value.date().isoformat()
    return value.isoformat()


def chat_name(chat: str | None) -> str:
    return clean(chat) if chat else NO_CHAT


def place(position: Position | None) -> str:
    """``file:line`` or ``file#record`` (records count from 0 in the file, as in the JSON)."""
    if position is None:
        return ""
    if position.line is not None:
        return f"{clean(position.file)}:{position.line}"
    if position.index is not None:
        return f"{clean(position.file)}#{position.index}"
    return clean(position.file)


def hours(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} h"


def severity_counts(report: AuditReport, *, zeros: bool = False) -> list[tuple[Severity, int]]:
    """(severity, count) from the summary, most severe first."""
    counts = [(s, report.summary.by_severity.get(s.value, 0)) for s in Severity]
    return [(s, n) for s, n in counts if n or zeros]


def severity_phrase(report: AuditReport) -> str:
    """``2 critical, 5 high findings`` or ``no findings``."""
    counts = severity_counts(report)
    if not counts:
        return "no findings"
    parts = ", ".join(f"{number(n)} {s.value}" for s, n in counts)
    return f"{parts} finding" if sum(n for _, n in counts) == 1 else f"{parts} findings"


STATUS_LABELS = {
    ArchiveStatus.READ: "read",
    ArchiveStatus.PARTLY_READ: "partly read",
    ArchiveStatus.UNREADABLE: "unreadable",
    ArchiveStatus.SKIPPED: "skipped",
}


def status_label(archive: ArchiveInfo) -> str:
    """How an input's status is named in every report."""
    return STATUS_LABELS[archive.status]


def incomplete(report: AuditReport) -> list[ArchiveInfo]:
    """The inputs from which nothing was read (the reports' "incomplete" notice)."""
    return [a for a in report.archives if a.status is ArchiveStatus.UNREADABLE]


def outcome(report: AuditReport) -> str:
    """Why the audit ends with its exit code, in words."""
    code = report.exit_code
    if code is ExitCode.BAD_INPUT:
        if report.nothing_read:
            return "exit 3: no readable chat export was found"
        unread = report.summary.unreadable_archives
        return f"exit 3: {plural(unread, 'input')} could not be read, nothing else at or above " + (
            report.fail_on.value
        )
    if code is ExitCode.FINDINGS:
        return f"exit 1: findings at or above {report.fail_on.value}"
    if report.fail_on.value == "never":
        return "exit 0: --fail-on never"
    return f"exit 0: nothing at or above {report.fail_on.value}"


@dataclass(slots=True)
class FindingGroup:
    """Findings of one kind (``code``) in one chat of one archive, in report order."""

    archive: str
    chat: str | None
    code: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def first(self) -> Finding:
        return self.findings[0]

    @property
    def count(self) -> int:
        """How many occurrences the group stands for (a finding may count several)."""
        return sum(f.count for f in self.findings)

    def time_span(self) -> tuple[datetime | None, datetime | None]:
        stamps = [f.timestamp for f in self.findings if f.timestamp is not None]
        if not stamps:
            return None, None
        # sort on UTC instants when aware; mixing aware and naive stamps would not compare
        try:
            return min(stamps), max(stamps)
        except TypeError:
            return stamps[0], stamps[-1]

    def line_span(self) -> str:
        """``file:12–340`` (or ``file#3–97`` for records) when all sit in one file."""
        positions = [f.position for f in self.findings if f.position is not None]
        if not positions:
            return ""
        files = {p.file for p in positions}
        if len(files) > 1:
            return f"{place(positions[0])} and {plural(len(files) - 1, 'more file')}"
        if len(positions) == 1:
            return place(positions[0])
        lines = [p.line for p in positions if p.line is not None]
        indexes = [p.index for p in positions if p.index is not None]
        name = clean(positions[0].file)
        if len(lines) == len(positions):
            return f"{name}:{min(lines)}–{max(lines)}"
        if len(indexes) == len(positions):
            return f"{name}#{min(indexes)}–{max(indexes)}"
        return f"{place(positions[0])} …"


def group_findings(findings: Iterable[Finding]) -> list[FindingGroup]:
    """Group by archive, chat and code; groups come in the order of their first finding."""
    groups: dict[tuple[str, str | None, str], FindingGroup] = {}
    for finding in findings:
        key = (finding.archive, finding.chat, finding.code)
        group = groups.get(key)
        if group is None:
            group = groups[key] = FindingGroup(finding.archive, finding.chat, finding.code)
        group.findings.append(finding)
    return list(groups.values())


def by_chat(findings: Iterable[Finding]) -> dict[tuple[str, str | None], list[Finding]]:
    """Findings per (archive, chat), chats in the order of their first finding."""
    chats: dict[tuple[str, str | None], list[Finding]] = {}
    for finding in findings:
        chats.setdefault((finding.archive, finding.chat), []).append(finding)
    return chats


@dataclass(slots=True, frozen=True)
class ChatTally:
    """How many findings of each severity one chat has, and its most frequent codes."""

    archive: str
    chat: str | None
    by_severity: dict[Severity, int]
    top_codes: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


def chat_tallies(report: AuditReport, top: int = 4) -> list[ChatTally]:
    """One tally per chat with findings, the chat with the most severe findings first."""
    tallies = []
    for (archive, chat), findings in by_chat(report.findings).items():
        severities = {s: 0 for s in Severity}
        codes: dict[str, int] = {}
        for finding in findings:
            # headings count findings; the "×N" of a finding tells its occurrences
            severities[finding.severity] += 1
            codes[finding.code] = codes.get(finding.code, 0) + 1
        ranked = sorted(codes.items(), key=lambda item: (-item[1], item[0]))[:top]
        tallies.append(ChatTally(archive, chat, severities, ranked))
    return sorted(tallies, key=lambda t: (*(-t.by_severity[s] for s in Severity), t.archive))


def capped(
    findings: list[Finding], cap: int = FINDINGS_CAP_PER_SEVERITY
) -> tuple[list[Finding], int]:
    """The first ``cap`` findings and how many were left out."""
    return findings[:cap], max(0, len(findings) - cap)


def more_line(left_out: int) -> str:
    return f"… and {number(left_out)} more; the JSON report lists every finding (--format json)."


def retention_explanation(report: AuditReport) -> str:
    return (
        f"Messages older than {plural(report.policy.retention_days, 'day')} on "
        f"{report.as_of.isoformat()} are overdue: they should have been moved to the record "
        "and deleted from the device by the date shown."
    )


def values_warning() -> str:
    return (
        "Values are shown unmasked (--show-values). This report contains client data: "
        "keep it as confidential as the chats themselves."
    )


_WEEKDAY_ORDER = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekday_rank(name: str) -> int:
    key = name.strip().lower()[:3]
    return _WEEKDAY_ORDER.index(key) if key in _WEEKDAY_ORDER else len(_WEEKDAY_ORDER)


def policy_facts(report: AuditReport) -> list[tuple[str, str]]:
    """The policy the audit measured against, as (label, value) rows."""
    policy = report.policy
    weekly = sorted(policy.hours.items(), key=lambda item: _weekday_rank(item[0]))
    reachable = "; ".join(
        f"{clean(weekday)} {', '.join(clean(span) for span in spans) or 'not reachable'}"
        for weekday, spans in weekly
    )
    vacations = ", ".join(
        f"{start.isoformat()} – {end.isoformat()}" for start, end in policy.vacations
    )
    rows = [
        ("As of", report.as_of.isoformat()),
        ("Time zone", clean(policy.timezone)),
        ("Retention of messenger content", plural(policy.retention_days, "day")),
        ("Reachable hours", reachable or "not set"),
        ("Promised response time", plural(policy.response_time_working_days, "working day")),
        (
            "Public holidays",
            clean(policy.public_holidays) if policy.public_holidays else "not observed",
        ),
        ("Vacations", vacations or "none"),
        ("Practitioner names", ", ".join(clean(n) for n in policy.practitioner_names) or "none"),
    ]
    if policy.consent_date is not None:
        rows.append(("Consent given", policy.consent_date.isoformat()))
    if policy.withdrawal_date is not None:
        rows.append(("Consent withdrawn", policy.withdrawal_date.isoformat()))
    rows += [
        ("Fail on", report.fail_on.value),
        ("Rules", ", ".join(clean(r) for r in report.rules) or "none"),
        ("Detectors", ", ".join(clean(d) for d in report.detectors) or "none"),
        ("Values", "shown unmasked" if report.values_shown else "masked"),
    ]
    return rows


def figure_facts(report: AuditReport) -> list[tuple[str, str]]:
    """The audit's totals, as (label, value) rows."""
    summary = report.summary
    archives = plural(summary.archives, "archive")
    if summary.unreadable_archives:
        archives += f" ({number(summary.unreadable_archives)} unreadable)"
    if summary.skipped_files:
        archives += f"; {plural(summary.skipped_files, 'file')} skipped (no chat export)"
    rows = [
        ("Archives", archives),
        ("Messages", number(summary.messages)),
        ("Chats", number(summary.chats)),
        ("Skipped records", number(summary.skipped)),
        ("Overdue messages", number(summary.overdue_messages)),
        ("Findings", number(summary.findings)),
    ]
    times = summary.response_times
    if times is not None:
        rows.append(
            (
                "Response times",
                f"median {hours(times.median_hours)}, 90th percentile {hours(times.p90_hours)} "
                f"over {plural(times.answered, 'answer')}; promised {hours(times.promised_hours)}, "
                f"{number(times.slower_than_promised)} slower",
            )
        )
    rows.append(("Result", outcome(report)))
    return rows


def ranked(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Counts, largest first, ties by name."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def months(report: AuditReport) -> list[tuple[str, int, int]]:
    """(YYYY-MM, messages, overdue) for every month from the first to the last bucket.

    Months without messages are filled in, so the chart's time axis is even.
    """
    buckets = {b.month: b for b in report.timeline}
    keys = sorted(buckets)
    if not keys:
        return []
    year, month = (int(part) for part in keys[0].split("-"))
    last = tuple(int(part) for part in keys[-1].split("-"))
    filled = []
    while (year, month) <= last:
        key = f"{year:04d}-{month:02d}"
        bucket = buckets.get(key)
        filled.append((key, bucket.messages if bucket else 0, bucket.overdue if bucket else 0))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return filled
