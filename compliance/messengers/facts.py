"""What a catalogue fact means: yes, no, or not known, and how sure the catalogue is.

Most facts are yes/no values; a few are texts whose first word decides (the
address-book upload is "full: …" or "optional, hashed"). Those words are data in
``checklists/messenger_scoring.yaml`` (``text_values``), read by every user of a fact:
the agreement's risk list and the comparison's scores never read a fact differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compliance.catalog import Confidence, Fact, LocalizedText, Messenger

# EU and EEA states and Switzerland: the seats for which no third-country rules apply (the EU
# and Switzerland recognise each other's level of protection).
HOME_JURISDICTIONS = frozenset(
    {
        *("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU"),
        *("IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"),
        *("IS", "LI", "NO", "CH"),
    }
)


def text_values() -> dict[str, dict[str, bool]]:
    """For text facts: the first word of the English value -> the yes/no it means."""
    from compliance.messengers.rules import scoring_rules

    return scoring_rules().text_values


def flag(name: str, fact: Fact) -> bool | None:
    """The fact as yes/no; ``None`` when the catalogue does not know or cannot say."""
    if fact.confidence is Confidence.UNKNOWN:
        return None
    value = fact.value
    if isinstance(value, bool) or value is None:
        return value
    text = value.en if isinstance(value, LocalizedText) else value
    words = re.findall(r"[a-z]+", text.lower())
    mapping = text_values().get(name, {})
    return mapping.get(words[0]) if words else None


def is_known(fact: Fact) -> bool:
    return fact.confidence is not Confidence.UNKNOWN


@dataclass(frozen=True)
class Risk:
    """One risk a messenger's facts imply; ``certain`` only when the fact is confirmed."""

    key: str
    certain: bool
    country: str | None = None  # the provider's seat, for "provider_abroad"


def _risk(key: str, fact: Fact, country: str | None = None) -> Risk:
    return Risk(key, fact.confidence is Confidence.CONFIRMED, country)


def messenger_risks(
    messenger: Messenger, *, group_chats: bool, agreement_signed: bool = False
) -> list[Risk]:
    """The messenger-specific risks, in the order the agreement lists them.

    ``agreement_signed``: the practice has signed a processing agreement with the provider
    (the profile's ``messaging.processing_agreements``), so "no agreement" is no risk.
    """
    facts = messenger.facts
    risks: list[Risk] = []

    def when(key: str, name: str, risky: bool, fact: Fact) -> None:
        value = flag(name, fact)
        if value is None and not is_known(fact):
            risks.append(Risk(key, False))
        elif value is risky:
            risks.append(_risk(key, fact))

    when("no_e2e", "e2e_one_to_one", False, facts.e2e_one_to_one)
    if group_chats:
        when("no_e2e_groups", "e2e_groups", False, facts.e2e_groups)
    when("phone_number", "phone_number_required", True, facts.phone_number_required)
    seat = facts.jurisdiction
    if isinstance(seat.value, str) and seat.value not in HOME_JURISDICTIONS:
        risks.append(_risk("provider_abroad", seat, seat.value))
    elif seat.value is None and not is_known(seat):
        risks.append(Risk("provider_abroad", False))
    if not messenger.transfer_adequate:  # e.g. Threema: Switzerland has an adequacy decision
        when("third_country", "third_country_transfer", True, facts.third_country_transfer)
    upload = flag("address_book_upload", facts.address_book_upload)
    if upload is True:
        risks.append(_risk("address_book", facts.address_book_upload))
    elif upload is False:
        risks.append(_risk("address_book_optional", facts.address_book_upload))
    elif not is_known(facts.address_book_upload):
        risks.append(Risk("address_book", False))
    if not agreement_signed:
        when("no_art28", "art28_agreement", False, facts.art28_agreement)
    when("no_auto_delete", "disappearing_messages", False, facts.disappearing_messages)
    return risks
