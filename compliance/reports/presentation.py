"""What every human-readable report shows the same way: order, groups, labels, numbers, caps.

The words come from the report's language (:mod:`compliance.reports.texts`).
"""

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
from compliance.reports.texts import ReportTexts, texts_for

# HTML and PDF list at most this many findings per severity; the JSON always has all of them.
FINDINGS_CAP_PER_SEVERITY = 500

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

# Control characters could move the cursor or recolour a terminal, and bidi overrides can make
# text read differently from what it is ("Trojan Source"); chat text must not do either.
_UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_LINE_BREAKS = re.compile("\r\n|[\n\r\u2028\u2029]")


def clean(text: str) -> str:
    """``text`` on one line, without control characters or bidi overrides."""
    return _UNSAFE_CHARACTERS.sub("\ufffd", _LINE_BREAKS.sub(" ↵ ", text))


def texts_of(report: AuditReport) -> ReportTexts:
    """The texts of the report's language, for the practice's country where it is known."""
    return texts_for(report.lang, report.sign_off.country)


def number(value: int, t: ReportTexts | None = None) -> str:
    """An integer with the language's thousands separators (``12,345`` / ``12.345``)."""
    return t.number(value) if t is not None else f"{value:,}"


def report_zone(report: AuditReport) -> ZoneInfo | None:
    try:
        return ZoneInfo(report.policy.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def timestamp(value: datetime | None, zone: ZoneInfo | None, t: ReportTexts | None = None) -> str:
    """A timestamp to the minute, in the policy's time zone when it carries one."""
    if t is not None:
        return t.moment(value, zone)
    if value is None:
        return "–"
    if value.tzinfo is not None and zone is not None:
        value = value.astimezone(zone)
    return value.strftime("%Y-%m-%d %H:%M")


def day(value: date | datetime | None, zone: ZoneInfo | None, t: ReportTexts) -> str:
    return t.date(value, zone)


def chat_name(chat: str | None, t: ReportTexts) -> str:
    return clean(chat) if chat else t("unnamed_chat")


def place(position: Position | None) -> str:
    """``file:line`` or ``file#record`` (records count from 0 in the file, as in the JSON)."""
    if position is None:
        return ""
    if position.line is not None:
        return f"{clean(position.file)}:{position.line}"
    if position.index is not None:
        return f"{clean(position.file)}#{position.index}"
    return clean(position.file)


def short_place(finding: Finding, t: ReportTexts, limit: int = 40) -> str:
    """Where a finding is, without repeating its archive's path: ``line 12``, ``record 3``,
    or a file inside the archive (shortened in the middle)."""
    position = finding.position
    if position is None:
        return ""
    if position.file == finding.archive:
        if position.line is not None:
            return t("where.line", n=position.line)
        if position.index is not None:
            return t("where.record", n=position.index)
        return ""
    return shorten_middle(place(position), limit)


def shorten_middle(text: str, limit: int = 44) -> str:
    """``text`` cut in the middle to at most ``limit`` characters (``exports/…/chat.txt``).

    The end of a path (the file name) says most, so more of it is kept than of its start.
    """
    if len(text) <= limit:
        return text
    tail = (limit - 1) * 2 // 3
    head = limit - 1 - tail
    return f"{text[:head]}…{text[-tail:]}"


def severity_label(severity: Severity | str, t: ReportTexts) -> str:
    return t(f"severity.{severity}")


def rule_label(rule: str, t: ReportTexts) -> str:
    return t.get(f"rule.{rule}", clean(rule))


def role_label(role: str | None, t: ReportTexts) -> str:
    return t.get(f"role.{role}", clean(role)) if role else ""


def category_label(category: str, t: ReportTexts) -> str:
    return t.get(f"category.{category}", clean(category))


def severity_counts(report: AuditReport, *, zeros: bool = False) -> list[tuple[Severity, int]]:
    """(severity, count) from the summary, most severe first."""
    counts = [(s, report.summary.by_severity.get(s.value, 0)) for s in Severity]
    return [(s, n) for s, n in counts if n or zeros]


def severity_phrase(report: AuditReport, t: ReportTexts) -> str:
    """``7 findings (critical: 2, high: 5)`` or ``no findings``."""
    counts = severity_counts(report)
    if not counts:
        return t("summary_line.no_findings")
    parts = ", ".join(
        t("summary_line.severity_count", n=t.number(n), severity=t(f"summary_line.levels.{s}"))
        for s, n in counts
    )
    return t.count("summary_line.findings_suffix", sum(n for _, n in counts), parts=parts)


def status_label(archive: ArchiveInfo, t: ReportTexts) -> str:
    """How an input's status is named in every report."""
    return t(f"archive_status.{archive.status.value}")


def incomplete(report: AuditReport) -> list[ArchiveInfo]:
    """The inputs from which nothing was read (the reports' "incomplete" notice)."""
    return [a for a in report.archives if a.status is ArchiveStatus.UNREADABLE]


def outcome(report: AuditReport, t: ReportTexts) -> str:
    """The audit's result in words (what the exit code means)."""
    code = report.exit_code
    level = t(f"policy.fail_levels.{report.fail_on}")
    if code is ExitCode.BAD_INPUT:
        if report.nothing_read:
            return t("result.nothing_read")
        return t(
            "result.incomplete",
            count=t.count("archive", report.summary.unreadable_archives),
            level=level,
        )
    if report.fail_on.value == "never":
        return t("result.never")
    only_new = report.fail_on_new and report.baseline is not None
    if code is ExitCode.FINDINGS:
        return t("result.fail_new" if only_new else "result.fail", level=level)
    return t("result.pass_new" if only_new else "result.pass", level=level)


def due_text(due: date | None, as_of: date, t: ReportTexts) -> str:
    """``immediately``, ``by 12 Dec 2026`` or ``overdue since 2 Jul 2026``."""
    if due is None:
        return t("due.none")
    if due < as_of:
        return t("due.overdue_since", date=t.date(due))
    if due == as_of:
        return t("due.immediately")
    return t("due.by", date=t.date(due))


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

    def line_span(self, t: ReportTexts) -> str:
        """``file:12–340`` (or ``file#3–97`` for records) when all sit in one file."""
        positions = [f.position for f in self.findings if f.position is not None]
        if not positions:
            return ""
        files = {p.file for p in positions}
        if len(files) > 1:
            return t(
                "and_more_files",
                place=place(positions[0]),
                files=t.count("more_file", len(files) - 1),
            )
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
        ranked_codes = sorted(codes.items(), key=lambda item: (-item[1], item[0]))[:top]
        tallies.append(ChatTally(archive, chat, severities, ranked_codes))
    return sorted(tallies, key=lambda t: (*(-t.by_severity[s] for s in Severity), t.archive))


def capped(
    findings: list[Finding], cap: int = FINDINGS_CAP_PER_SEVERITY
) -> tuple[list[Finding], int]:
    """The first ``cap`` findings and how many were left out."""
    return findings[:cap], max(0, len(findings) - cap)


def more_line(left_out: int, t: ReportTexts) -> str:
    return t("more_findings", count=t.number(left_out))


def retention_explanation(report: AuditReport, t: ReportTexts) -> str:
    return t(
        "chats.explanation",
        days=t.count("day", report.policy.retention_days),
        date=t.date(report.as_of),
    )


def values_warning(t: ReportTexts) -> str:
    return t("values_warning")


_WEEKDAY_ORDER = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekday_rank(name: str) -> int:
    key = name.strip().lower()[:3]
    return _WEEKDAY_ORDER.index(key) if key in _WEEKDAY_ORDER else len(_WEEKDAY_ORDER)


def policy_facts(report: AuditReport, t: ReportTexts) -> list[tuple[str, str]]:
    """The policy the audit measured against, as (label, value) rows."""
    policy = report.policy
    weekly = sorted(policy.hours.items(), key=lambda item: _weekday_rank(item[0]))
    reachable = "; ".join(
        f"{t.get('policy.weekdays.' + weekday[:3].lower(), clean(weekday))} "
        f"{', '.join(clean(span) for span in spans) or t('policy.not_reachable')}"
        for weekday, spans in weekly
    )
    vacations = ", ".join(f"{t.date(start)} – {t.date(end)}" for start, end in policy.vacations)
    fail_on = t(f"policy.fail_levels.{report.fail_on}")
    if report.fail_on_new and report.baseline is not None:
        fail_on = t("policy.fail_on_new", level=fail_on)
    rows = [
        (t("policy.as_of"), t.date(report.as_of)),
        (t("policy.time_zone"), clean(policy.timezone)),
        (t("policy.retention"), t.count("day", policy.retention_days)),
        (t("policy.reachable"), reachable or t("policy.not_set")),
        (t("policy.response_time"), t.count("working_day", policy.response_time_working_days)),
        (
            t("policy.holidays"),
            clean(policy.public_holidays) if policy.public_holidays else t("policy.not_observed"),
        ),
        (t("policy.vacations"), vacations or t("none")),
        (
            t("policy.practitioner_names"),
            ", ".join(clean(n) for n in policy.practitioner_names) or t("none"),
        ),
    ]
    if policy.consent_date is not None:
        rows.append((t("policy.consent_given"), t.date(policy.consent_date)))
    if policy.withdrawal_date is not None:
        rows.append((t("policy.consent_withdrawn"), t.date(policy.withdrawal_date)))
    rows += [
        (t("policy.fail_on"), fail_on),
        (t("policy.rules"), ", ".join(rule_label(r, t) for r in report.rules) or t("none")),
        (t("policy.detectors"), ", ".join(clean(d) for d in report.detectors) or t("none")),
        (t("policy.values"), t("values_shown") if report.values_shown else t("values_masked")),
    ]
    return rows


def figure_facts(report: AuditReport, t: ReportTexts) -> list[tuple[str, str]]:
    """The audit's totals, as (label, value) rows."""
    summary = report.summary
    archives = t.count("archive", summary.archives)
    if summary.unreadable_archives:
        archives = t(
            "figures.unreadable", archives=archives, count=t.number(summary.unreadable_archives)
        )
    if summary.skipped_files:
        archives = t(
            "figures.skipped_files",
            archives=archives,
            count=t.count("file", summary.skipped_files),
        )
    rows = [
        (t("figures.archives"), archives),
        (t("figures.messages"), t.number(summary.messages)),
        (t("figures.chats"), t.number(summary.chats)),
        (t("figures.skipped"), t.number(summary.skipped)),
        (t("figures.overdue"), t.number(summary.overdue_messages)),
        (t("figures.findings"), t.number(summary.findings)),
    ]
    times = summary.response_times
    if times is not None:
        rows.append(
            (
                t("figures.response_times"),
                t(
                    "figures.response_value",
                    median=t.duration(times.median_hours),
                    p90=t.duration(times.p90_hours),
                    answers=t.count("answer", times.answered),
                    promised=t.duration(times.promised_hours),
                    slower=t.number(times.slower_than_promised),
                ),
            )
        )
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
