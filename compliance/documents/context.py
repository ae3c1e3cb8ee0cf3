"""Facts about the practice, phrased for documents: the context templates are filled from.

Every document starts from :func:`practice_context`; a builder adds what only it
needs. Values are plain strings for ``{placeholders}``, booleans for ``when``
conditions and lists for generated blocks.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from compliance import catalog
from compliance.catalog import Confidence, Fact, LocalizedText, Messenger
from compliance.documents.template import LoadedTemplate
from compliance.profile import Country, PracticeProfile


def join_words(items: list[str], conjunction: str) -> str:
    """``["a", "b", "c"]`` -> ``"a, b und c"``."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def fact_text(fact: Fact, template: LoadedTemplate) -> str:
    """A fact's value in the template's language, marked where it is not confirmed."""
    language = template.template.language
    value = fact.value
    if value is None or fact.confidence is Confidence.UNKNOWN:
        return template.word("facts", "unknown")
    if isinstance(value, bool):
        text = template.word("facts", "yes" if value else "no")
    elif isinstance(value, LocalizedText):
        text = value.in_(language)
    else:
        text = value
    if fact.note is not None:
        text = f"{text} ({fact.note.in_(language)})"
    if fact.confidence is Confidence.UNVERIFIED:
        text = f"{text} {template.word('facts', 'unverified_mark')}"
    return text


def _flag(fact: Fact) -> bool | None:
    return fact.value if isinstance(fact.value, bool) else None


MESSENGER_FACT_ROWS = (
    "provider",
    "seat",
    "jurisdiction",
    "server_location",
    "e2e_one_to_one",
    "e2e_groups",
    "phone_number_required",
    "address_book_upload",
    "art28_agreement",
    "third_country_transfer",
    "transfer_basis",
    "disappearing_messages",
    "read_receipts_can_be_disabled",
)


def messenger_context(key: str, messenger: Messenger, template: LoadedTemplate) -> dict[str, Any]:
    facts = messenger.facts
    rows = [
        (template.word("fact_labels", name), fact_text(getattr(facts, name), template))
        for name in MESSENGER_FACT_ROWS
    ]
    third_country = _flag(facts.third_country_transfer)
    return {
        "messenger_key": key,
        "messenger_name": messenger.name,
        "messenger_provider": fact_text(facts.provider, template),
        "messenger_facts": rows,
        "messenger_third_country": third_country is True,
        "messenger_third_country_unknown": third_country is None,
        "messenger_transfer_basis": fact_text(facts.transfer_basis, template),
        "messenger_has_art28": _flag(facts.art28_agreement) is True,
        "messenger_e2e": _flag(facts.e2e_one_to_one) is True,
        "messenger_phone_required": _flag(facts.phone_number_required) is True,
        "messenger_discouraged": messenger.status.value == "discouraged",
    }


def practice_context(profile: PracticeProfile, template: LoadedTemplate) -> dict[str, Any]:
    """Everything about the practice a document may mention."""
    language = template.template.language
    and_word = template.word("words", "and")
    or_word = template.word("words", "or")
    practitioner = profile.practitioner
    practice = profile.practice
    profession = catalog.professions()[practitioner.profession]
    authority = catalog.competent_authority(profile)
    secrecy = catalog.secrecy_duty(profile)
    dpo = profile.data_protection_officer
    country = profile.jurisdiction.country

    messengers = [
        messenger_context(key, catalog.messengers()[key], template)
        for key in profile.messaging.messengers
    ]
    emergency = [
        f"{number.number}: {number.service.in_(language)} ({number.hours.in_(language)})"
        for number in catalog.emergency_numbers()[country]
        if number.in_consent_form
    ]
    authority_name = authority.name if language == "de" else authority.name_en
    # The period the record, notice and retention schedule name too (one retention catalogue).
    from compliance.records.periods import period_text, rule_period, source_text

    treatment_record = rule_period(profile, "treatment_record")
    contact = [practice.phone, practice.email] + ([practice.website] if practice.website else [])

    return {
        "practitioner_name": " ".join(p for p in (practitioner.title, practitioner.name) if p),
        "profession": catalog.profession_label(profile, language),
        "chamber": practitioner.chamber or "",
        "has_chamber": practitioner.chamber is not None,
        "practice_name": practice.name,
        "practice_address": f"{practice.street}, {practice.postal_code} {practice.city}",
        "practice_phone": practice.phone,
        "practice_email": practice.email,
        "practice_contact": ", ".join(contact),
        "has_dpo": dpo is not None,
        "dpo_name": dpo.name if dpo else "",
        "dpo_contact": ", ".join(x for x in (dpo.email, dpo.phone, dpo.address) if x)
        if dpo
        else "",
        "authority_name": authority_name,
        "authority_address": f"{authority.street}, {authority.postal_code} {authority.city}",
        "authority_website": authority.website,
        "country_label": template.word("countries", country.value),
        "gdpr": country in (Country.DE, Country.AT),
        "swiss": country is Country.CH,
        "germany": country is Country.DE,
        "secrecy": secrecy.applies,
        "secrecy_law": secrecy.law.in_(language) if secrecy.law else "",
        "treatment_contract": profession.treatment_contract,
        "treatment_record_de": profession.treatment_contract and country is Country.DE,
        "messengers": messengers,
        "messenger_names": join_words([m["messenger_name"] for m in messengers], and_word),
        "several_messengers": len(messengers) > 1,
        "any_third_country": any(m["messenger_third_country"] for m in messengers),
        "any_third_country_unknown": any(m["messenger_third_country_unknown"] for m in messengers),
        "any_without_art28": any(not m["messenger_has_art28"] for m in messengers),
        "any_phone_required": any(m["messenger_phone_required"] for m in messengers),
        "any_without_e2e": any(not m["messenger_e2e"] for m in messengers),
        "allowed_content": [
            (item.value, template.word("allowed_content", item.value))
            for item in profile.messaging.allowed_content
        ],
        "excluded_content": [
            template.word("excluded_content", item.value)
            for item in profile.messaging.excluded_content
        ],
        "has_excluded_content": bool(profile.messaging.excluded_content),
        "alternatives": join_words(
            [template.word("alternatives", item.value) for item in profile.messaging.alternatives],
            or_word,
        ),
        "retention_days": str(profile.messaging.retention_days),
        "read_receipts_off": not profile.messaging.read_receipts,
        "response_days": str(profile.availability.response_time_working_days),
        "emergency_numbers": emergency,
        "treatment_record_period": period_text(treatment_record, language),
        "treatment_record_source": source_text(treatment_record, language),
        "record_name": template.word(
            "records", "treatment" if profession.treatment_contract else "other"
        ),
        "health_consent": [
            (
                "health_data",
                template.word("health_consent", "gdpr" if country is not Country.CH else "swiss"),
            )
        ],
    }


def document_id(prefix: str, *parts: Any) -> str:
    """A stable id for the same inputs: ``PREFIX-XXXX-XXXX-XXXX``."""
    digest = (
        hashlib.sha256(
            json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
        )
        .hexdigest()[:12]
        .upper()
    )
    return f"{prefix}-{digest[0:4]}-{digest[4:8]}-{digest[8:12]}"
