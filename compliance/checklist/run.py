"""Running a checklist: answers from a person, a file or the profile; score and open points."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from compliance.checklist.derive import derivation
from compliance.checklist.model import Checklist, Item
from compliance.errors import ExitCode, InputError, InputProblem
from compliance.profile import PracticeProfile
from compliance.yamlio import load_yaml


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_APPLICABLE = "na"


class Origin(StrEnum):
    GIVEN = "given"
    DERIVED = "derived"
    OPEN = "open"  # not answered


_SPELLINGS = {
    "yes": Answer.YES,
    "y": Answer.YES,
    "ja": Answer.YES,
    "j": Answer.YES,
    "true": Answer.YES,
    "no": Answer.NO,
    "n": Answer.NO,
    "nein": Answer.NO,
    "false": Answer.NO,
    "na": Answer.NOT_APPLICABLE,
    "n/a": Answer.NOT_APPLICABLE,
    "entfällt": Answer.NOT_APPLICABLE,
}


def parse_answer(value: Any) -> Answer | None:
    """``yes``/``no``/``na`` (also ``ja``/``nein``/``entfällt``, YAML booleans); else ``None``."""
    if isinstance(value, bool):
        return Answer.YES if value else Answer.NO
    if isinstance(value, str):
        return _SPELLINGS.get(value.strip().lower())
    return None


@dataclass(frozen=True)
class ItemResult:
    item: Item
    answer: Answer | None
    origin: Origin

    @property
    def is_open(self) -> bool:
        return self.answer is not Answer.YES and self.answer is not Answer.NOT_APPLICABLE


@dataclass(frozen=True)
class RunResult:
    checklist: Checklist
    sha256: str
    items: tuple[ItemResult, ...]

    @property
    def applicable(self) -> list[ItemResult]:
        return [r for r in self.items if r.answer is not Answer.NOT_APPLICABLE]

    @property
    def score(self) -> float:
        """Share of applicable items answered yes, 0 to 100."""
        applicable = self.applicable
        if not applicable:
            return 100.0
        return round(100 * sum(r.answer is Answer.YES for r in applicable) / len(applicable), 1)

    @property
    def open_items(self) -> list[ItemResult]:
        return [r for r in self.items if r.is_open]

    @property
    def open_must(self) -> list[ItemResult]:
        return [r for r in self.open_items if r.item.must]

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.FINDINGS if self.open_must else ExitCode.OK


def derived_answers(checklist: Checklist, profile: PracticeProfile | None) -> dict[str, Answer]:
    """The answers the profile gives, for the items that name a rule."""
    if profile is None:
        return {}
    answers = {}
    for item in checklist.items:
        if item.derive:
            value = derivation(item.derive)(profile)
            if value is not None:
                answers[item.key] = Answer.YES if value else Answer.NO
    return answers


def run(
    checklist: Checklist,
    sha256: str,
    given: Mapping[str, Answer],
    profile: PracticeProfile | None = None,
    ask: Callable[[Item], Answer] | None = None,
) -> RunResult:
    """Answer every item: given answers first, then the profile's, then ``ask`` (if any)."""
    derived = derived_answers(checklist, profile)
    results = []
    for item in checklist.items:
        if item.key in given:
            results.append(ItemResult(item, given[item.key], Origin.GIVEN))
        elif item.key in derived:
            results.append(ItemResult(item, derived[item.key], Origin.DERIVED))
        elif ask is not None:
            results.append(ItemResult(item, ask(item), Origin.GIVEN))
        else:
            results.append(ItemResult(item, None, Origin.OPEN))
    return RunResult(checklist, sha256, tuple(results))


@dataclass(frozen=True)
class AnswersFile:
    answers: dict[str, Answer]
    profile: Path | None
    checklist: str | None


def load_answers(path: Path, checklist: Checklist) -> AnswersFile:
    """Read ``answers: {key: yes|no|na}``, optional ``checklist`` and ``profile`` (a path)."""
    loaded = load_yaml(path)
    data = loaded.data
    problems: list[InputProblem] = []
    if not isinstance(data, dict):
        raise InputError.single(path, "expected a mapping with 'answers'", loaded.line_of(()))
    for key in data:
        if key not in {"answers", "profile", "checklist"}:
            problems.append(
                InputProblem(
                    path,
                    loaded.line_of((key,)),
                    str(key),
                    "unknown key; valid: answers, checklist, profile",
                )
            )
    raw = data.get("answers") or {}
    if not isinstance(raw, dict):
        problems.append(
            InputProblem(
                path,
                loaded.line_of(("answers",)),
                "answers",
                "expected a mapping of item keys to yes/no/na",
            )
        )
        raw = {}
    valid = [item.key for item in checklist.items]
    answers = {}
    for key, value in raw.items():
        place = loaded.line_of(("answers", key))
        if key not in valid:
            problems.append(
                InputProblem(
                    path, place, f"answers.{key}", f"unknown item; valid: {', '.join(valid)}"
                )
            )
            continue
        answer = parse_answer(value)
        if answer is None:
            problems.append(
                InputProblem(
                    path, place, f"answers.{key}", f"'{value}' is not an answer; use yes, no or na"
                )
            )
            continue
        answers[str(key)] = answer
    named = data.get("checklist")
    if named is not None and named != checklist.id:
        problems.append(
            InputProblem(
                path,
                loaded.line_of(("checklist",)),
                "checklist",
                f"these answers are for '{named}', not '{checklist.id}'",
            )
        )
    profile = data.get("profile")
    if profile is not None and not isinstance(profile, str):
        problems.append(
            InputProblem(path, loaded.line_of(("profile",)), "profile", "expected a file path")
        )
        profile = None
    if problems:
        raise InputError(problems)
    return AnswersFile(answers, (path.parent / profile) if profile else None, named)
