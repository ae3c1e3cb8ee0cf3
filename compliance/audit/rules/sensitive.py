"""Sensitive data in messages: every detector finding, crisis language first."""

from __future__ import annotations

from compliance.audit.excerpt import MessageExcerpts
from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding, Rule, Severity
from compliance.audit.rules.base import AuditRule, Seen, position_of
from compliance.detectors import CATALOGUE, CRISIS_KINDS, Category
from compliance.detectors import Severity as DetectorSeverity


def _describe(category: Category) -> str:
    # The category's name, not its description: descriptions name symptoms and drugs, and
    # a report must not look like it contains what it only classifies.
    info = CATALOGUE.get(category)
    name = category.value.replace("_", " ").lower()
    if info is not None and info.legal_basis.value != "identifier":
        return f"{name} ({info.legal_basis.value} GDPR) in a message"
    return f"{name} in a message"


# One string per category, shared by every finding: a large archive has many findings.
_CODES = {category: f"sensitive.{category.value}" for category in Category}
_DESCRIPTIONS = {category: _describe(category) for category in Category}
_SEVERITIES = {severity: Severity(severity.value) for severity in DetectorSeverity}
# A crisis finding says what kind of crisis it is and what to do, in English and German.
_KIND_DESCRIPTIONS = {
    kind: (
        f"{_DESCRIPTIONS[Category.CRISIS]}: {info.label_en}. {info.explanation_en} "
        f"/ {info.label_de}: {info.explanation_de}"
    )
    for kind, info in CRISIS_KINDS.items()
}


class SensitiveDataRule(AuditRule):
    """One finding per detector finding, with the category's severity and a masked excerpt."""

    rule = Rule.SENSITIVE

    def __init__(self, policy: AuditPolicy, archive: str) -> None:
        super().__init__(policy, archive)
        # A large archive has a hundred thousand findings, and the same value (a client's
        # phone number, a diagnosis) recurs: its findings share one hash string.
        self.value_hashes: dict[str, str] = {}

    def on_detected(self, seen: Seen) -> None:
        message = seen.message
        position = position_of(message)
        excerpts = MessageExcerpts(message.text, seen.detected, show_values=self.policy.show_values)
        for found in seen.detected:
            value_hash = found.pseudonym
            if value_hash is not None:
                value_hash = self.value_hashes.setdefault(value_hash, value_hash)
            self.findings.append(
                Finding(
                    rule=Rule.SENSITIVE,
                    code=_CODES[found.category],
                    severity=_SEVERITIES[found.severity],
                    archive=seen.archive,
                    chat=seen.chat,
                    message=_KIND_DESCRIPTIONS.get(found.kind or "")
                    or _DESCRIPTIONS[found.category],
                    category=found.category.value,
                    position=position,
                    timestamp=message.timestamp,
                    sender_role=seen.role,
                    excerpt=excerpts.around(found),
                    detector=found.detector,
                    value_hash=value_hash,
                )
            )
