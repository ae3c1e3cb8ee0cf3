"""Loads the data the documents are made of: templates/ and checklists/.

Legal texts and researched facts live as YAML data beside the code, not in
Python strings, so that a lawyer or DPO can review them and every fact carries
its source, the date it was checked and how sure we are of it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# Re-exported: they live in compliance.datadir, which `compliance scan` imports without pydantic.
from compliance.datadir import CatalogError as CatalogError
from compliance.datadir import data_root as data_root
from compliance.profile import Country, Language, PracticeProfile, Profession
from compliance.yamlio import load_yaml, validate


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalizedText(Data):
    de: str
    en: str

    def in_(self, language: Language | str) -> str:
        return self.de if str(language) == "de" else self.en


class Confidence(StrEnum):
    CONFIRMED = "confirmed"
    UNVERIFIED = "unverified"
    UNKNOWN = "unknown"


FactValue = bool | LocalizedText | str | None


class Fact(Data):
    """One researched fact with its provenance."""

    value: FactValue
    source: str = ""
    checked_on: date
    confidence: Confidence
    note: LocalizedText | None = None  # a research note: never printed to clients
    client: LocalizedText | None = None  # the sentence a client reads, written for clients


class MessengerStatus(StrEnum):
    ACTIVE = "active"
    DISCOURAGED = "discouraged"
    LEGACY = "legacy"


class MessengerFacts(Data):
    provider: Fact
    seat: Fact
    jurisdiction: Fact
    e2e_one_to_one: Fact
    e2e_groups: Fact
    phone_number_required: Fact
    art28_agreement: Fact
    third_country_transfer: Fact
    transfer_basis: Fact
    server_location: Fact
    disappearing_messages: Fact
    read_receipts_can_be_disabled: Fact
    address_book_upload: Fact
    export_support: Fact
    export_format: Fact
    cost: Fact
    open_source: Fact


class Messenger(Data):
    name: str
    status: MessengerStatus
    facts: MessengerFacts
    # Why the catalogue discourages it: for the practitioner's warning, never the client.
    discouraged_reason: LocalizedText | None = None
    # The same risk, stated neutrally for the client (printed on forms for this messenger).
    discouraged_client: LocalizedText | None = None
    # Every place outside the EU/EEA its data go has an EU adequacy decision (e.g. Switzerland).
    transfer_adequate: bool = False
    # Its data stay in Switzerland (no disclosure abroad on Swiss forms).
    swiss_only: bool = False


class MessengerCatalog(Data):
    version: int
    checked_on: date
    messengers: dict[str, Messenger]


class AuthorityConfidence(StrEnum):
    OFFICIAL = "official"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"


class Authority(Data):
    name: str
    name_en: str
    short_name: str
    street: str
    postal_code: str
    city: str
    country: Country
    website: str
    source: str
    checked_on: date
    confidence: AuthorityConfidence
    note: LocalizedText | None = None


class AuthorityCatalog(Data):
    version: int
    checked_on: date
    authorities: dict[str, Authority]


class NumberKind(StrEnum):
    EMERGENCY = "emergency"
    POLICE = "police"
    CRISIS_LINE = "crisis_line"
    YOUTH_LINE = "youth_line"
    MEDICAL_ON_CALL = "medical_on_call"


class EmergencyNumber(Data):
    number: str
    service: LocalizedText
    hours: LocalizedText
    kind: NumberKind
    in_consent_form: bool
    for_minors: bool = False  # printed on forms for minors (youth lines)
    source: str
    checked_on: date
    confidence: Confidence


class EmergencyCatalog(Data):
    version: int
    checked_on: date
    countries: dict[Country, list[EmergencyNumber]]


class SecrecyDuty(Data):
    applies: bool
    confidence: Confidence
    law: LocalizedText | None = None
    note: LocalizedText | None = None
    # § 203 Abs. 1 Nr. 2 StGB binds only holders of a state-recognised psychology degree.
    requires_psychology_degree: bool = False


class ProfessionLabels(Data):
    label: LocalizedText
    label_female: LocalizedText | None = None
    label_male: LocalizedText | None = None


class ProfessionInfo(Data):
    label: LocalizedText
    label_female: LocalizedText | None = None
    label_male: LocalizedText | None = None
    # The title as it is used in another country ("approbiert" is a German term).
    country_labels: dict[Country, ProfessionLabels] = Field(default_factory=dict)
    treatment_contract: bool = Field(
        description="treatment contract (§§ 630a ff. BGB): the record is kept 10 years"
    )
    secrecy: dict[Country, SecrecyDuty]


class ProfessionCatalog(Data):
    version: int
    professions: dict[Profession, ProfessionInfo]


def _load(relative: str, model: type[Any]) -> Any:
    return validate(load_yaml(data_root() / relative), model)


@cache
def messengers() -> dict[str, Messenger]:
    catalog: MessengerCatalog = _load("checklists/messengers.yaml", MessengerCatalog)
    return catalog.messengers


@cache
def authorities() -> dict[str, Authority]:
    catalog: AuthorityCatalog = _load("checklists/authorities.yaml", AuthorityCatalog)
    return catalog.authorities


@cache
def emergency_numbers() -> dict[Country, list[EmergencyNumber]]:
    catalog: EmergencyCatalog = _load("checklists/emergency_numbers.yaml", EmergencyCatalog)
    return catalog.countries


@cache
def professions() -> dict[Profession, ProfessionInfo]:
    catalog: ProfessionCatalog = _load("checklists/professions.yaml", ProfessionCatalog)
    return catalog.professions


def profession_label(profile: PracticeProfile, language: str) -> str:
    """The profession as it reads in a sentence, in the practitioner's chosen form and country."""
    info = professions()[profile.practitioner.profession]
    labels: ProfessionInfo | ProfessionLabels = info.country_labels.get(
        profile.jurisdiction.country, info
    )
    gender = profile.practitioner.gender
    label = {"female": labels.label_female, "male": labels.label_male}.get(
        gender or ""
    ) or labels.label
    return label.in_(language)


def competent_authority(profile: PracticeProfile) -> Authority:
    """The practice's supervisory authority: the override, or derived from its seat (§ 40 BDSG)."""
    chosen = profile.jurisdiction.supervisory_authority
    if chosen is not None and not isinstance(chosen, str):
        return Authority(
            name=chosen.name,
            name_en=chosen.name,
            short_name=chosen.name,
            street=chosen.street,
            postal_code=chosen.postal_code,
            city=chosen.city,
            country=chosen.country,
            website=chosen.website or "",
            source="practice profile",
            checked_on=date(1970, 1, 1),
            confidence=AuthorityConfidence.UNVERIFIED,
        )
    if chosen is None:
        jurisdiction = profile.jurisdiction
        chosen = (
            f"DE-{jurisdiction.state}"
            if jurisdiction.country is Country.DE
            else str(jurisdiction.country)
        )
    return authorities()[chosen]


def secrecy_duty(profile: PracticeProfile) -> SecrecyDuty:
    """Whether a criminal-law secrecy duty binds the practitioner, and which law it is."""
    derived = professions()[profile.practitioner.profession].secrecy[profile.jurisdiction.country]
    if (
        derived.requires_psychology_degree
        and not profile.practitioner.state_recognised_psychology_degree
    ):
        derived = derived.model_copy(update={"applies": False})
    override = profile.confidentiality.secrecy_duty_applies
    if override is None or override == derived.applies:
        return derived
    return derived.model_copy(update={"applies": override})


class Stance(StrEnum):
    """The gist of a body's position on messengers, for ranking and marking."""

    ADVISES_AGAINST = "advises_against"
    JUDGE_CASE_BY_CASE = "judge_case_by_case"
    CONSENT_AND_INFORMATION = "consent_and_information"
    PROTECTIVE_MEASURES = "protective_measures"


class ChamberPosition(Data):
    """What a chamber or authority has said about messengers, with its source."""

    name: str
    names: list[str] = Field(default_factory=list)  # spellings a profile's chamber may use
    country: Country
    stance: Stance
    position: LocalizedText
    messengers: list[str] = Field(default_factory=list)  # empty: about messengers in general
    source: str
    checked_on: date
    confidence: Confidence


class ChamberCatalog(Data):
    version: int
    checked_on: date
    chambers: dict[str, ChamberPosition]


@cache
def chambers() -> dict[str, ChamberPosition]:
    catalog: ChamberCatalog = _load("checklists/chambers.yaml", ChamberCatalog)
    return catalog.chambers
