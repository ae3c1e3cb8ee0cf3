"""Consent: messages before the client's consent or after its withdrawal."""

from __future__ import annotations

from dataclasses import dataclass

from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding, Position, Rule, Severity
from compliance.audit.rules.base import AuditRule, Seen, position_of


@dataclass(slots=True)
class _Window:
    before: int = 0
    before_first: Position | None = None
    after: int = 0
    after_first: Position | None = None


class ConsentRule(AuditRule):
    """Only runs when a consent or withdrawal date is known."""

    rule = Rule.CONSENT

    def __init__(self, policy: AuditPolicy, archive: str) -> None:
        super().__init__(policy, archive)
        self.chats: dict[str | None, _Window] = {}

    @property
    def enabled(self) -> bool:
        return self.policy.consent_date is not None or self.policy.withdrawal_date is not None

    def on_authored(self, seen: Seen) -> None:
        policy = self.policy
        message = seen.message
        if policy.consent_date is None and policy.withdrawal_date is None:
            return
        day = message.timestamp.astimezone(policy.zone).date()
        before = policy.consent_date is not None and day < policy.consent_date
        after = policy.withdrawal_date is not None and day > policy.withdrawal_date
        if not (before or after):
            return
        window = self.chats.setdefault(seen.chat, _Window())
        if before:
            window.before += 1
            window.before_first = window.before_first or position_of(message)
        if after:
            window.after += 1
            window.after_first = window.after_first or position_of(message)

    def finish(self) -> list[Finding]:
        t = self.texts
        findings = []
        for chat, window in self.chats.items():
            if window.before:
                findings.append(
                    Finding(
                        rule=Rule.CONSENT,
                        code="consent.before_consent",
                        severity=Severity.HIGH,
                        archive=self.archive,
                        chat=chat,
                        message=t(
                            "finding.consent.before_consent",
                            messages=t.count("message", window.before),
                            date=t.date(self.policy.consent_date),
                        ),
                        position=window.before_first,
                        count=window.before,
                    )
                )
            if window.after:
                findings.append(
                    Finding(
                        rule=Rule.CONSENT,
                        code="consent.after_withdrawal",
                        severity=Severity.HIGH,
                        archive=self.archive,
                        chat=chat,
                        message=t(
                            "finding.consent.after_withdrawal",
                            messages=t.count("message", window.after),
                            date=t.date(self.policy.withdrawal_date),
                        ),
                        position=window.after_first,
                        count=window.after,
                    )
                )
        return findings
