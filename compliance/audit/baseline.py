"""Baselines: stable finding ids, and what is new, unchanged or resolved since an earlier report.

A finding's id is a hash of what it is about, never of when the audit ran or of the
report's pseudonym key: its rule and code, the chat, and for findings about one message
the category, the sender's role and the message's time (with a running number for
findings that would otherwise share an id). Findings about a whole chat (retention,
parties, hours, consent, channel) are identified by chat and code, so that an overdue
chat stays the same finding while its oldest message changes, and is resolved once
nothing in it is overdue. Line numbers are left out: deleting old messages moves them.
"""

from __future__ import annotations

import json
from contextlib import suppress
from datetime import date
from hashlib import blake2b
from pathlib import Path
from typing import Any

from compliance.audit.report import (
    AuditReport,
    BaselineComparison,
    BaselineStatus,
    Finding,
    ResolvedFinding,
    Rule,
)
from compliance.errors import InputError

# Rules whose findings describe a whole chat rather than one message.
PER_CHAT_RULES = frozenset({Rule.RETENTION, Rule.PARTIES, Rule.HOURS, Rule.CONSENT, Rule.CHANNEL})
BASELINE_MAJOR = "2"  # reports from this schema major version carry finding ids


def _chat_key(finding: Finding) -> str:
    return finding.chat if finding.chat is not None else Path(finding.archive).name


def assign_ids(findings: list[Finding]) -> None:
    """Give every finding its stable ``id`` (in place, in report order)."""
    # A large audit has a hundred thousand findings: the part of the key they share (rule,
    # code, chat, ...) is made once per combination, and the time is written from its fields
    # (the wall time in the export's zone) rather than by the slower isoformat().
    prefixes: dict[tuple[object, ...], tuple[str, bool]] = {}
    used: dict[str, int] = {}
    for finding in findings:
        shared = (
            finding.rule,
            finding.code,
            finding.category,
            finding.chat,
            finding.archive,
            finding.sender_role,
        )
        known = prefixes.get(shared)
        if known is None:
            per_chat = finding.rule in PER_CHAT_RULES
            if per_chat:
                prefix = f"{finding.rule.value}\x1f{finding.code}\x1f{_chat_key(finding)}"
            else:
                role = finding.sender_role.value if finding.sender_role else ""
                prefix = (
                    f"{finding.rule.value}\x1f{finding.code}\x1f{finding.category or ''}\x1f"
                    f"{_chat_key(finding)}\x1f{role}\x1f"
                )
            known = prefixes[shared] = (prefix, per_chat)
        key, per_chat = known
        stamp = finding.timestamp
        if not per_chat and stamp is not None:
            key = (
                f"{key}{stamp.year}-{stamp.month}-{stamp.day}T"
                f"{stamp.hour}:{stamp.minute}:{stamp.second}"
            )
        number = used.get(key, 0)
        used[key] = number + 1
        if number:
            key = f"{key}\x1f{number}"
        finding.id = blake2b(key.encode("utf-8"), digest_size=10).hexdigest()


def load_baseline(path: Path) -> dict[str, Any]:
    """An earlier JSON report, checked to be one this version can compare with."""
    try:
        with Path(path).open(encoding="utf-8") as f:
            data = json.load(f)
    except OSError as exc:
        raise InputError.single(path, f"cannot be read ({exc.strerror or exc})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError.single(path, "is not a JSON report of compliance audit", line) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputError.single(path, "is not a JSON report of compliance audit", field="findings")
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != BASELINE_MAJOR:
        raise InputError.single(
            path,
            f"schema version {version or 'missing'}: a baseline must be a JSON report of "
            f"schema {BASELINE_MAJOR}.x (audit again with --format json)",
            field="schema_version",
        )
    for index, item in enumerate(data["findings"]):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise InputError.single(path, "a finding without an id", field=f"findings.{index}.id")
    return data


def compare(findings: list[Finding], baseline: dict[str, Any], path: Path) -> BaselineComparison:
    """Mark each finding new or unchanged (in place) and list the baseline's resolved ones."""
    earlier = {item["id"]: item for item in baseline["findings"]}
    new = unchanged = 0
    current: set[str] = set()
    for finding in findings:
        assert finding.id is not None
        current.add(finding.id)
        if finding.id in earlier:
            finding.baseline = BaselineStatus.UNCHANGED
            unchanged += 1
        else:
            finding.baseline = BaselineStatus.NEW
            new += 1
    resolved = [
        ResolvedFinding(
            id=item["id"],
            rule=str(item.get("rule", "")),
            code=str(item.get("code", "")),
            severity=str(item.get("severity", "")),
            archive=str(item.get("archive", "")),
            chat=item.get("chat"),
            category=item.get("category"),
            timestamp=item.get("timestamp"),
            message=item.get("message"),
        )
        for finding_id, item in earlier.items()
        if finding_id not in current
    ]
    as_of = None
    with suppress(ValueError):
        as_of = date.fromisoformat(str(baseline.get("as_of")))
    return BaselineComparison(
        path=str(path),
        as_of=as_of,
        tool_version=baseline.get("tool_version"),
        new=new,
        unchanged=unchanged,
        resolved=len(resolved),
        resolved_findings=resolved,
    )


def apply_baseline(report: AuditReport, path: Path, *, fail_on_new: bool = False) -> None:
    """Compare ``report`` with the JSON report at ``path`` (in place)."""
    report.baseline = compare(report.findings, load_baseline(path), path)
    report.fail_on_new = fail_on_new
