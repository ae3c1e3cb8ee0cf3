"""Retention: messages kept on the device longer than the agreed number of days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from compliance.archives import Message
from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding, Position, Rule, Severity
from compliance.audit.rules.base import AuditRule, position_of


@dataclass(slots=True)
class _ChatRetention:
    overdue: int = 0
    oldest: datetime | None = None
    oldest_position: Position | None = None


class RetentionRule(AuditRule):
    """One finding per chat that holds overdue messages: how many, the oldest, the deadline."""

    rule = Rule.RETENTION

    def __init__(self, policy: AuditPolicy, archive: str) -> None:
        super().__init__(policy, archive)
        self.cutoff: datetime = policy.retention_cutoff
        self.chats: dict[str | None, _ChatRetention] = {}

    def add_overdue(self, chat: str | None, overdue: int, oldest: Message) -> None:
        """A chat's ``overdue`` messages older than the cutoff, ``oldest`` the earliest
        (the audit counts them as it reads; no rule needs to see each one)."""
        self.chats[chat] = _ChatRetention(overdue, oldest.timestamp, position_of(oldest))

    def finish(self) -> list[Finding]:
        t = self.texts
        days = t.count("day", self.policy.retention_days)
        findings = []
        for chat, state in self.chats.items():
            assert state.oldest is not None
            deadline = self.policy.deadline(state.oldest)
            findings.append(
                Finding(
                    rule=Rule.RETENTION,
                    code="retention.overdue",
                    severity=Severity.HIGH,
                    archive=self.archive,
                    chat=chat,
                    message=t(
                        "finding.retention.overdue",
                        messages=t.count("message", state.overdue),
                        days=days,
                        deadline=t.moment(deadline, self.policy.zone),
                    ),
                    position=state.oldest_position,
                    timestamp=state.oldest,
                    count=state.overdue,
                )
            )
        return findings

    def overdue_in(self, chat: str | None) -> tuple[int, datetime | None, datetime | None]:
        state = self.chats.get(chat)
        if state is None or state.oldest is None:
            return 0, None, None
        return state.overdue, state.oldest, self.policy.deadline(state.oldest)
