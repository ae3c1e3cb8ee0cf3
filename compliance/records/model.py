"""The ``activities`` key of the practice profile: processing activities as the user edits them.

Every field of an activity is optional here: a preset fills what the user leaves out,
and ``compliance record --check`` reports what is still missing instead of refusing the
profile. Texts are either one string (printed as written) or ``{de: ..., en: ...}``.
This module imports nothing from the profile, so the profile can import it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Localized(_Strict):
    """A text in both languages of the documents."""

    de: NonEmpty
    en: NonEmpty


Text = NonEmpty | Localized


def text_in(text: Text, language: str) -> str:
    """``text`` in ``language`` (a plain string is the same in every language)."""
    if isinstance(text, Localized):
        return text.de if language == "de" else text.en
    return text


class RecipientKind(StrEnum):
    """Who receives the data: the practice itself, a processor, or another controller."""

    INTERNAL = "internal"
    PROCESSOR = "processor"  # Art. 28 GDPR: acts on the practice's instructions
    CONTROLLER = "controller"  # decides for itself (tax advisor, insurer, consumer messenger)


class Recipient(_Strict):
    key: str | None = Field(default=None, description="short name, e.g. for processing_agreements")
    name: Text
    kind: RecipientKind
    third_country: Text | None = Field(
        default=None, description="the country outside the EU/EEA the data go to, if any"
    )
    transfer_basis: Text | None = Field(
        default=None, description="adequacy decision, standard contractual clauses, Art. 49 ..."
    )
    agreement_signed: date | None = Field(
        default=None, description="date the Art. 28 agreement was signed (processors)"
    )
    secrecy_undertaking: bool | None = Field(
        default=None,
        description="obliged to secrecy (§ 203 Abs. 3/4 StGB) where the practice is secrecy-bound",
    )
    release_from_secrecy: bool = Field(
        default=False,
        description="data go to it only with the client's release from confidentiality",
    )


class DataCategory(_Strict):
    name: Text
    special: bool = Field(default=False, description="a special category of Art. 9 GDPR")


class Trigger(StrEnum):
    """When a retention period starts to run."""

    END_OF_TREATMENT = "end_of_treatment"
    END_OF_CONTRACT = "end_of_contract"
    END_OF_YEAR = "end_of_year"
    RECEIPT = "receipt"
    LAST_CONTACT = "last_contact"
    COLLECTION = "collection"


class Retention(_Strict):
    """A deletion period: a rule of the retention catalogue, or given in full."""

    rule: str | None = Field(default=None, description="key of checklists/retention.yaml")
    data: Text | None = None
    years: int | None = Field(default=None, ge=0, le=100)
    months: int | None = Field(default=None, ge=0, le=1200)
    days: int | None = Field(default=None, ge=0, le=36500)
    trigger: Trigger | None = None
    source: Text | None = Field(default=None, description="the law or reason for the period")
    method: Text | None = Field(default=None, description="how the data are deleted")


class DpiaResult(StrEnum):
    NOT_REQUIRED = "not_required"
    REQUIRED = "required"
    DONE = "done"


class DpiaScreening(_Strict):
    """The documented answer to "does this activity need an Art. 35 assessment?"."""

    result: DpiaResult
    reason: Text | None = None
    checked: date | None = None


class ActivityEntry(_Strict):
    """One activity as written in the profile; fields left out come from the preset."""

    drop: bool = Field(default=False, description="leave this preset activity out")
    name: Text | None = None
    purposes: list[Text] | None = None
    legal_bases: list[NonEmpty] | None = Field(
        default=None, description="keys of checklists/legal_bases.yaml or exact references"
    )
    legitimate_interests: Text | None = None
    data_subjects: list[Text] | None = None
    data_categories: list[DataCategory] | None = None
    recipients: list[Recipient] | None = None
    retention: list[Retention] | None = None
    measures: list[Text] | None = None
    responsible: Text | None = None
    dpia: DpiaScreening | None = None
    created: date | None = None
    changed: date | None = None


class Revision(_Strict):
    """One change to the record ("date" in YAML: a bare ``on`` would be read as yes/no)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    on: date = Field(alias="date")
    change: Text
    by: str | None = None
    activity: str | None = Field(
        default=None, description="the activity changed (empty: the record as a whole)"
    )


class ControllerOnBehalf(_Strict):
    """For the processor's record (Art. 30(2)): an institution the practitioner works for."""

    name: NonEmpty
    contact: NonEmpty
    representative: str | None = None
    dpo: str | None = None
    processing: list[Text] = Field(default_factory=list)
    third_country: Text | None = None
    transfer_basis: Text | None = None


class Activities(_Strict):
    """The ``activities`` key: presets, the user's changes, measures and the revision history."""

    presets: bool = Field(default=True, description="start from the profession's presets")
    created: date | None = None
    responsible: Text | None = Field(default=None, description="default: the practitioner")
    revisions: list[Revision] = Field(default_factory=list)
    processing_agreements: dict[str, date] = Field(
        default_factory=dict, description="recipient key -> date its Art. 28 agreement was signed"
    )
    secrecy_undertakings: list[str] = Field(
        default_factory=list, description="recipient keys obliged to secrecy (§ 203 Abs. 4 StGB)"
    )
    measures: dict[str, bool] = Field(
        default_factory=dict, description="measure key -> in place (see checklists/measures.yaml)"
    )
    entries: dict[str, ActivityEntry] = Field(default_factory=dict)
    on_behalf_of: list[ControllerOnBehalf] = Field(
        default_factory=list, description="controllers you process for (processor's record)"
    )
