"""The record of processing activities in one language, as data: JSON, CSV, XLSX and documents.

:func:`build_export` turns the resolved activities into :class:`RecordExport`, a pydantic
model whose JSON form is described by ``schemas/record.schema.json``. The spreadsheet
formats flatten the same model to one row per activity, and the PDF/DOCX record is built
from it too, so every format says the same.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from compliance import catalog
from compliance.profile import Country, PracticeProfile
from compliance.records.model import RecipientKind, Text, text_in
from compliance.records.periods import period_text, source_text, swiss_spelling
from compliance.records.resolve import ResolvedActivity, resolve_activities

SCHEMA_ID = "https://practice-compliance.invalid/schemas/record.schema.json"
SCHEMA_VERSION = 1


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Party(_Out):
    name: str
    address: str
    contact: str


class DataCategoryOut(_Out):
    name: str
    special: bool = Field(description="a special category (Art. 9 GDPR; CH: sensitive data)")


class RecipientOut(_Out):
    name: str
    kind: Literal["internal", "processor", "controller"]
    agreement_signed: date | None = Field(description="date of the Art. 28 agreement")
    secrecy_undertaking: bool
    release_from_secrecy: bool


class TransferOut(_Out):
    recipient: str
    country: str
    basis: str | None


class PeriodOut(_Out):
    data: str
    period: str
    source: str
    method: str
    verified: bool


class DpiaOut(_Out):
    result: Literal["not_required", "required", "done"]
    reason: str


class ActivityOut(_Out):
    key: str
    name: str
    created: date | None
    changed: date | None
    responsible: str
    purposes: list[str]
    legal_bases: list[str]
    legitimate_interests: str | None
    data_subjects: list[str]
    data_categories: list[DataCategoryOut]
    recipients: list[RecipientOut]
    transfers: list[TransferOut]
    retention: list[PeriodOut]
    measures: list[str]
    dpia: DpiaOut | None


class ControllerOut(_Out):
    """A controller the practitioner works for (processor's record, Art. 30(2))."""

    name: str
    contact: str
    representative: str | None
    dpo: str | None
    processing: list[str]
    transfers: list[str]


class RevisionOut(_Out):
    date: date
    change: str
    by: str | None


class RecordExport(_Out):
    schema_: str = Field(alias="schema", default=SCHEMA_ID)
    schema_version: int = SCHEMA_VERSION
    generated: date
    language: Literal["de", "en"]
    country: Literal["DE", "AT", "CH"]
    law: Literal["GDPR", "FADP"]
    role: Literal["controller", "processor"]
    controller: Party = Field(description="the practice: controller, or processor in its role")
    representative: str | None
    dpo: Party | None
    supervisory_authority: str
    controllers: list[ControllerOut] = Field(description="processor's record only")
    activities: list[ActivityOut]
    revisions: list[RevisionOut]

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _activity(activity: ResolvedActivity, language: str) -> ActivityOut:
    def t(value: Text | None) -> str:
        return text_in(value, language) if value is not None else ""

    return ActivityOut(
        key=activity.key,
        name=t(activity.name) or activity.key,
        created=activity.created,
        changed=activity.changed,
        responsible=t(activity.responsible),
        purposes=[t(p) for p in activity.purposes],
        legal_bases=[t(b.text) for b in activity.legal_bases],
        legitimate_interests=t(activity.legitimate_interests) or None,
        data_subjects=[t(s) for s in activity.data_subjects],
        data_categories=[
            DataCategoryOut(name=t(c.name), special=c.special) for c in activity.data_categories
        ],
        recipients=[
            RecipientOut(
                name=t(r.name),
                kind=r.kind.value,
                agreement_signed=r.agreement_signed if r.kind is RecipientKind.PROCESSOR else None,
                secrecy_undertaking=r.secrecy_undertaking,
                release_from_secrecy=r.release_from_secrecy,
            )
            for r in activity.recipients
        ],
        transfers=[
            TransferOut(
                recipient=t(r.name),
                country=t(r.third_country),
                basis=t(r.transfer_basis) or None,
            )
            for r in activity.recipients
            if r.third_country is not None
        ],
        retention=[
            PeriodOut(
                data=t(p.data),
                period=period_text(p, language),
                source=source_text(p, language),
                method=t(p.method),
                verified=p.confirmed,
            )
            for p in activity.retention
        ],
        measures=[t(m) for m in activity.measures],
        dpia=DpiaOut(result=activity.dpia.result.value, reason=t(activity.dpia.reason))
        if activity.dpia
        else None,
    )


def build_export(
    profile: PracticeProfile, language: str, *, generated: date, processor: bool = False
) -> RecordExport:
    """The record in ``language`` as of ``generated``; pure, no I/O."""
    practitioner = profile.practitioner
    practice = profile.practice
    name = " ".join(p for p in (practitioner.title, practitioner.name) if p)
    contact = ", ".join(x for x in (practice.phone, str(practice.email), practice.website) if x)
    dpo = profile.data_protection_officer
    authority = catalog.competent_authority(profile)
    country = profile.jurisdiction.country
    export = RecordExport(
        generated=generated,
        language="de" if language == "de" else "en",
        country=country.value,
        law="FADP" if country is Country.CH else "GDPR",
        role="processor" if processor else "controller",
        controller=Party(
            name=f"{name}, {practice.name}",
            address=f"{practice.street}, {practice.postal_code} {practice.city}",
            contact=contact,
        ),
        representative=None,
        dpo=Party(
            name=dpo.name,
            address=dpo.address or "",
            contact=", ".join(x for x in (str(dpo.email), dpo.phone) if x),
        )
        if dpo
        else None,
        supervisory_authority=(
            f"{authority.name if language == 'de' else authority.name_en}, "
            f"{authority.street}, {authority.postal_code} {authority.city}"
        ),
        controllers=[
            ControllerOut(
                name=c.name,
                contact=c.contact,
                representative=c.representative,
                dpo=c.dpo,
                processing=[text_in(p, language) for p in c.processing],
                transfers=[
                    f"{text_in(c.third_country, language)}: "
                    f"{text_in(c.transfer_basis, language) if c.transfer_basis else ''}".rstrip(
                        ": "
                    )
                ]
                if c.third_country
                else [],
            )
            for c in profile.activities.on_behalf_of
        ]
        if processor
        else [],
        activities=[_activity(a, language) for a in resolve_activities(profile)],
        revisions=[
            RevisionOut(date=r.on, change=text_in(r.change, language), by=r.by)
            for r in sorted(profile.activities.revisions, key=lambda r: r.on)
        ],
    )
    if language == "de" and country is Country.CH:
        # Swiss German spelling everywhere in the record ("Massnahmen").
        text = swiss_spelling(export.model_dump_json(by_alias=True), profile, language)
        export = RecordExport.model_validate_json(text)
    return export


def to_json(export: RecordExport) -> bytes:
    return (export.model_dump_json(by_alias=True, indent=2) + "\n").encode("utf-8")


def json_schema() -> dict[str, object]:
    """The JSON Schema of :class:`RecordExport` (``schemas/record.schema.json``)."""
    schema = RecordExport.model_json_schema(by_alias=True, mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def schema_text() -> str:
    import json

    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# python -m compliance.records.export > compliance/schemas/record.schema.json
if __name__ == "__main__":
    print(schema_text(), end="")
