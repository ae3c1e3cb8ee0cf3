"""Hours: the practitioner's own messages outside the agreed hours, and response times.

This is information for the practitioner's own boundaries (severity ``info``); it
never fails an audit. Findings are counted per chat and kind (outside the hours,
on a public holiday, during a vacation), pointing at the first such message, so
that a long chat does not drown the report in single lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding, Position, Rule, SenderRole, Severity
from compliance.audit.rules.base import AuditRule, Seen, position_of


@dataclass(slots=True)
class _Tally:
    count: int
    first: datetime
    last: datetime
    position: Position


class HoursRule(AuditRule):
    rule = Rule.HOURS

    def __init__(self, policy: AuditPolicy, archive: str) -> None:
        super().__init__(policy, archive)
        self.waiting_since: dict[str | None, datetime] = {}
        self.waits_hours: list[float] = []
        self.late: int = 0
        self.day_codes: dict[date, str | None] = {}
        self.tallies: dict[tuple[str | None, str], _Tally] = {}

    def _day_code(self, day: date) -> str | None:
        """Why no message should be written on ``day`` at all, or None for an ordinary day."""
        policy = self.policy
        if policy.on_vacation(day):
            return "hours.vacation"
        availability = policy.availability
        if availability is not None and availability.public_holidays_off and policy.is_holiday(day):
            return "hours.holiday"
        return None

    @property
    def enabled(self) -> bool:
        return self.policy.availability is not None

    def on_authored(self, seen: Seen) -> None:
        policy = self.policy
        availability = policy.availability
        if availability is None:
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
            asked = waiting.astimezone(policy.zone).date()
            if (
                policy.working_days_between(asked, local.date())
                > availability.response_time_working_days
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
        tally = self.tallies.get((seen.chat, code))
        if tally is None:
            self.tallies[(seen.chat, code)] = _Tally(1, local, local, position_of(message))
        else:
            tally.count += 1
            tally.last = local

    def finish(self) -> list[Finding]:
        t = self.texts
        findings = []
        for (chat, code), tally in self.tallies.items():
            first, last = t.date(tally.first), t.date(tally.last)
            span = first if first == last else t("finding.span_to", first=first, last=last)
            findings.append(
                Finding(
                    rule=Rule.HOURS,
                    code=code,
                    severity=Severity.INFO,
                    archive=self.archive,
                    chat=chat,
                    message=t(
                        f"finding.{code}", messages=t.count("message", tally.count), span=span
                    ),
                    position=tally.position,
                    timestamp=tally.first,
                    sender_role=SenderRole.PRACTITIONER,
                    count=tally.count,
                )
            )
        return findings
