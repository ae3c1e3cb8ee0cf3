"""Loads the data the activities are made of: presets, legal bases, retention rules, measures."""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from compliance.datadir import data_root
from compliance.records.model import (
    DataCategory,
    DpiaScreening,
    Localized,
    Recipient,
    Text,
    Trigger,
)
from compliance.yamlio import load_yaml, validate


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LegalBasis(_Data):
    gdpr: Localized | None = None
    DE: Localized | None = None
    AT: Localized | None = None
    CH: Localized | None = None
    special: bool = False
    consent: bool = False
    interest: bool = False

    def text(self, country: str) -> Localized:
        """The reference for a practice in ``country`` (DE/AT fall back to the GDPR form)."""
        chosen = getattr(self, country) or (self.gdpr if country != "CH" else None)
        if chosen is None:
            raise KeyError(country)
        return chosen


class CountryPeriod(_Data):
    years: int | None = None
    months: int | None = None
    days: int | None = None
    trigger: Trigger
    source: Localized
    confidence: Literal["confirmed", "unverified"]


class RetentionRule(_Data):
    data: Localized
    method: Localized
    gdpr: CountryPeriod | None = None
    DE: CountryPeriod | None = None
    AT: CountryPeriod | None = None
    CH: CountryPeriod | None = None

    def period(self, country: str) -> CountryPeriod:
        chosen = getattr(self, country) or (self.gdpr if country != "CH" else None)
        if chosen is None:
            raise KeyError(country)
        return chosen


class PresetFields(_Data):
    """The fields a preset may set, in common or for one route."""

    purposes: list[Text] | None = None
    legal_bases: list[str] | None = None
    legitimate_interests: Text | None = None
    data_subjects: list[Text] | None = None
    data_categories: list[DataCategory] | None = None
    recipients: list[Recipient] | None = None
    retention: list[str] | None = None
    measures: list[str] | None = None
    dpia: DpiaScreening | None = None


class Preset(PresetFields):
    when: Literal["always", "messaging", "website", "video", "opt_in"]
    name: Localized
    in_notice: bool = Field(default=True, description="told to clients in the privacy notice")
    health: PresetFields | None = None
    consent: PresetFields | None = None


class Measure(_Data):
    group: Literal["device", "organisation", "technical"]
    label: Localized
    label_swiss: Localized | None = None
    derived: bool = False


class Bdsg22Item(_Data):
    number: int
    label: Localized
    covered_by: list[str] = Field(min_length=1)


class _LegalBases(_Data):
    version: int
    legal_bases: dict[str, LegalBasis]


class _Retention(_Data):
    version: int
    rules: dict[str, RetentionRule]
    words: dict[str, dict[str, str]]


class _Presets(_Data):
    version: int
    presets: dict[str, Preset]


class _Measures(_Data):
    version: int
    measures: dict[str, Measure]
    bdsg22: list[Bdsg22Item]


def _load(name: str, model: type[Any]) -> Any:
    return validate(load_yaml(data_root() / "checklists" / name), model)


@cache
def legal_bases() -> dict[str, LegalBasis]:
    loaded: _LegalBases = _load("legal_bases.yaml", _LegalBases)
    return loaded.legal_bases


@cache
def _retention() -> _Retention:
    loaded: _Retention = _load("retention.yaml", _Retention)
    return loaded


def retention_rules() -> dict[str, RetentionRule]:
    return _retention().rules


def period_words(language: str) -> dict[str, str]:
    """Units and triggers as they read in a sentence ("Jahre", "nach Abschluss der Behandlung")."""
    return _retention().words[language]


@cache
def presets() -> dict[str, Preset]:
    loaded: _Presets = _load("activities.yaml", _Presets)
    return loaded.presets


@cache
def _measures() -> _Measures:
    loaded: _Measures = _load("measures.yaml", _Measures)
    return loaded


def measures() -> dict[str, Measure]:
    return _measures().measures


def bdsg22_items() -> list[Bdsg22Item]:
    return _measures().bdsg22
