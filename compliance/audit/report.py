"""The audit report: one model every output format (text, JSON, HTML, PDF) is made from.

Findings are light slots dataclasses, because a large archive can produce many of
them; the JSON Schema is generated from these same classes by pydantic
(:func:`json_schema`), so the schema and the output cannot drift apart. A finding
never holds a raw sensitive value: only a masked excerpt and a keyed hash, unless
the user asked for values with ``--show-values``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from operator import attrgetter
from typing import Any

from compliance.errors import ExitCode

SCHEMA_NAME = "compliance/audit-report"
# 2.0: archives[].status, summary.skipped_files; per finding id, action, due, baseline, count;
# lang, schema, baseline, fail_on_new and sign_off at the top.
SCHEMA_VERSION = "2.0"
CRISIS_CATEGORY = "CRISIS"  # the detector category that always leads the critical findings


# Looked up for every finding when sorting and judging a report: built once, not per call.
_SEVERITY_RANKS = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}
_FAIL_ON_RANKS = {"critical": 4, "high": 3, "medium": 2, "low": 1, "never": 99}


class Severity(StrEnum):
    """How urgent a finding is. ``info`` never fails an audit."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        # The member is its value (a str): no .value lookup, which is slow on enums and
        # runs for every finding when a large report is sorted and judged.
        return _SEVERITY_RANKS[self]


class FailOn(StrEnum):
    """The ``--fail-on`` threshold."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NEVER = "never"

    @property
    def rank(self) -> int:
        return _FAIL_ON_RANKS[self]


class SenderRole(StrEnum):
    """Who wrote a message, seen from the practitioner."""

    PRACTITIONER = "practitioner"
    CLIENT = "client"
    THIRD_PARTY = "third_party"
    SYSTEM = "system"


class Rule(StrEnum):
    RETENTION = "retention"
    SENSITIVE = "sensitive"
    MEDIA = "media"
    PARTIES = "parties"
    HOURS = "hours"
    CONSENT = "consent"
    CHANNEL = "channel"


class BaselineStatus(StrEnum):
    """A finding compared with the baseline report (``--baseline``)."""

    NEW = "new"
    UNCHANGED = "unchanged"
    RESOLVED = "resolved"


# Position and Finding are made once per finding, a hundred thousand times in a large
# audit, and unpickled again from --jobs workers: not frozen, since a frozen dataclass's
# __init__ sets every field through object.__setattr__ (three to four times slower).
# They are hashable all the same, and nothing changes them once made.
@dataclass(slots=True, unsafe_hash=True)
class Position:
    """Where a finding points: the file in the archive and its line or JSON record index."""

    file: str
    line: int | None = None
    index: int | None = None

    def __reduce__(self) -> tuple[type[Position], tuple[str, int | None, int | None]]:
        return (Position, (self.file, self.line, self.index))  # as Finding.__reduce__


@dataclass(slots=True, unsafe_hash=True)
class Finding:
    """One thing the audit found.

    ``code`` names the kind of finding within its rule (``retention.overdue``,
    ``sensitive.HEALTH``, ``hours.outside_hours``, ...). ``excerpt`` is masked unless
    values were asked for; ``value_hash`` (HMAC with a per-report key) lets the same
    value be counted across messages without revealing it.
    """

    rule: Rule
    code: str
    severity: Severity
    archive: str
    chat: str | None
    message: str
    category: str | None = None
    position: Position | None = None
    timestamp: datetime | None = None
    sender_role: SenderRole | None = None
    excerpt: str | None = None
    detector: str | None = None
    value_hash: str | None = None
    count: int = 1
    # Filled once the whole audit is known (compliance.audit.actions, compliance.audit.baseline):
    # a stable id (independent of the report's date and key), what to do, by when, and the
    # finding's state against a baseline report.
    id: str | None = None
    action: str | None = None
    due: date | None = None
    baseline: BaselineStatus | None = None

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        # ``--jobs`` sends every finding from a worker process back to the parent: the
        # field values in order (read by one C-level getter) pickle and unpickle faster
        # than the dataclass's default state, which names every field for every object.
        return (Finding, _finding_values(self))


_finding_values = attrgetter(*(f.name for f in fields(Finding)))


@dataclass(slots=True, frozen=True)
class ChatSummary:
    """One chat of one archive: size, parties, and the retention state."""

    archive: str
    chat: str | None
    messages: int
    authored: int
    participants: int
    media: int
    first: datetime | None
    last: datetime | None
    overdue: int
    oldest_overdue: datetime | None
    delete_by: datetime | None  # when the oldest overdue message should have been moved and deleted


class ArchiveStatus(StrEnum):
    """What became of one input file or archive."""

    READ = "read"
    PARTLY_READ = "partly_read"  # records skipped or damage met: see the warnings
    UNREADABLE = "unreadable"  # nothing read (the error says why): never a clean result
    SKIPPED = "skipped"  # a file in a folder that is no chat export (the error says what)


@dataclass(slots=True, frozen=True)
class ArchiveInfo:
    """One input: what it was, its SHA-256, what was read and what was skipped."""

    path: str
    sha256: str | None
    format: str | None
    variant: str | None
    messages: int
    chats: int
    skipped: int
    warnings: tuple[str, ...] = ()
    error: str | None = None  # why nothing was read (unreadable or skipped)
    status: ArchiveStatus = ArchiveStatus.READ

    def __post_init__(self) -> None:
        # An input with an error was not read, whatever status its maker passed.
        if self.error is not None and self.status is not ArchiveStatus.SKIPPED:
            object.__setattr__(self, "status", ArchiveStatus.UNREADABLE)

    @property
    def was_read(self) -> bool:
        """True when messages were read from this input (fully or in part)."""
        return self.status in (ArchiveStatus.READ, ArchiveStatus.PARTLY_READ)


def judged(info: ArchiveInfo) -> ArchiveInfo:
    """``info`` with the status its counts and error give: an archive from which no
    message was read is unreadable, whatever its reader said."""
    if info.status is ArchiveStatus.SKIPPED:
        return info
    if info.error is not None:
        return replace(info, status=ArchiveStatus.UNREADABLE)
    if info.messages == 0:
        why = info.warnings[-1] if info.warnings else "no message could be read"
        return replace(info, status=ArchiveStatus.UNREADABLE, error=f"nothing read: {why}")
    if info.skipped or info.warnings:
        return replace(info, status=ArchiveStatus.PARTLY_READ)
    return replace(info, status=ArchiveStatus.READ)


@dataclass(slots=True, frozen=True)
class Policy:
    """The rules the audit measured against (from the profile and the options)."""

    timezone: str
    retention_days: int
    hours: dict[str, list[str]]
    response_time_working_days: int
    public_holidays: str | None  # e.g. "DE-BE"; None when holidays are not observed
    vacations: tuple[tuple[date, date], ...]
    practitioner_names: tuple[str, ...]
    consent_date: date | None = None
    withdrawal_date: date | None = None


@dataclass(slots=True, frozen=True)
class TimelineBucket:
    """Messages per month, and how many of them are overdue (for the HTML chart)."""

    month: str  # YYYY-MM
    messages: int
    overdue: int


@dataclass(slots=True, frozen=True)
class ResponseTimes:
    """How fast the practitioner answered clients, in hours (median and 90th percentile)."""

    answered: int
    median_hours: float | None
    p90_hours: float | None
    promised_hours: float
    slower_than_promised: int


@dataclass(slots=True, frozen=True)
class Summary:
    archives: int
    unreadable_archives: int
    messages: int
    chats: int
    findings: int
    by_severity: dict[str, int]
    by_rule: dict[str, int]
    by_category: dict[str, int]
    overdue_messages: int
    skipped: int
    highest_severity: Severity | None
    response_times: ResponseTimes | None = None
    skipped_files: int = 0  # files in folders that are no chat export


@dataclass(slots=True, frozen=True)
class ResolvedFinding:
    """A finding of the baseline report that this audit no longer finds."""

    id: str
    rule: str
    code: str
    severity: str
    archive: str
    chat: str | None
    category: str | None = None
    timestamp: str | None = None
    message: str | None = None


@dataclass(slots=True, frozen=True)
class BaselineComparison:
    """How this audit compares with an earlier one (``--baseline``)."""

    path: str
    as_of: date | None
    tool_version: str | None
    new: int
    unchanged: int
    resolved: int
    resolved_findings: list[ResolvedFinding] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class SignOff:
    """Who audited, for whom: printed in the sign-off block of the PDF and HTML reports."""

    practice: str | None = None
    practitioner: str | None = None
    data_protection_officer: str | None = None
    country: str | None = None


@dataclass(slots=True)
class AuditReport:
    """Everything an audit found, in one object; reporters only format it."""

    tool_version: str
    as_of: date
    fail_on: FailOn
    values_shown: bool
    rules: list[str]
    detectors: list[str]
    policy: Policy
    archives: list[ArchiveInfo]
    chats: list[ChatSummary]
    findings: list[Finding]
    summary: Summary
    timeline: list[TimelineBucket] = field(default_factory=list)
    lang: str = "en"  # the language of the report's texts (messages, actions)
    fail_on_new: bool = False  # --fail-on applies to new findings only (needs a baseline)
    baseline: BaselineComparison | None = None
    sign_off: SignOff = field(default_factory=SignOff)
    schema: str = SCHEMA_NAME
    schema_version: str = SCHEMA_VERSION

    @property
    def exit_code(self) -> ExitCode:
        """1 for findings at or above ``fail_on``; 3 when nothing was read at all, or when
        nothing reaches ``fail_on`` but an input could not be read; 0 otherwise.

        An input from which nothing was read is never a clean result. With ``fail_on_new``
        and a baseline, only findings the baseline did not have count.
        """
        if not any(a.was_read for a in self.archives):
            return ExitCode.BAD_INPUT
        threshold = self.fail_on.rank
        counted = self.findings
        if self.fail_on_new and self.baseline is not None:
            counted = [f for f in self.findings if f.baseline is BaselineStatus.NEW]
        if any(severity.rank >= threshold for severity in {f.severity for f in counted}):
            return ExitCode.FINDINGS
        if any(a.status is ArchiveStatus.UNREADABLE for a in self.archives):
            return ExitCode.BAD_INPUT
        return ExitCode.OK

    @property
    def nothing_read(self) -> bool:
        """True when no input gave a single message."""
        return not any(a.was_read for a in self.archives)

    def findings_by_severity(self) -> dict[Severity, list[Finding]]:
        """Findings grouped by severity, most severe first (crisis language leads critical)."""
        grouped: dict[Severity, list[Finding]] = {s: [] for s in Severity}
        for finding in self.findings:
            grouped[finding.severity].append(finding)
        for items in grouped.values():
            # a stable sort: crisis language first, otherwise the order the rules found things in
            items.sort(key=lambda finding: finding.category != CRISIS_CATEGORY)
        return {s: items for s, items in grouped.items() if items}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (datetimes as ISO 8601 strings)."""
        result: dict[str, Any] = json_data(self)
        return result


def json_data(value: Any) -> Any:
    """A report value as JSON data: enums by value, times in ISO 8601, dataclasses as dicts.

    Walks the fields directly rather than through ``dataclasses.asdict``, whose deep copies
    are costly for a report with many findings.
    """
    if isinstance(value, StrEnum):
        return value.value
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_data(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: json_data(getattr(value, f.name)) for f in fields(value)}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the report, generated by pydantic from the classes above."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(AuditReport).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"compliance audit report, schema version {SCHEMA_VERSION}"
    return schema
