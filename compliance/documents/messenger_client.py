"""A messenger's catalogue facts as a client reads them: plain sentences, never research notes.

A fact's ``client`` sentence (written for clients) wins; otherwise the sentence is
derived from the fact's *value* with the template's words. A fact whose value is
unknown becomes what that means for the client (``unknown_meaning``), and a fact
that is not ``confirmed`` is never stated as certain. Sources, ``checked_on``
dates and notes stay in the catalogue (and the practitioner's annex).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from compliance.catalog import Confidence, Fact, LocalizedText, Messenger
from compliance.documents.template import LoadedTemplate

# The rows of the client table, in order.
CLIENT_ROWS = (
    "provider",
    "server_location",
    "encryption",
    "phone_number_required",
    "address_book_upload",
    "disappearing_messages",
    "read_receipts_can_be_disabled",
)


def _known(fact: Fact | None) -> bool:
    return fact is not None and fact.confidence is not Confidence.UNKNOWN


def _hedged(text: str, fact: Fact, template: LoadedTemplate) -> str:
    """``text``, marked as not fully checked where the fact is unverified.

    A confirmed fact is stated plainly; the client sentence of an unknown fact already says
    what not knowing means for the client, so it needs no mark either.
    """
    if fact.confidence is not Confidence.UNVERIFIED:
        return text
    return f"{text} {template.word('facts', 'unverified_mark')}"


def _value_text(fact: Fact, template: LoadedTemplate) -> str | None:
    value = fact.value
    if isinstance(value, LocalizedText):
        return value.in_(template.template.language)
    if isinstance(value, str):
        return value
    return None


def client_fact(name: str, fact: Fact, messenger: Messenger, template: LoadedTemplate) -> str:
    """One fact as a client-facing sentence."""
    language = template.template.language
    names = {"messenger_name": messenger.name}
    if fact.client is not None:
        return _hedged(fact.client.in_(language), fact, template)
    if not _known(fact) or (fact.value is None and name != "provider"):
        return template.word("unknown_meaning", name).format(**names)
    if isinstance(fact.value, bool):
        return _hedged(
            template.word(f"fact_{'yes' if fact.value else 'no'}", name).format(**names),
            fact,
            template,
        )
    text = _value_text(fact, template)
    if text is None:
        return template.word("unknown_meaning", name).format(**names)
    return _hedged(text, fact, template)


def _provider(messenger: Messenger, template: LoadedTemplate) -> str:
    facts = messenger.facts
    provider = facts.provider
    if provider.client is not None or not _known(provider) or provider.value is None:
        return client_fact("provider", provider, messenger, template)
    text = _value_text(provider, template) or ""
    seat = _value_text(facts.seat, template) if _known(facts.seat) else None
    if seat:
        text = template.word("facts", "provider_with_seat").format(provider=text, seat=seat)
    confirmed = Confidence.CONFIRMED
    both_sure = provider.confidence is confirmed and (
        seat is None or facts.seat.confidence is confirmed
    )
    return text if both_sure else f"{text} {template.word('facts', 'unverified_mark')}"


def _encryption(messenger: Messenger, template: LoadedTemplate) -> str:
    one, groups = messenger.facts.e2e_one_to_one, messenger.facts.e2e_groups
    if one.client is not None:
        return client_fact("e2e_one_to_one", one, messenger, template)
    if not _known(one) or not isinstance(one.value, bool):
        return template.word("unknown_meaning", "encryption")
    if not one.value:
        key = "none"
    elif _known(groups) and groups.value is False:
        key = "one_to_one_only"
    else:
        key = "all"
    sure = one.confidence is Confidence.CONFIRMED and (
        key != "all" or groups.confidence is Confidence.CONFIRMED
    )
    text = template.word("encryption", key)
    return text if sure else f"{text} {template.word('facts', 'unverified_mark')}"


def client_rows(messenger: Messenger, template: LoadedTemplate) -> list[tuple[str, str]]:
    """The client table of one messenger: ``(label, sentence)`` pairs."""
    rows: list[tuple[str, str]] = []
    for name in CLIENT_ROWS:
        if name == "provider":
            text = _provider(messenger, template)
        elif name == "encryption":
            text = _encryption(messenger, template)
        else:
            text = client_fact(name, getattr(messenger.facts, name), messenger, template)
        rows.append((template.word("fact_labels", name), text))
    return rows


def transfer_sentence(messenger: Messenger, template: LoadedTemplate) -> str:
    """Where data go outside the EU/EEA, for a client (empty when nothing is known to go there)."""
    fact = messenger.facts.third_country_transfer
    if fact.client is not None:
        return client_fact("third_country_transfer", fact, messenger, template)
    return ""


def transfer_basis_sentence(messenger: Messenger, template: LoadedTemplate) -> str:
    """What a transfer rests on, only where a client sentence was written for it."""
    fact = messenger.facts.transfer_basis
    if fact.client is None:
        return ""
    return client_fact("transfer_basis", fact, messenger, template)


def flag(fact: Fact | None) -> bool | None:
    """A fact's yes/no value, or None when it is unknown or not a yes/no fact."""
    if fact is None or not _known(fact):
        return None
    return fact.value if isinstance(fact.value, bool) else None


def processing_agreement(
    key: str, messenger: Messenger, signed: dict[str, date], template: LoadedTemplate
) -> dict[str, Any]:
    """Whether the practice has *signed* a processing agreement with the provider, and when."""
    when = signed.get(key)
    offered = flag(messenger.facts.art28_agreement) is True
    return {
        "messenger_agreement_signed": when is not None,
        "messenger_agreement_date": template.date(when) if when else "",
        "messenger_agreement_offered_not_signed": offered and when is None,
    }
