"""The comparison as text, Markdown, JSON (schema messenger-comparison) and PDF."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from compliance import catalog
from compliance.messengers.compare import Comparison, MessengerScore
from compliance.messengers.rules import CRITERIA, Chamber, scoring_rules, scoring_sha256

SCHEMA = "compliance/messenger-comparison"
SCHEMA_VERSION = 1


class CompareFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    PDF = "pdf"


@dataclass(frozen=True)
class Context:
    """What ``--for PROFILE`` adds: the chamber's position and the profile's messengers."""

    chamber: tuple[str, Chamber] | None = None
    chamber_name: str | None = None
    profile_messengers: tuple[str, ...] = ()


def _label(criterion: str, language: str) -> str:
    rule = getattr(scoring_rules().criteria, criterion)
    text: str = rule.label.in_(language)
    return text


_WORDS = {
    "de": {
        "title": "Messenger im Vergleich",
        "weights": "Gewichte",
        "rank": "Rang",
        "total": "Gesamt",
        "uncertain": "nicht bestätigte Angaben",
        "stale": "ältere Angaben",
        "no_winner": "Kein Messenger ist in jedem Kriterium der beste; setzen Sie Prioritäten "
        "für Ihre Praxis. Am besten je Kriterium:",
        "winner": "Der erste Messenger ist in jedem gewichteten Kriterium der beste.",
        "survey": "Verbreitung laut",
        "fallback": "Für dieses Land liegt keine eigene Umfrage vor; es gelten die Zahlen für",
        "chamber": "Position Ihrer Kammer",
        "no_chamber": "Für Ihre Kammer ist keine Position hinterlegt",
        "yours": "in Ihrem Profil",
        "discouraged": "von Datenschutzbehörden und Kammern überwiegend abgeraten",
    },
    "en": {
        "title": "Messengers compared",
        "weights": "Weights",
        "rank": "Rank",
        "total": "Total",
        "uncertain": "unverified facts",
        "stale": "old facts",
        "no_winner": "No messenger is best on every criterion; set priorities for your own "
        "setting. Best per criterion:",
        "winner": "The first messenger is best on every weighted criterion.",
        "survey": "Spread according to",
        "fallback": "There is no survey for this country; the figures used are those for",
        "chamber": "Your chamber's position",
        "no_chamber": "No position is on file for your chamber",
        "yours": "in your profile",
        "discouraged": "widely discouraged by data-protection authorities and chambers",
    },
}


def to_json(comparison: Comparison, context: Context) -> dict[str, Any]:
    survey = comparison.survey
    chamber = context.chamber
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "as_of": comparison.as_of.isoformat(),
        "country": comparison.country.value,
        "scoring_rules_sha256": scoring_sha256(),
        "weights": comparison.weights,
        "survey": None
        if survey is None
        else {
            "country": comparison.survey_country.value if comparison.survey_country else None,
            "name": survey.name,
            "year": survey.year,
            "source": survey.source,
            "population": survey.population.en,
        },
        "clear_winner": comparison.clear_winner,
        "best_per_criterion": comparison.best_per_criterion,
        "chamber": None
        if chamber is None
        else {
            "key": chamber[0],
            "name": chamber[1].name,
            "position": chamber[1].stance.value,
            "summary": chamber[1].position.en,
            "source": chamber[1].source,
            "checked_on": chamber[1].checked_on.isoformat(),
            "confidence": chamber[1].confidence.value,
        },
        "profile_messengers": list(context.profile_messengers),
        "ranking": [
            {
                "rank": rank,
                "key": s.key,
                "name": s.name,
                "status": s.status,
                "total": s.total,
                "in_profile": s.key in context.profile_messengers,
                "criteria": {
                    c: {
                        "score": round(s.criteria[c].score, 4),
                        "reasons": [
                            {"text": r.text.en, "points": r.points} for r in s.criteria[c].reasons
                        ],
                    }
                    for c in CRITERIA
                },
                "uncertain_facts": s.uncertain,
                "stale_facts": s.stale,
            }
            for rank, s in enumerate(comparison.ranking, start=1)
        ],
    }


def _summary(comparison: Comparison, context: Context, language: str) -> list[str]:
    """Weights, survey, the chamber's position: the lines above the ranking."""
    words = _WORDS[language]
    weights = ", ".join(f"{_label(c, language)} {comparison.weights[c]:g}" for c in CRITERIA)
    out = [f"{words['weights']}: {weights}"]
    if comparison.survey:
        survey = comparison.survey
        out.append(
            f"{words['survey']}: {survey.name} ({survey.year}; {survey.population.in_(language)})"
        )
        if comparison.survey_country and comparison.survey_country is not comparison.country:
            out.append(f"{words['fallback']} {comparison.survey_country.value}.")
    if context.chamber_name is not None:
        if context.chamber:
            chamber = context.chamber[1]
            mark = "" if chamber.confidence.value == "confirmed" else f" ({words['uncertain']})"
            out.append(
                f"{words['chamber']} ({chamber.name}, {chamber.checked_on}){mark}: "
                f"{chamber.position.in_(language)}"
            )
        else:
            out.append(f"{words['no_chamber']} ({context.chamber_name}).")
    return out


def _verdict(comparison: Comparison, language: str) -> tuple[str, list[str]]:
    """Whether one messenger wins everywhere; otherwise the best per criterion."""
    words = _WORDS[language]
    if comparison.clear_winner:
        return words["winner"], []
    best = [
        f"{_label(c, language)}: "
        + ", ".join(catalog.messengers()[k].name for k in comparison.best_per_criterion[c])
        for c in CRITERIA
    ]
    return words["no_winner"], best


def _details(score: MessengerScore, language: str) -> list[str]:
    words = _WORDS[language]
    items = []
    if score.status == "discouraged":
        items.append(f"! {words['discouraged']}")
    for c in CRITERIA:
        criterion = score.criteria[c]
        reasons = "; ".join(r.text.in_(language) for r in criterion.reasons)
        items.append(f"{_label(c, language)} {criterion.score:.2f}: {reasons}")
    if score.uncertain:
        items.append(f"{words['uncertain']}: {', '.join(score.uncertain)}")
    if score.stale:
        items.append(f"{words['stale']}: {', '.join(score.stale)}")
    return items


def _lines(comparison: Comparison, context: Context, language: str, markdown: bool) -> list[str]:
    words = _WORDS[language]
    head, sub = ("# ", "## ") if markdown else ("", "")
    out = [f"{head}{words['title']}", "", *_summary(comparison, context, language), ""]
    if markdown:
        header = [
            words["rank"],
            "Messenger",
            words["total"],
            *(_label(c, language) for c in CRITERIA),
        ]
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "---|" * len(header))
    for rank, score in enumerate(comparison.ranking, start=1):
        out.append(_row(rank, score, context, language, markdown))
    verdict, best = _verdict(comparison, language)
    out += ["", verdict, *(f"- {line}" for line in best), ""]
    for score in comparison.ranking:
        yours = f" ({words['yours']})" if score.key in context.profile_messengers else ""
        out.append(f"{sub}{score.name}{yours}")
        out += [f"- {item}" for item in _details(score, language)]
        out.append("")
    return out


def _row(rank: int, score: MessengerScore, context: Context, language: str, markdown: bool) -> str:
    marker = " *" if score.key in context.profile_messengers else ""
    cells = [f"{score.criteria[c].score:.2f}" for c in CRITERIA]
    if markdown:
        return f"| {rank} | {score.name}{marker} | {score.total:.2f} | " + " | ".join(cells) + " |"
    return f"{rank:>2}. {score.name + marker:<22} {score.total:.2f}   " + "  ".join(
        f"{_label(c, language)[:4]} {cell}" for c, cell in zip(CRITERIA, cells, strict=True)
    )


def render(comparison: Comparison, context: Context, fmt: CompareFormat, language: str) -> bytes:
    if fmt is CompareFormat.JSON:
        return (
            json.dumps(to_json(comparison, context), ensure_ascii=False, indent=2) + "\n"
        ).encode()
    if fmt is CompareFormat.PDF:
        return _pdf(comparison, context, language)
    text = "\n".join(_lines(comparison, context, language, fmt is CompareFormat.MARKDOWN))
    return (text.rstrip() + "\n").encode()


def _pdf(comparison: Comparison, context: Context, language: str) -> bytes:
    """Through the document renderer, so the comparison looks like the other documents."""
    from compliance.documents.model import (
        BulletList,
        Document,
        DocumentMeta,
        FactTable,
        Heading,
        Paragraph,
    )
    from compliance.render.pdf import render_pdf

    words = _WORDS[language]
    blocks: list[Any] = [Paragraph(line) for line in _summary(comparison, context, language)]
    rows = tuple(
        (
            f"{rank}. {s.name}" + (" *" if s.key in context.profile_messengers else ""),
            f"{s.total:.2f} ("
            + ", ".join(f"{_label(c, language)} {s.criteria[c].score:.2f}" for c in CRITERIA)
            + ")",
        )
        for rank, s in enumerate(comparison.ranking, start=1)
    )
    blocks.append(FactTable(rows, caption=words["total"]))
    verdict, best = _verdict(comparison, language)
    blocks.append(Paragraph(verdict, style="notice"))
    if best:
        blocks.append(BulletList(tuple(best)))
    for score in comparison.ranking:
        blocks.append(Heading(score.name, level=2))
        blocks.append(BulletList(tuple(_details(score, language))))
    sha = scoring_sha256()
    meta = DocumentMeta(
        document_id=f"MC-{sha[:12].upper()}",
        template_id="messenger_scoring",
        template_version=str(scoring_rules().version),
        template_sha256=sha,
        language=language,
        author="compliance",
        footer=f"{words['title']} · {comparison.as_of.isoformat()} · SHA-256 {sha[:12]}"
        " · {page}/{pages}",
    )
    return render_pdf(Document(title=words["title"], meta=meta, blocks=tuple(blocks)))
