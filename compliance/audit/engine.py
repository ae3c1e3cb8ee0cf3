"""Runs an audit: finds the archives, streams each once through detectors and rules, merges.

Memory stays flat: messages are read as a stream and scanned in batches (the
detectors are fastest on many texts at once); only findings, per-chat counters and
monthly counts are kept. ``jobs > 1`` audits archives in parallel processes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from compliance import __version__
from compliance.archives import Archive, Message, ZipPasswords, open_archives
from compliance.audit.actions import annotate
from compliance.audit.baseline import assign_ids
from compliance.audit.discovery import AuditInput, discover, sha256_of, unreadable
from compliance.audit.policy import AuditPolicy, name_key
from compliance.audit.report import (
    ArchiveInfo,
    ArchiveStatus,
    AuditReport,
    ChatSummary,
    FailOn,
    Finding,
    ResponseTimes,
    Rule,
    SenderRole,
    Severity,
    Summary,
    TimelineBucket,
    judged,
)
from compliance.audit.rules import DEFAULT_RULES, HoursRule, RetentionRule, Seen
from compliance.audit.rules.base import HOOKS
from compliance.audit.rules.channel import channel_findings
from compliance.detectors import Category, Pseudonymizer, get_scanner
from compliance.errors import ComplianceError
from compliance.gcpause import cyclic_gc_paused
from compliance.redact import mask_name

BATCH = 4096
Progress = Callable[[int], None]


@dataclass(slots=True)
class _ChatStats:
    messages: int = 0
    authored: int = 0
    media: int = 0
    first: datetime | None = None
    last: datetime | None = None
    #: the message with the earliest time (the first of several), for retention
    oldest: Message | None = None
    #: messages older than the retention cutoff
    overdue: int = 0
    client: str | None = None
    participants: set[str] = field(default_factory=set)


@dataclass
class ArchiveResult:
    """What one archive contributed (picklable, so a worker process can return it)."""

    info: ArchiveInfo
    chats: list[ChatSummary] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    months: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    waits_hours: list[float] = field(default_factory=list)
    late: int = 0


class _Roles:
    """Who wrote what: the practitioner by name, the first other sender of a chat is the client."""

    def __init__(self, practitioner_keys: frozenset[str]) -> None:
        self.practitioner_keys = practitioner_keys
        self.by_chat: dict[str | None, dict[str, SenderRole]] = {}
        self.clients: dict[str | None, str] = {}

    def of_chat(self, chat: str | None) -> dict[str, SenderRole]:
        """The role of every sender name seen in ``chat`` so far (filled by :meth:`role`)."""
        known = self.by_chat.get(chat)
        if known is None:
            known = self.by_chat[chat] = {}
        return known

    def role(self, chat: str | None, sender: str) -> SenderRole:
        known = self.of_chat(chat)
        role = known.get(sender)
        if role is not None:
            return role
        key = name_key(sender)
        if key in self.practitioner_keys:
            role = SenderRole.PRACTITIONER
        elif self.clients.setdefault(chat, key) == key:
            role = SenderRole.CLIENT
        else:
            role = SenderRole.THIRD_PARTY
        known[sender] = role
        return role


def audit_archive(
    archive: Archive, given: str, policy: AuditPolicy, key: bytes, progress: Progress | None = None
) -> ArchiveResult:
    """Stream one archive through the detectors and every rule."""
    with cyclic_gc_paused():
        return _audit_archive(archive, given, policy, key, progress)


def audit_isolated(
    archive: Archive, given: str, policy: AuditPolicy, key: bytes, progress: Progress | None = None
) -> ArchiveResult:
    """:func:`audit_archive`, with any failure kept to this archive: a damaged input or a
    defect in its reader makes it unreadable in the report, and the others are audited."""
    try:
        return audit_archive(archive, given, policy, key, progress)
    except ComplianceError as exc:
        return ArchiveResult(unreadable(archive.path, str(exc)))
    except RecursionError:
        return ArchiveResult(unreadable(archive.path, "nested too deeply to be read"))
    except MemoryError:
        return ArchiveResult(unreadable(archive.path, "too large to be read in memory"))
    except Exception as exc:  # a bug in a reader or rule; its text could quote the input
        if os.environ.get("COMPLIANCE_DEBUG"):
            raise
        return ArchiveResult(
            unreadable(
                archive.path,
                f"internal error in the {archive.format} reader ({type(exc).__name__}); "
                "this is a bug in compliance",
            )
        )


def _audit_archive(
    archive: Archive, given: str, policy: AuditPolicy, key: bytes, progress: Progress | None
) -> ArchiveResult:
    scanner = get_scanner(policy.lang, policy.region)
    pseudonymizer = Pseudonymizer(key)
    rules = [rule_type(policy, archive.path) for rule_type in DEFAULT_RULES]
    retention = next(r for r in rules if isinstance(r, RetentionRule))
    hours = next(r for r in rules if isinstance(r, HoursRule))
    hooked = {
        hook: [getattr(r, hook) for r in rules if r.enabled and hook in r.hooks()] for hook in HOOKS
    }
    on_detected, on_media = hooked["on_detected"], hooked["on_media"]
    on_authored, on_new_sender = hooked["on_authored"], hooked["on_new_sender"]
    roles = _Roles(policy.practitioner_keys)
    stats: dict[str | None, _ChatStats] = {}
    months: dict[tuple[int, int], list[int]] = {}
    cutoff = policy.retention_cutoff
    archive_path = archive.path
    count = 0

    def consume(batch: list[Message]) -> None:
        detected_all = scanner.scan_texts(
            [m.text if m.sender is not None else "" for m in batch], pseudonymizer=pseudonymizer
        )
        chat: str | None = None
        chat_stats: _ChatStats | None = None
        chat_roles: dict[str, SenderRole] = {}
        for message, detected in zip(batch, detected_all, strict=True):
            message_chat = message.chat_title or message.chat_id
            if chat_stats is None or message_chat != chat:
                # A chat's messages come in long runs: look its state up once per run.
                chat = message_chat
                chat_stats = stats.get(chat)
                if chat_stats is None:
                    chat_stats = stats[chat] = _ChatStats()
                chat_roles = roles.of_chat(chat)
            chat_stats.messages += 1
            timestamp = message.timestamp
            if chat_stats.first is None or timestamp < chat_stats.first:
                chat_stats.first = timestamp
                chat_stats.oldest = message
            if chat_stats.last is None or timestamp > chat_stats.last:
                chat_stats.last = timestamp
            month = (timestamp.year, timestamp.month)
            bucket = months.get(month)
            if bucket is None:
                bucket = months[month] = [0, 0]
            bucket[0] += 1
            if timestamp < cutoff:
                bucket[1] += 1
                chat_stats.overdue += 1
            sender = message.sender
            if sender is None:
                continue
            chat_stats.authored += 1
            role = chat_roles.get(sender)
            new_sender = role is None
            if role is None:
                role = roles.role(chat, sender)
            media = message.is_media
            # Most messages need no rule at all when no rule reads every message: no
            # object is made for them.
            if not (on_authored or new_sender or detected or media):
                continue
            seen = Seen(message, archive_path, chat, role, detected)
            if new_sender:
                chat_stats.participants.add(sender)
                for hook in on_new_sender:
                    hook(seen)
            for hook in on_authored:
                hook(seen)
            if detected:
                for hook in on_detected:
                    hook(seen)
            if media:
                chat_stats.media += 1
                for hook in on_media:
                    hook(seen)

    messages = archive.messages()
    while batch := list(islice(messages, BATCH)):
        consume(batch)
        count += len(batch)
        if progress:
            progress(len(batch))

    # Retention needs no look at each message: the oldest message of a chat is its
    # oldest overdue one whenever it is overdue at all.
    for chat, chat_stats in stats.items():
        if chat_stats.overdue and chat_stats.oldest is not None:
            retention.add_overdue(chat, chat_stats.overdue, chat_stats.oldest)
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(rule.finish())
    findings.extend(channel_findings(policy, archive.path, archive.format.value, list(stats)))
    chats = []
    for chat, chat_stats in stats.items():
        overdue, oldest, deadline = retention.overdue_in(chat)
        chats.append(
            ChatSummary(
                archive=archive.path,
                chat=chat,
                messages=chat_stats.messages,
                authored=chat_stats.authored,
                participants=len({name_key(p) for p in chat_stats.participants}),
                media=chat_stats.media,
                first=chat_stats.first,
                last=chat_stats.last,
                overdue=overdue,
                oldest_overdue=oldest,
                delete_by=deadline,
            )
        )
    info = ArchiveInfo(
        path=archive.path,
        sha256=sha256_of(archive.path) or sha256_of(given),
        format=archive.format.value,
        variant=archive.variant,
        messages=count,
        chats=len(stats),
        skipped=archive.report.skipped,
        warnings=tuple(archive.report.warnings),
    )
    if not policy.show_values:
        # A chat without a saved contact name is titled by its phone number: mask it in
        # every report (the last two digits stay, so that two such chats stay apart).
        names = {chat: mask_name(chat) for chat in stats if chat}
        if any(masked != chat for chat, masked in names.items()):
            for finding in findings:
                if finding.chat:
                    finding.chat = names.get(finding.chat, finding.chat)
            chats = [
                dataclasses.replace(summary, chat=names.get(summary.chat, summary.chat))
                if summary.chat
                else summary
                for summary in chats
            ]
    return ArchiveResult(info, chats, findings, months, hours.waits_hours, hours.late)


def _worker(
    task: tuple[AuditInput, AuditPolicy, bytes, str, str | None, str | None, ZipPasswords],
) -> ArchiveResult:
    item, policy, key, tz, date_order, input_format, passwords = task
    # Reopen the archive itself where it is a file or folder of its own, rather than
    # detecting the whole input again for each archive; a member of a zip is found through
    # the input the user gave. Problems elsewhere (a damaged file, a zip without its
    # password) were reported by the discovery; here they must not stop this archive.
    own = Path(item.archive_path)
    opened = open_archives(
        own if own.exists() else item.given,
        tz=tz,
        date_order=date_order,
        format=input_format,
        problems=[],
        password=passwords,
    )
    for archive in opened:
        if archive.path == item.archive_path:
            return audit_isolated(archive, item.given, policy, key)
    return ArchiveResult(unreadable(item.archive_path, "archive could not be opened again"))


def _isolated_worker(
    task: tuple[AuditInput, AuditPolicy, bytes, str, str | None, str | None, ZipPasswords],
) -> ArchiveResult:
    try:
        return _worker(task)
    except Exception as exc:  # reopening failed in a way discovery did not see
        if os.environ.get("COMPLIANCE_DEBUG"):
            raise
        why = str(exc) if isinstance(exc, ComplianceError) else type(exc).__name__
        return ArchiveResult(unreadable(task[0].archive_path, f"internal error ({why})"))


def run_audit(
    paths: Sequence[str],
    policy: AuditPolicy,
    *,
    fail_on: FailOn = FailOn.HIGH,
    jobs: int = 1,
    tz: str | None = None,
    date_order: str | None = None,
    input_format: str | None = None,
    progress: Progress | None = None,
    on_archive: Callable[[int, int], None] | None = None,
    password: ZipPasswords | str | None = None,
) -> AuditReport:
    """Audit every archive in ``paths`` and build the report.

    ``progress`` is told how many messages were read (in batches); ``on_archive`` how many
    archives of how many are done. ``password`` opens encrypted zips (see open_archives).
    """
    zone_name = tz or policy.zone_name
    passwords = ZipPasswords.of(password)
    found, failed = discover(
        paths,
        tz=zone_name,
        date_order=date_order,
        input_format=input_format,
        passwords=passwords,
    )
    key = secrets.token_bytes(32)  # per report: pseudonyms match within it, never across reports
    results: list[ArchiveResult] = []
    if jobs > 1 and len(found) > 1:
        # Imported only here: multiprocessing costs every --jobs 1 audit ~10 ms of start-up.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # The workers reopen the archives with the password the discovery used (sent to
        # them in memory with the task); they never ask for one themselves.
        unlocked = passwords.for_workers()
        tasks = [
            (item, policy, key, zone_name, date_order, input_format, unlocked) for item, _ in found
        ]
        # Paused here too: unpickling the workers' findings makes many objects at once.
        from concurrent.futures.process import BrokenProcessPool

        # Built once here, before the workers are forked: they inherit it instead of each
        # loading the lexicon and compiling the detectors' patterns again.
        if multiprocessing.get_start_method() == "fork":
            get_scanner(policy.lang, policy.region)

        pool = ProcessPoolExecutor(max_workers=jobs)
        try:
            with cyclic_gc_paused():
                for result in pool.map(_isolated_worker, tasks):
                    results.append(result)
                    if progress:
                        progress(result.info.messages)
                    if on_archive:
                        on_archive(len(results), len(found))
        except BrokenProcessPool:
            # A worker died (killed, out of memory): the archives not done are named.
            for item, _ in found[len(results) :]:
                why = "internal error: the process reading it ended unexpectedly"
                results.append(ArchiveResult(unreadable(item.archive_path, why)))
        except BaseException:
            # Ctrl-C, TERM or HUP: stop the workers now instead of waiting until each has
            # read its archive to the end (the report is not written, nothing is left).
            _stop_workers(pool)
            raise
        pool.shutdown()
    else:
        for item, archive in found:
            results.append(audit_isolated(archive, item.given, policy, key, progress))
            if on_archive:
                on_archive(len(results), len(found))
    return build_report(results, failed, policy, fail_on)


def _stop_workers(pool: Any) -> None:
    """End a process pool's workers at once (the executor itself would wait for them)."""
    processes = getattr(pool, "_processes", None) or {}  # concurrent.futures' own record
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            # KILL, not TERM: the workers inherited our TERM handler, and the executor's
            # worker loop would catch the exit it raises and carry on. They write nothing.
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Most severe first, crisis language leading, then by archive, chat and time.

    Two stable sorts (by time, then by the rest) rather than one sort on a tuple per
    finding: a large audit has a hundred thousand findings, and the leading part of the
    key is shared by most of them, so each distinct one is made once.
    """
    ordered = sorted(findings, key=_moment)
    leading_keys: dict[tuple[int, bool, str, str | None], tuple[int, int, str, str]] = {}

    def leading(finding: Finding) -> tuple[int, int, str, str]:
        lookup = (finding.severity.rank, finding.category == _CRISIS, finding.archive, finding.chat)
        key = leading_keys.get(lookup)
        if key is None:
            crisis_first = 0 if lookup[1] else 1
            key = leading_keys[lookup] = (-lookup[0], crisis_first, lookup[2], lookup[3] or "")
        return key

    ordered.sort(key=leading)
    return ordered


_CRISIS = Category.CRISIS.value


def _moment(finding: Finding) -> float:
    return finding.timestamp.timestamp() if finding.timestamp else 0.0


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def build_report(
    results: Iterable[ArchiveResult],
    failed: list[ArchiveInfo],
    policy: AuditPolicy,
    fail_on: FailOn,
) -> AuditReport:
    with cyclic_gc_paused():  # sorting many findings makes many tuples
        return _build_report(list(results), failed, policy, fail_on)


def _build_report(
    results: list[ArchiveResult],
    failed: list[ArchiveInfo],
    policy: AuditPolicy,
    fail_on: FailOn,
) -> AuditReport:
    findings = _sorted_findings(f for r in results for f in r.findings)
    as_of = policy.as_of.astimezone(policy.zone).date()
    annotate(findings, policy, as_of)
    assign_ids(findings)
    archives = [judged(r.info) for r in results] + [judged(info) for info in failed]
    chats = [c for r in results for c in r.chats]
    months: dict[tuple[int, int], list[int]] = {}
    for result in results:
        for month, (messages, overdue) in result.months.items():
            bucket = months.setdefault(month, [0, 0])
            bucket[0] += messages
            bucket[1] += overdue
    waits = [w for r in results for w in r.waits_hours]
    response = None
    if policy.availability is not None:
        response = ResponseTimes(
            answered=len(waits),
            median_hours=round(statistics.median(waits), 2) if waits else None,
            p90_hours=round(_percentile(waits, 0.9), 2) if waits else None,
            promised_hours=policy.availability.response_time_working_days * 24.0,
            slower_than_promised=sum(r.late for r in results),
        )
    by_severity: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    by_category: dict[str, int] = {}
    for finding in findings:
        # str enums: the member is its value, so it keys the counts without .value
        by_severity[finding.severity] = by_severity.get(finding.severity, 0) + 1
        by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
        if finding.category:
            by_category[finding.category] = by_category.get(finding.category, 0) + 1
    by_severity = {str(severity): count for severity, count in by_severity.items()}
    by_rule = {str(rule): count for rule, count in by_rule.items()}
    highest = max({f.severity for f in findings}, key=lambda s: s.rank, default=None)
    summary = Summary(
        archives=sum(1 for a in archives if a.status is not ArchiveStatus.SKIPPED),
        unreadable_archives=sum(1 for a in archives if a.status is ArchiveStatus.UNREADABLE),
        messages=sum(a.messages for a in archives),
        chats=len(chats),
        findings=len(findings),
        by_severity=by_severity,
        by_rule=by_rule,
        by_category=by_category,
        overdue_messages=sum(c.overdue for c in chats),
        skipped=sum(a.skipped for a in archives),
        highest_severity=highest,
        response_times=response,
        skipped_files=sum(1 for a in archives if a.status is ArchiveStatus.SKIPPED),
    )
    return AuditReport(
        tool_version=__version__,
        as_of=as_of,
        fail_on=fail_on,
        values_shown=policy.show_values,
        rules=[rule.rule.value for rule in DEFAULT_RULES] + [Rule.CHANNEL.value],
        detectors=[d.name for d in get_scanner(policy.lang, policy.region).detectors],
        policy=policy.describe(),
        archives=archives,
        chats=chats,
        findings=findings,
        summary=summary,
        timeline=[
            TimelineBucket(f"{year:04d}-{month:02d}", v[0], v[1])
            for (year, month), v in sorted(months.items())
        ],
        lang=policy.report_lang,
    )


__all__ = ["ArchiveResult", "AuditInput", "Severity", "audit_archive", "build_report", "run_audit"]
