"""The audit rules, listed explicitly in the order they run and report."""

from __future__ import annotations

from compliance.audit.rules.base import AuditRule, Seen
from compliance.audit.rules.consent import ConsentRule
from compliance.audit.rules.hours import HoursRule
from compliance.audit.rules.media import MediaRule
from compliance.audit.rules.parties import PartiesRule
from compliance.audit.rules.retention import RetentionRule
from compliance.audit.rules.sensitive import SensitiveDataRule

DEFAULT_RULES: tuple[type[AuditRule], ...] = (
    RetentionRule,
    SensitiveDataRule,
    MediaRule,
    PartiesRule,
    HoursRule,
    ConsentRule,
)

__all__ = [
    "DEFAULT_RULES",
    "AuditRule",
    "ConsentRule",
    "HoursRule",
    "MediaRule",
    "PartiesRule",
    "RetentionRule",
    "Seen",
    "SensitiveDataRule",
]
