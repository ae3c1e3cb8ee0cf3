"""Third parties: group chats, more than two participants, other people's phone numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compliance.audit.policy import AuditPolicy, name_key
from compliance.audit.report import Finding, Position, Rule, SenderRole, Severity
from compliance.audit.rules.base import AuditRule, Seen, position_of

_PHONE_NAME = re.compile(
    r"^[\s\u200e\u200f\u202a-\u202e]*\+?[\d\s\u00a0\u2011()./-]{6,}[\s\u202c]*$"
)


@dataclass(slots=True)
class _Parties:
    raw: set[str] = field(default_factory=set)  # sender names as written, seen already
    senders: dict[str, SenderRole] = field(default_factory=dict)
    phone_senders: set[str] = field(default_factory=set)
    first_third_party: Position | None = None


class PartiesRule(AuditRule):
    """A practice that writes to groups reveals its clients to each other."""

    rule = Rule.PARTIES

    def __init__(self, policy: AuditPolicy, archive: str) -> None:
        super().__init__(policy, archive)
        self.chats: dict[str | None, _Parties] = {}

    def on_new_sender(self, seen: Seen) -> None:
        sender = seen.message.sender
        if sender is None:
            return
        state = self.chats.get(seen.chat)
        if state is None:
            state = self.chats[seen.chat] = _Parties()
        if sender in state.raw:
            return
        state.raw.add(sender)
        key = name_key(sender)
        if key in state.senders:
            return
        state.senders[key] = seen.role
        if _PHONE_NAME.match(sender):
            state.phone_senders.add(key)
        if seen.role is SenderRole.THIRD_PARTY and state.first_third_party is None:
            state.first_third_party = position_of(seen.message)

    def finish(self) -> list[Finding]:
        t = self.texts
        findings = []
        for chat, state in self.chats.items():
            people = len(state.senders)
            if people > 2:
                findings.append(
                    Finding(
                        rule=Rule.PARTIES,
                        code="parties.group_chat",
                        severity=Severity.HIGH,
                        archive=self.archive,
                        chat=chat,
                        message=t(
                            "finding.parties.group_chat",
                            participants=t.count("participant", people),
                        ),
                        position=state.first_third_party,
                    )
                )
                if state.phone_senders:
                    findings.append(
                        Finding(
                            rule=Rule.PARTIES,
                            code="parties.phone_numbers_visible",
                            severity=Severity.HIGH,
                            archive=self.archive,
                            chat=chat,
                            message=t(
                                "finding.parties.phone_numbers_visible",
                                participants=t.count("participant", len(state.phone_senders)),
                            ),
                            count=len(state.phone_senders),
                        )
                    )
            third = sum(1 for role in state.senders.values() if role is SenderRole.THIRD_PARTY)
            if third and people <= 2:
                findings.append(
                    Finding(
                        rule=Rule.PARTIES,
                        code="parties.third_party",
                        severity=Severity.MEDIUM,
                        archive=self.archive,
                        chat=chat,
                        message=t(
                            "finding.parties.third_party",
                            participants=t.count("participant", third),
                        ),
                        position=state.first_third_party,
                        count=third,
                    )
                )
        return findings
