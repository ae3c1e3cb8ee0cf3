"""Sensitive data in messages: one finding per message and category, crisis language first."""

from __future__ import annotations

from compliance.audit.excerpt import MessageExcerpts
from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding, Position, Rule, SenderRole, Severity
from compliance.audit.rules.base import AuditRule, Seen, position_of
from compliance.detectors import CATALOGUE, CRISIS_KINDS, Category
from compliance.detectors import Finding as DetectorFinding
from compliance.detectors import Severity as DetectorSeverity
from compliance.detectors.contact import SERVICE_NUMBER
from compliance.reports.texts import ReportTexts

_LAWS = {"art9": "special_categories", "art10": "criminal_data"}
#: The crisis kind of the crisis weights (``compliance.detectors.crisis_weights``): a
#: message that reads as a crisis as a whole, without a crisis named in words.
_WEIGHTS_ONLY = "unspecified"


def _describe(texts: ReportTexts, category: Category) -> str:
    # The category's name, not its description: descriptions name symptoms and drugs, and
    # a report must not look like it contains what it only classifies.
    info = CATALOGUE.get(category)
    name = texts.get(f"category.{category.value}", category.value.replace("_", " ").lower())
    basis = info.legal_basis.value.replace(".", "").replace(" ", "").lower() if info else ""
    law = next((law for key, law in _LAWS.items() if basis.startswith(key)), None)
    if info is not None and info.legal_basis.value != "identifier" and law is not None:
        return texts("finding.sensitive.special", category=name, law=texts.law(law))
    return texts("finding.sensitive.identifier", category=name)


# One string per category and language, shared by every finding: an archive has many findings.
_CODES = {category: f"sensitive.{category.value}" for category in Category}
_SEVERITIES = {severity: Severity(severity.value) for severity in DetectorSeverity}


class SensitiveDataRule(AuditRule):
    """One finding per message and category, with the category's severity and a masked excerpt.

    Three health words in one message are one finding (``count`` 3), not three.
    """

    rule = Rule.SENSITIVE

    def __init__(self, policy: AuditPolicy, archive: str) -> None:
        super().__init__(policy, archive)
        # A large archive has a hundred thousand findings, and the same value (a client's
        # phone number, a diagnosis) recurs: its findings share one hash string.
        self.value_hashes: dict[str, str] = {}
        texts = self.texts
        self.descriptions = {category: _describe(texts, category) for category in Category}
        # A crisis finding says what kind of crisis it is and what to do, in the report's
        # language (the kinds' texts name the action, never the content).
        crisis = self.descriptions[Category.CRISIS]
        self.kind_descriptions = {
            kind: f"{crisis}: {info.label(texts.language)}. {info.explanation(texts.language)}"
            for kind, info in CRISIS_KINDS.items()
        }

    def on_detected(self, seen: Seen) -> None:
        message = seen.message
        position = position_of(message)
        # every finding is masked in the excerpts, also one that makes no finding here
        excerpts = MessageExcerpts(message.text, seen.detected, show_values=self.policy.show_values)
        detected = seen.detected
        if any(found.kind == SERVICE_NUMBER for found in detected):
            # a helpline's number is no one's personal data
            detected = [found for found in detected if found.kind != SERVICE_NUMBER]
            if not detected:
                return
        if seen.role is SenderRole.PRACTITIONER:
            # The crisis weights judge a message as a whole, and a practitioner's answer
            # to a crisis ("Haben Sie Gedanken, sich etwas anzutun?") reads like one: in
            # the practitioner's own messages only a crisis named in words is a finding.
            detected = [found for found in detected if found.kind != _WEIGHTS_ONLY]
            if not detected:
                return
        if len(detected) == 1:
            self._add(seen, position, detected[0], 1, excerpts)
            return
        # One finding per category; it shows the most severe hit (a crisis kind about a
        # child before one about the writer, say) and counts the others.
        shown: dict[Category, DetectorFinding] = {}
        counts: dict[Category, int] = {}
        for found in detected:
            kept = shown.get(found.category)
            if kept is None:
                shown[found.category] = found
                counts[found.category] = 1
                continue
            counts[found.category] += 1
            if _SEVERITIES[found.severity].rank > _SEVERITIES[kept.severity].rank:
                shown[found.category] = found
        for category, found in shown.items():
            self._add(seen, position, found, counts[category], excerpts)

    def _add(
        self,
        seen: Seen,
        position: Position,
        found: DetectorFinding,
        count: int,
        excerpts: MessageExcerpts,
    ) -> None:
        message = seen.message
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
                message=self.kind_descriptions.get(found.kind or "")
                or self.descriptions[found.category],
                category=found.category.value,
                position=position,
                timestamp=message.timestamp,
                sender_role=seen.role,
                excerpt=excerpts.around(found),
                detector=found.detector,
                value_hash=value_hash,
                count=count,
            )
        )
