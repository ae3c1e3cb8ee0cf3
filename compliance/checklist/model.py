"""Checklists as data: each a YAML file of yes/no questions, some of them must-items."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from compliance.catalog import LocalizedText, data_root
from compliance.errors import UsageError
from compliance.yamlio import load_yaml, validate


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(_Data):
    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    question: LocalizedText
    must: bool = False
    derive: str | None = None


class Checklist(_Data):
    id: str
    version: str
    title: LocalizedText
    description: LocalizedText
    items: list[Item] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _unique(cls, items: list[Item]) -> list[Item]:
        keys = [item.key for item in items]
        if len(set(keys)) != len(keys):
            raise ValueError("an item key is used twice")
        return items


def _folder() -> Path:
    return data_root() / "checklists" / "checklists"


def names() -> list[str]:
    """Every checklist's name (its file name without ``.yaml``)."""
    return sorted(path.stem for path in _folder().glob("*.yaml"))


@cache
def load(name: str) -> tuple[Checklist, str]:
    """The checklist ``name`` and the SHA-256 of its file; unknown names list the valid ones."""
    if name not in names():
        raise UsageError(f"unknown checklist '{name}'; valid: {', '.join(names())}")
    path = _folder() / f"{name}.yaml"
    checklist: Checklist = validate(load_yaml(path), Checklist)
    return checklist, hashlib.sha256(path.read_bytes()).hexdigest()
