"""Warnings for the practitioner (standard error, never the client's document)."""

from __future__ import annotations

from compliance import catalog
from compliance.catalog import MessengerStatus
from compliance.profile import PracticeProfile


def discouraged_messenger_warnings(profile: PracticeProfile, language: str = "en") -> list[str]:
    """One warning per discouraged messenger: the reason and what chambers have said, sourced."""
    warnings: list[str] = []
    positions = catalog.chambers()
    for key in profile.messaging.messengers:
        messenger = catalog.messengers()[key]
        if messenger.status is not MessengerStatus.DISCOURAGED:
            continue
        reason = messenger.discouraged_reason.in_(language) if messenger.discouraged_reason else ""
        lines = [f"warning: {messenger.name} is discouraged for client communication. {reason}"]
        for position in positions.values():
            if position.messengers and key not in position.messengers:
                continue
            if position.country is not profile.jurisdiction.country and position.messengers == []:
                continue
            unverified = "" if position.confidence.value == "confirmed" else ", unverified"
            checked = position.checked_on.isoformat()
            lines.append(
                f"  {position.name}: {position.position.in_(language)} "
                f"(source: {position.source}; checked {checked}{unverified})"
            )
        lines.append(
            "  The form states the risks to the client; consider offering a messenger with a "
            "processing agreement (e.g. threema_work, wire)."
        )
        warnings.append("\n".join(lines))
    return warnings
