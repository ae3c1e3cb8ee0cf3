"""Hours: the practitioner's own messages outside the agreed hours, and response times.

This is information for the practitioner's own boundaries (severity ``info``); it
never fails an audit.
"""

from __future__ import annotations

from datetime import date, datetime

from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding, Rule, SenderRole, Severity
from compliance.audit.rules.base import AuditRule, Seen, position_of

_REASONS = {
    "hours.vacation": "written during a vacation",
    "hours.holiday": "written on a public holiday",
    "hours.outside_hours": "written outside the agreed hours",
}


class HoursRule(AuditRule):
    rule = Rule.HOURS

    def __init__(self, policy: AuditPolicy, archive: str) -> None:
        super().__init__(policy, archive)
        self.waiting_since: dict[str | None, datetime] = {}
        self.waits_hours: list[float] = []
        self.late: int = 0
        self.day_codes: dict[date, str | None] = {}

    def _day_code(self, day: date) -> str | None:
        """Why no message should be written on ``day`` at all, or None for an ordinary day."""
        policy = self.policy
        if policy.on_vacation(day):
            return "hours.vacation"
        availability = policy.availability
        if availability is not None and availability.public_holidays_off and policy.is_holiday(day):
            return "hours.holiday"
        return None

    def observe(self, seen: Seen) -> None:
        policy = self.policy
        if policy.availability is None:
            return
        message = seen.message
        if seen.role is SenderRole.CLIENT:
            self.waiting_since.setdefault(seen.chat, message.timestamp)
            return
        if seen.role is not SenderRole.PRACTITIONER:
            return
        local = message.timestamp
        if local.tzinfo is not policy.zone:
            local = local.astimezone(policy.zone)
        waiting = self.waiting_since.pop(seen.chat, None)
        if waiting is not None:
            self.waits_hours.append((message.timestamp - waiting).total_seconds() / 3600)
            promised = policy.availability.response_time_working_days
            if (
                policy.working_days_between(waiting.astimezone(policy.zone).date(), local.date())
                > promised
            ):
                self.late += 1
        day = local.date()
        code = self.day_codes.get(day, "")
        if code == "":
            code = self.day_codes[day] = self._day_code(day)
        if code is None:
            if policy.within_hours(local):
                return
            code = "hours.outside_hours"
        self.findings.append(
            Finding(
                rule=Rule.HOURS,
                code=code,
                severity=Severity.INFO,
                archive=seen.archive,
                chat=seen.chat,
                message=f"your message was {_REASONS[code]} ({local:%a %Y-%m-%d %H:%M})",
                position=position_of(message),
                timestamp=message.timestamp,
                sender_role=seen.role,
            )
        )
