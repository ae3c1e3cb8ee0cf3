"""The rule interface: a rule looks at the messages it cares about and yields findings at the end.

A rule implements only the hooks it needs; the engine calls each hook only for the
messages it is about (an overdue message, a message with detector findings, a
media message, an authored message, a chat's new sender), so that a million
messages cost a million cheap checks, not six million method calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from compliance.archives import Message
from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding, Position, Rule, SenderRole
from compliance.detectors import Finding as DetectorFinding
from compliance.reports.texts import ReportTexts, texts_for

HOOKS = ("on_detected", "on_media", "on_authored", "on_new_sender")


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


class AuditRule:
    """A small unit of the audit. One instance audits one archive."""

    rule: ClassVar[Rule]

    def __init__(self, policy: AuditPolicy, archive: str) -> None:
        self.policy = policy
        self.archive = archive
        self.findings: list[Finding] = []

    @property
    def texts(self) -> ReportTexts:
        """The report's texts, for the findings' messages."""
        return texts_for(self.policy.report_lang, self.policy.region)

    def on_detected(self, seen: Seen) -> None:
        """A message in which the detectors found something."""

    def on_media(self, seen: Seen) -> None:
        """An authored attachment or media placeholder."""

    def on_authored(self, seen: Seen) -> None:
        """Any message with a human sender, in the archive's order."""

    def on_new_sender(self, seen: Seen) -> None:
        """The first message of each sender name in a chat."""

    def finish(self) -> Iterable[Finding]:
        """The findings, once the whole archive has been read."""
        return self.findings

    @property
    def enabled(self) -> bool:
        """False when the policy gives this rule nothing to check (its hooks are then skipped)."""
        return True

    @classmethod
    def hooks(cls) -> list[str]:
        """The hooks this rule implements."""
        return [name for name in HOOKS if getattr(cls, name) is not getattr(AuditRule, name)]
