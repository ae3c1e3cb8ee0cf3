"""Scoring detectors against a labelled corpus: gold spans in ``[[CATEGORY:text]]`` markup.

A corpus folder holds ``<lang>/<kind>.txt`` files, one message per line; ``\\n`` in a
line stands for a line break inside the message, ``#`` lines are comments. Kinds name
what the messages are (``smalltalk``, ``appointment``, ``sensitive``, ``hard_negative``,
``identifiers``). A prediction counts as correct when it overlaps a gold span of the
same category (each gold span is matched once).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from compliance.detectors.base import Category, Finding
from compliance.detectors.catalogue import CATALOGUE, LegalBasis
from compliance.errors import InputError

_MARK = re.compile(r"\[\[([A-Z_0-9]+):(.*?)\]\]")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    start: int
    end: int
    category: Category


@dataclass(frozen=True, slots=True)
class LabelledMessage:
    text: str
    spans: tuple[GoldSpan, ...]
    lang: str
    kind: str
    source: str  # "file:line", to find a failing message quickly


def parse_marked(line: str, source: str = "<text>") -> tuple[str, tuple[GoldSpan, ...]]:
    """Plain text and gold spans from a line with ``[[CATEGORY:text]]`` marks."""
    line = line.replace("\\n", "\n")
    parts: list[str] = []
    spans: list[GoldSpan] = []
    position = 0
    length = 0
    for mark in _MARK.finditer(line):
        before = line[position : mark.start()]
        parts.append(before)
        length += len(before)
        try:
            category = Category(mark.group(1))
        except ValueError:
            raise InputError.single(source, f"unknown category {mark.group(1)!r}") from None
        value = mark.group(2)
        spans.append(GoldSpan(length, length + len(value), category))
        parts.append(value)
        length += len(value)
        position = mark.end()
    parts.append(line[position:])
    text = "".join(parts)
    if "[[" in text or "]]" in text:
        raise InputError.single(source, "unbalanced [[ ]] mark")
    return text, tuple(spans)


def load_corpus(folder: Path) -> list[LabelledMessage]:
    """Every message of a corpus folder, in a stable order."""
    messages: list[LabelledMessage] = []
    for path in sorted(folder.glob("*/*.txt")):
        lang, kind = path.parent.name, path.stem
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            source = f"{path.name}:{number}"
            text, spans = parse_marked(line, f"{path}:{number}")
            messages.append(LabelledMessage(text, spans, lang, kind, f"{lang}/{source}"))
    return messages


def load_jsonl(path: Path) -> list[LabelledMessage]:
    """Messages of a JSON Lines set (``{"id", "lang", "text", "spans", "kind"}`` per line).

    This is the format of the independently written sets (``kind`` is ``positive``,
    ``hard_negative`` or ``small_talk``); offsets are Python code points.
    """
    messages: list[LabelledMessage] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
            spans = tuple(
                GoldSpan(int(s["start"]), int(s["end"]), Category(s["category"]))
                for s in record["spans"]
            )
            text, lang, kind = str(record["text"]), str(record["lang"]), str(record["kind"])
            ident = str(record["id"])
        except (ValueError, KeyError, TypeError) as error:
            raise InputError.single(source, f"bad record: {error}") from None
        messages.append(LabelledMessage(text, spans, lang, kind, f"{path.stem}:{ident}"))
    return messages


def split_part(ident: str) -> str:
    """``tune`` or ``measure``: a fixed half of a set by a hash of the message id."""
    digest = hashlib.sha256(ident.encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "measure"


@dataclass
class Tally:
    """Counts for one category or group of categories."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.true_positives + self.false_negatives


@dataclass
class Evaluation:
    """Per-category tallies, the grouped targets and the errors for inspection."""

    per_category: dict[Category, Tally] = field(default_factory=dict)
    smalltalk_messages: int = 0
    smalltalk_with_findings: int = 0
    hard_negative_messages: int = 0
    hard_negatives_flagged: int = 0
    errors: list[str] = field(default_factory=list)

    def group(self, categories: Iterable[Category]) -> Tally:
        total = Tally()
        for category in categories:
            tally = self.per_category.get(category)
            if tally is not None:
                total.true_positives += tally.true_positives
                total.false_positives += tally.false_positives
                total.false_negatives += tally.false_negatives
        return total

    @property
    def smalltalk_alarm_rate(self) -> float:
        if not self.smalltalk_messages:
            return 0.0
        return self.smalltalk_with_findings / self.smalltalk_messages

    @property
    def hard_negative_flag_rate(self) -> float:
        """Share of hard negatives with a finding that matches no gold span."""
        if not self.hard_negative_messages:
            return 0.0
        return self.hard_negatives_flagged / self.hard_negative_messages


#: The structured identifiers the targets speak of (names are scored on their own).
IDENTIFIER_CATEGORIES = tuple(
    c
    for c, info in CATALOGUE.items()
    if info.legal_basis is LegalBasis.IDENTIFIER and c is not Category.PERSON_NAME
)


#: Kinds of messages that must get no finding at all.
SMALL_TALK_KINDS = frozenset({"smalltalk", "small_talk"})

#: The groups that the targets of issue 19 speak of: (label, categories).
ART_9_CATEGORIES = tuple(
    c
    for c, info in CATALOGUE.items()
    if info.legal_basis in (LegalBasis.ART_9, LegalBasis.ART_10) and c is not Category.CRISIS
)
TARGET_GROUPS: tuple[tuple[str, tuple[Category, ...]], ...] = (
    ("crisis and violence", (Category.CRISIS,)),
    ("Art. 9 and 10", ART_9_CATEGORIES),
    ("identifiers with names", (*IDENTIFIER_CATEGORIES, Category.PERSON_NAME)),
    ("names alone", (Category.PERSON_NAME,)),
)


def evaluate(
    messages: Sequence[LabelledMessage], predictions: Sequence[Sequence[Finding]]
) -> Evaluation:
    """Compare findings with gold spans, message by message."""
    result = Evaluation()
    for message, findings in zip(messages, predictions, strict=True):
        if message.kind in SMALL_TALK_KINDS:
            result.smalltalk_messages += 1
            if findings:
                result.smalltalk_with_findings += 1
        flagged = False
        unmatched = list(message.spans)
        for finding in findings:
            tally = result.per_category.setdefault(finding.category, Tally())
            hit = next(
                (
                    gold
                    for gold in unmatched
                    if gold.category is finding.category
                    and finding.start < gold.end
                    and gold.start < finding.end
                ),
                None,
            )
            if hit is None:
                tally.false_positives += 1
                flagged = True
                value = message.text[finding.start : finding.end]
                result.errors.append(f"FP {finding.category.value} {value!r} in {message.source}")
            else:
                tally.true_positives += 1
                unmatched.remove(hit)
        if message.kind == "hard_negative":
            result.hard_negative_messages += 1
            result.hard_negatives_flagged += flagged
        for gold in unmatched:
            result.per_category.setdefault(gold.category, Tally()).false_negatives += 1
            value = message.text[gold.start : gold.end]
            result.errors.append(f"FN {gold.category.value} {value!r} in {message.source}")
    return result
