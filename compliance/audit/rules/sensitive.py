"""Sensitive data in messages: every detector finding, crisis language first."""

from __future__ import annotations

from compliance.audit.excerpt import masked_excerpt
from compliance.audit.report import Finding, Rule, Severity
from compliance.audit.rules.base import AuditRule, Seen, position_of


class SensitiveDataRule(AuditRule):
    """One finding per detector finding, with the category's severity and a masked excerpt."""

    rule = Rule.SENSITIVE

    def observe(self, seen: Seen) -> None:
        if not seen.detected:
            return
        message = seen.message
        for found in seen.detected:
            self.findings.append(
                Finding(
                    rule=Rule.SENSITIVE,
                    code=f"sensitive.{found.category.value}",
                    severity=Severity(found.severity.value),
                    archive=seen.archive,
                    chat=seen.chat,
                    message=f"{found.category.value.replace('_', ' ').lower()} in a message",
                    category=found.category.value,
                    position=position_of(message),
                    timestamp=message.timestamp,
                    sender_role=seen.role,
                    excerpt=masked_excerpt(
                        message.text, seen.detected, focus=found, show_values=self.policy.show_values
                    ),
                    detector=found.detector,
                    value_hash=found.pseudonym,
                )
            )
