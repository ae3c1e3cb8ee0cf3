"""A checklist run as text, JSON (schema checklist-run) or PDF."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

from compliance.checklist.model import Checklist
from compliance.checklist.run import Origin, RunResult

SCHEMA = "compliance/checklist-run"
SCHEMA_VERSION = 1

_WORDS = {
    "de": {
        "score": "Ergebnis",
        "open": "Offene Punkte",
        "must": "Pflicht",
        "derived": "aus dem Profil",
        "none_open": "Keine offenen Punkte.",
        "unanswered": "unbeantwortet",
        "yes": "ja",
        "no": "nein",
        "na": "entfällt",
        "must_open": "offene Pflichtpunkte",
    },
    "en": {
        "score": "Score",
        "open": "Open points",
        "must": "must",
        "derived": "from the profile",
        "none_open": "No open points.",
        "unanswered": "unanswered",
        "yes": "yes",
        "no": "no",
        "na": "n/a",
        "must_open": "open must-items",
    },
}


class RunFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    PDF = "pdf"


def to_json(result: RunResult, language: str) -> dict[str, Any]:
    checklist = result.checklist
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "checklist": checklist.id,
        "version": checklist.version,
        "sha256": result.sha256,
        "language": language,
        "score": result.score,
        "open_must": len(result.open_must),
        "items": [
            {
                "key": r.item.key,
                "question": r.item.question.in_(language),
                "must": r.item.must,
                "answer": r.answer.value if r.answer else None,
                "origin": r.origin.value,
                "open": r.is_open,
            }
            for r in result.items
        ],
    }


def _answer(result: Any, language: str) -> str:
    words = _WORDS[language]
    text = words[result.answer.value] if result.answer else words["unanswered"]
    if result.origin is Origin.DERIVED:
        text += f" ({words['derived']})"
    return text


def text_lines(result: RunResult, language: str) -> list[str]:
    words = _WORDS[language]
    checklist = result.checklist
    lines = [f"{checklist.title.in_(language)} ({checklist.id} {checklist.version})", ""]
    for r in result.items:
        mark = "x" if not r.is_open else " "
        must = f" [{words['must']}]" if r.item.must else ""
        lines.append(f"[{mark}] {r.item.question.in_(language)}{must}: {_answer(r, language)}")
    lines += [
        "",
        f"{words['score']}: {result.score:g} %  ({len(result.open_must)} {words['must_open']})",
    ]
    open_items = result.open_items
    lines.append(f"{words['open']}:" if open_items else words["none_open"])
    for r in open_items:
        must = f" [{words['must']}]" if r.item.must else ""
        lines.append(f"- {r.item.question.in_(language)}{must}")
    return lines


def render(result: RunResult, fmt: RunFormat, language: str) -> bytes:
    if fmt is RunFormat.JSON:
        return (json.dumps(to_json(result, language), ensure_ascii=False, indent=2) + "\n").encode()
    if fmt is RunFormat.PDF:
        return _pdf(result, language)
    return ("\n".join(text_lines(result, language)) + "\n").encode()


def show_lines(checklist: Checklist, language: str) -> list[str]:
    words = _WORDS[language]
    lines = [
        f"{checklist.title.in_(language)} ({checklist.id} {checklist.version})",
        checklist.description.in_(language),
        "",
    ]
    for item in checklist.items:
        must = f" [{words['must']}]" if item.must else ""
        derived = f" ({words['derived']})" if item.derive else ""
        lines.append(f"- {item.key}: {item.question.in_(language)}{must}{derived}")
    return lines


def _pdf(result: RunResult, language: str) -> bytes:
    """Through the document renderer, in the look of the other documents."""
    from compliance.documents.model import BulletList, Document, DocumentMeta, FactTable, Paragraph
    from compliance.render.pdf import render_pdf

    words = _WORDS[language]
    checklist = result.checklist
    rows = tuple(
        (
            r.item.question.in_(language) + (f" [{words['must']}]" if r.item.must else ""),
            _answer(r, language),
        )
        for r in result.items
    )
    blocks: list[Any] = [
        Paragraph(checklist.description.in_(language)),
        FactTable(rows),
        Paragraph(
            f"**{words['score']}: {result.score:g} %** "
            f"({len(result.open_must)} {words['must_open']})",
            style="notice",
        ),
    ]
    if result.open_items:
        blocks.append(Paragraph(f"{words['open']}:"))
        blocks.append(BulletList(tuple(r.item.question.in_(language) for r in result.open_items)))
    meta = DocumentMeta(
        document_id=f"CL-{result.sha256[:12].upper()}",
        template_id=checklist.id,
        template_version=checklist.version,
        template_sha256=result.sha256,
        language=language,
        author="compliance",
        footer=f"{checklist.id} {checklist.version} · SHA-256 {result.sha256[:12]}"
        " · {page}/{pages}",
    )
    return render_pdf(
        Document(title=checklist.title.in_(language), meta=meta, blocks=tuple(blocks))
    )
