"""The rule interface: a rule looks at each message once and yields findings at the end."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from compliance.archives import Message
from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding, Position, Rule, SenderRole
from compliance.detectors import Finding as DetectorFinding


@dataclass(slots=True)
class Seen:
    """One message as the rules see it: where it is, who wrote it, what the detectors found."""

    message: Message
    archive: str
    chat: str | None
    role: SenderRole
    detected: Sequence[DetectorFinding]


def position_of(message: Message) -> Position:
    where = message.position
    return Position(file=where.file, line=where.line, index=where.index)


class AuditRule(ABC):
    """A small unit of the audit. One instance audits one archive."""

    rule: ClassVar[Rule]

    def __init__(self, policy: AuditPolicy, archive: str) -> None:
        self.policy = policy
        self.archive = archive
        self.findings: list[Finding] = []

    @abstractmethod
    def observe(self, seen: Seen) -> None:
        """Look at one message (in the archive's order)."""

    def finish(self) -> Iterable[Finding]:
        """The findings, once the whole archive has been read."""
        return self.findings
