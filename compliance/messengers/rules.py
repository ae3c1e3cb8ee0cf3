"""The data the comparison scores from: scoring rules, survey shares, extra facts, chambers."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from compliance import catalog
from compliance.catalog import ChamberPosition, Confidence, Fact, LocalizedText, data_root
from compliance.profile import Country
from compliance.yamlio import load_yaml, validate


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class CostWord(_Data):
    client: float
    practice: float
    explain: LocalizedText | None = None


class CostRule(_Data):
    label: LocalizedText
    words: dict[str, CostWord]
    unknown: CostWord


class UsabilityPoint(_Data):
    fact: str
    yes: float = Field(alias="yes")
    no: float = Field(alias="no")
    explain: dict[str, LocalizedText]


class UsabilityRule(_Data):
    label: LocalizedText
    points: list[UsabilityPoint]


class Requirement(_Data):
    key: str
    label: LocalizedText
    fact: str | None = None
    assessment: str | None = None
    met: bool


class PrivacyRule(_Data):
    label: LocalizedText
    requirements: list[Requirement]


class SpreadRule(_Data):
    label: LocalizedText
    missing: float


class Criteria(_Data):
    spread: SpreadRule
    cost: CostRule
    usability: UsabilityRule
    privacy: PrivacyRule


CRITERIA = ("spread", "cost", "usability", "privacy")


class ScoringRules(_Data):
    version: int
    text_values: dict[str, dict[str, bool]]
    weights: dict[str, float]
    stale_after_days: int
    confidence_factor: dict[Confidence, float]
    criteria: Criteria


class Survey(_Data):
    name: str
    year: int
    population: LocalizedText
    source: str
    checked_on: date
    confidence: Confidence
    shares: dict[str, float]


class SpreadData(_Data):
    version: int
    surveys: dict[Country, Survey]
    fallback: dict[Country, Country] = Field(default_factory=dict)


class AssessmentData(_Data):
    version: int
    checked_on: date
    messengers: dict[str, dict[str, Fact]]


# The chambers' positions are one catalogue, shared with the consent form's warning.
Chamber = ChamberPosition


def _load(name: str, model: type[Any]) -> Any:
    return validate(load_yaml(data_root() / "checklists" / name), model)


@cache
def scoring_rules() -> ScoringRules:
    rules: ScoringRules = _load("messenger_scoring.yaml", ScoringRules)
    return rules


def scoring_sha256() -> str:
    return hashlib.sha256(
        (data_root() / "checklists" / "messenger_scoring.yaml").read_bytes()
    ).hexdigest()


@cache
def spread_data() -> SpreadData:
    data: SpreadData = _load("messenger_spread.yaml", SpreadData)
    return data


@cache
def assessment() -> dict[str, dict[str, Fact]]:
    data: AssessmentData = _load("messenger_assessment.yaml", AssessmentData)
    return data.messengers


def chambers() -> dict[str, Chamber]:
    return catalog.chambers()


def chamber_for(name: str | None) -> tuple[str, Chamber] | None:
    """The chamber whose name or alias is ``name`` (case-insensitive), if any."""
    if not name:
        return None
    wanted = name.strip().casefold()
    for key, chamber in chambers().items():
        if wanted in {n.casefold() for n in (chamber.name, *chamber.names)}:
            return key, chamber
    return None
