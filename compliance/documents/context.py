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
from compliance.catalog import Messenger, MessengerStatus
from compliance.documents.messenger_client import (
    client_rows,
    flag,
    processing_agreement,
    transfer_basis_sentence,
    transfer_sentence,
)
from compliance.documents.model import swiss_spelling
from compliance.documents.template import LoadedTemplate
from compliance.profile import Country, PracticeProfile


def join_words(items: list[str], conjunction: str) -> str:
    """``["a", "b", "c"]`` -> ``"a, b und c"``."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def verb_for(names: list[str], template: LoadedTemplate, stem: str) -> str:
    """The verb agreeing with the number of messengers ("setzt" / "setzen")."""
    return template.word("words", f"{stem}_{'one' if len(names) == 1 else 'many'}")


def messenger_context(
    key: str, messenger: Messenger, profile: PracticeProfile, template: LoadedTemplate
) -> dict[str, Any]:
    """Everything the form says about one messenger, as client text and yes/no facts."""
    language = template.template.language
    facts = messenger.facts
    swiss = profile.jurisdiction.country is Country.CH
    third_country = flag(facts.third_country_transfer)
    agreement = processing_agreement(
        key, messenger, profile.messaging.processing_agreements, template
    )
    signed = agreement["messenger_agreement_signed"]
    agreement_key = f"{'signed' if signed else 'none'}_{'swiss' if swiss else 'gdpr'}"
    transfer_text = transfer_sentence(messenger, template)
    basis_text = transfer_basis_sentence(messenger, template)
    risky = third_country is True and not messenger.transfer_adequate
    return {
        "messenger_key": key,
        "messenger_name": messenger.name,
        "messenger_rows": client_rows(messenger, template),
        "messenger_has_transfer_text": bool(transfer_text),
        "messenger_transfer_text": transfer_text,
        "messenger_transfer_risky": risky,
        "messenger_transfer_unknown": third_country is None,
        "messenger_has_transfer_basis_text": bool(basis_text),
        "messenger_transfer_basis_text": basis_text,
        "messenger_swiss_abroad": not messenger.swiss_only,
        "messenger_provider_controller": not signed,
        "messenger_agreement_text": template.word("agreement", agreement_key).format(
            date=agreement["messenger_agreement_date"]
        ),
        **agreement,
        "messenger_e2e": flag(facts.e2e_one_to_one) is True,
        "messenger_phone_required": flag(facts.phone_number_required) is True,
        "messenger_discouraged": messenger.status is MessengerStatus.DISCOURAGED
        and messenger.discouraged_client is not None,
        "messenger_discouraged_text": messenger.discouraged_client.in_(language)
        if messenger.discouraged_client
        else "",
    }


def emergency_lines(
    profile: PracticeProfile, language: str, or_word: str, *, youth: bool
) -> list[str]:
    """The numbers a form prints; numbers of one service share a line ("A or B: service – hours").

    A dash, not brackets, sets off the hours: service names carry brackets of their own.
    """
    grouped: dict[tuple[str, str], list[str]] = {}
    for number in catalog.emergency_numbers()[profile.jurisdiction.country]:
        chosen = number.for_minors if youth else number.in_consent_form
        if not chosen:
            continue
        service = (number.service.in_(language), number.hours.in_(language))
        grouped.setdefault(service, []).append(number.number)
    return [
        f"{join_words(numbers, or_word)}: {service} – {hours}"
        for (service, hours), numbers in grouped.items()
    ]


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
    gdpr = country in (Country.DE, Country.AT)
    # A criminal-law secrecy duty is printed only with the law that imposes it; otherwise the
    # form promises contractual confidentiality (e.g. Heilpraktiker, see professions.yaml).
    criminal_secrecy = secrecy.applies and secrecy.law is not None

    messengers = [
        messenger_context(key, catalog.messengers()[key], profile, template)
        for key in profile.messaging.messengers
    ]

    def names(predicate: str) -> list[str]:
        return [m["messenger_name"] for m in messengers if m[predicate]]

    phone_names = names("messenger_phone_required")
    transfer_names = names("messenger_transfer_risky")
    abroad_names = names("messenger_swiss_abroad")
    agreement_names = names("messenger_agreement_signed")
    emergency = emergency_lines(profile, language, or_word, youth=False)
    authority_name = authority.name if language == "de" else authority.name_en
    # The period the record, notice and retention schedule name too (one retention catalogue).
    from compliance.records.periods import period_text, rule_period, source_text

    treatment_record = rule_period(profile, "treatment_record")
    contact = [practice.phone, practice.email] + ([practice.website] if practice.website else [])
    days = profile.availability.response_time_working_days
    health = profession.treatment_contract
    capacity_words = {Country.DE: "capacity", Country.AT: "capacity_at", Country.CH: "capacity_ch"}

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
        "gdpr": gdpr,
        "swiss": country is Country.CH,
        "germany": country is Country.DE,
        "austria": country is Country.AT,
        "secrecy": criminal_secrecy,
        "secrecy_de": criminal_secrecy and country is Country.DE,
        "secrecy_law": secrecy.law.in_(language) if secrecy.law else "",
        "treatment_contract": profession.treatment_contract,
        "treatment_record_de": profession.treatment_contract and country is Country.DE,
        "health_profession": health,
        # § 22 Abs. 1 Nr. 1 lit. b BDSG (and Art. 9 Abs. 3 GDPR) presuppose a statutory secrecy
        # duty; without one (Heilpraktiker) only the duty to document under § 630f BGB is named.
        "record_health_de": health and country is Country.DE and criminal_secrecy,
        "record_health_de_contract": health and country is Country.DE and not criminal_secrecy,
        "record_health_at": health and country is Country.AT,
        "record_contract_gdpr": gdpr and not health,
        "messengers": messengers,
        "messenger_names": join_words([m["messenger_name"] for m in messengers], and_word),
        "several_messengers": len(messengers) > 1,
        "any_transfer_risky": bool(transfer_names),
        "transfer_messenger_names": join_words(transfer_names, and_word),
        "transfer_verb": verb_for(transfer_names, template, "processes"),
        "any_swiss_abroad": bool(abroad_names),
        "abroad_messenger_names": join_words(abroad_names, and_word),
        "abroad_verb": verb_for(abroad_names, template, "processes_ch"),
        "any_agreement_signed": bool(agreement_names),
        "agreement_messenger_names": join_words(agreement_names, and_word),
        "any_phone_required": bool(phone_names),
        "phone_messenger_names": join_words(phone_names, and_word),
        "phone_verb": verb_for(phone_names, template, "requires"),
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
        "response_days": str(days),
        "response_days_text": template.word(
            "words", "working_days_one" if days == 1 else "working_days_many"
        ).format(n=days),
        "emergency_numbers": emergency,
        "emergency_first": catalog.emergency_numbers()[country][0].number,
        "youth_numbers": emergency_lines(profile, language, or_word, youth=True),
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
        "capacity_checks": [
            (key, template.word(capacity_words[country], key)) for key in ("capable", "not_capable")
        ],
        "guardian_caption": template.word("guardian", country.value),
    }


# What the practice and the client wrote themselves keeps its spelling on Swiss forms.
_OWN_WORDS = frozenset(
    {
        "practitioner_name",
        "practice_name",
        "practice_address",
        "practice_phone",
        "practice_email",
        "practice_contact",
        "chamber",
        "dpo_name",
        "dpo_contact",
        "client_name",
    }
)


def swiss_context(context: dict[str, Any]) -> dict[str, Any]:
    """``context`` in Swiss spelling (no "ß"), except the names and addresses given to us."""

    def convert(value: Any) -> Any:
        if isinstance(value, str):
            return swiss_spelling(value)
        if isinstance(value, list):
            return [convert(item) for item in value]
        if isinstance(value, tuple):
            return tuple(convert(item) for item in value)
        if isinstance(value, dict):
            return {key: convert(item) for key, item in value.items()}
        return value

    return {key: value if key in _OWN_WORDS else convert(value) for key, value in context.items()}


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
