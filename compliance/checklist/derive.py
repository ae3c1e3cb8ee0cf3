"""Answers the practice profile already gives: each a small named rule, listed explicitly.

A checklist item names its rule in ``derive``: a name from ``DERIVATIONS``, or
``fact:NAME=true|false`` for a catalogue fact that must hold for every messenger in
the profile. A rule returns ``None`` when the profile cannot tell; the question is
then asked.
"""

from __future__ import annotations

from collections.abc import Callable

from compliance import catalog
from compliance.catalog import MessengerStatus
from compliance.messenger_use import GroupChats
from compliance.messengers.compare import fact_yes_no
from compliance.messengers.rules import assessment
from compliance.profile import PracticeProfile

Derivation = Callable[[PracticeProfile], bool | None]


def _messengers(profile: PracticeProfile) -> list[catalog.Messenger]:
    return [catalog.messengers()[key] for key in profile.messaging.messengers]


DERIVATIONS: dict[str, Derivation] = {
    "messenger_chosen": lambda p: bool(p.messaging.messengers),
    "messenger_not_discouraged": lambda p: all(
        m.status is not MessengerStatus.DISCOURAGED for m in _messengers(p)
    ),
    "alternatives_offered": lambda p: bool(p.messaging.alternatives),
    "work_device": lambda p: True,  # the profile names a work phone or a work profile
    "device_off_outside_hours": lambda p: p.messenger_use.device_off_outside_hours,
    "no_group_chats": lambda p: p.messenger_use.group_chats is GroupChats.NEVER,
    "read_receipts_off": lambda p: not p.messaging.read_receipts,
}


def _fact_rule(spec: str) -> Derivation:
    name, _, wanted_text = spec.removeprefix("fact:").partition("=")
    wanted = wanted_text.strip().lower() == "true"

    def rule(profile: PracticeProfile) -> bool | None:
        answers = []
        for key in profile.messaging.messengers:
            messenger = catalog.messengers()[key]
            fact = (
                getattr(messenger.facts, name)
                if name in catalog.MessengerFacts.model_fields
                else assessment().get(key, {}).get(name)
            )
            answer = fact_yes_no(name, fact) if fact is not None else None
            if answer is None:
                return None
            answers.append(answer is wanted)
        return all(answers)

    return rule


def derivation(spec: str) -> Derivation:
    """The rule an item's ``derive`` names."""
    if spec.startswith("fact:"):
        return _fact_rule(spec)
    return DERIVATIONS[spec]
