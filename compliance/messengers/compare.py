"""Scores every messenger in the catalogue on spread, cost, usability and data protection.

The rules are data (``checklists/messenger_scoring.yaml``); each score carries the
reasons it was made from, which facts were uncertain and which were old, so the
practitioner can see why a messenger ranks where it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from compliance import catalog
from compliance.catalog import Confidence, Fact, LocalizedText, Messenger
from compliance.errors import UsageError
from compliance.messengers import rules as rules_module
from compliance.messengers.facts import flag, is_known, text_values
from compliance.messengers.rules import CRITERIA, Survey, scoring_rules, spread_data
from compliance.profile import Country


@dataclass(frozen=True)
class Reason:
    text: LocalizedText
    points: float | None = None


@dataclass
class CriterionScore:
    score: float
    reasons: list[Reason] = field(default_factory=list)


@dataclass
class MessengerScore:
    key: str
    name: str
    status: str
    criteria: dict[str, CriterionScore]
    total: float = 0.0
    uncertain: list[str] = field(default_factory=list)  # fact names not confirmed
    stale: list[str] = field(default_factory=list)  # fact names checked too long ago


@dataclass
class Comparison:
    weights: dict[str, float]
    country: Country
    survey_country: Country | None
    survey: Survey | None
    as_of: date
    ranking: list[MessengerScore]
    best_per_criterion: dict[str, list[str]]
    clear_winner: bool


def parse_weights(text: str | None) -> dict[str, float]:
    """``privacy=5,spread=1`` over the defaults; unknown names list the valid ones."""
    weights = dict(scoring_rules().weights)
    if not text:
        return weights
    for part in text.split(","):
        if not part.strip():
            continue
        name, _, value = part.partition("=")
        name = name.strip()
        if name not in CRITERIA:
            raise UsageError(f"unknown weight '{name}'; valid: {', '.join(CRITERIA)}")
        try:
            weights[name] = float(value)
        except ValueError:
            raise UsageError(f"weight '{name}' needs a number (e.g. {name}=2)") from None
        if weights[name] < 0:
            raise UsageError(f"weight '{name}' must not be negative")
    if not any(weights.values()):
        raise UsageError("at least one weight must be above 0")
    return weights


def fact_yes_no(name: str, fact: Fact) -> bool | None:
    """A fact as yes/no for scoring; texts mean "present" unless `text_values` says more."""
    if name in text_values() or isinstance(fact.value, bool):
        return flag(name, fact)
    if fact.value is None:
        return False if is_known(fact) else None
    return True


def _survey(country: Country) -> tuple[Country | None, Survey | None]:
    data = spread_data()
    chosen = country if country in data.surveys else data.fallback.get(country)
    return chosen, data.surveys.get(chosen) if chosen else None


def _spread(key: str, survey: Survey | None) -> CriterionScore:
    rule = scoring_rules().criteria.spread
    if survey is None or key not in survey.shares:
        where = f"{survey.name} {survey.year}" if survey else "—"
        return CriterionScore(
            rule.missing,
            [
                Reason(
                    LocalizedText(
                        de=f"nicht in der Umfrage ({where})", en=f"not in the survey ({where})"
                    )
                )
            ],
        )
    top = max(survey.shares.values())
    share = survey.shares[key]
    text = f"{share:g} % ({survey.name}, {survey.year})"
    return CriterionScore(share / top, [Reason(LocalizedText(de=text, en=text))])


def _cost(messenger: Messenger) -> CriterionScore:
    rule = scoring_rules().criteria.cost
    fact = messenger.facts.cost
    value = fact.value
    text = (
        value.en if isinstance(value, LocalizedText) else (value if isinstance(value, str) else "")
    )
    words = re.findall(r"[a-z]+", text.lower())
    word = rule.words.get(words[0]) if words and is_known(fact) else None
    chosen = word or rule.unknown
    described = value if isinstance(value, LocalizedText) else LocalizedText(de=text, en=text)
    reasons = [
        Reason(described),
        Reason(
            LocalizedText(
                de=f"für Klienten {chosen.client:g}, für die Praxis {chosen.practice:g}",
                en=f"for clients {chosen.client:g}, for the practice {chosen.practice:g}",
            )
        ),
    ]
    if word and word.explain and word.explain.en != described.en:
        reasons.insert(1, Reason(word.explain))
    return CriterionScore((chosen.client + chosen.practice) / 2, reasons)


def _usability(messenger: Messenger) -> CriterionScore:
    rule = scoring_rules().criteria.usability
    points, reasons = [], []
    for point in rule.points:
        answer = fact_yes_no(point.fact, getattr(messenger.facts, point.fact))
        if answer is None:
            reasons.append(
                Reason(LocalizedText(de=f"{point.fact}: offen", en=f"{point.fact}: open"), 0.0)
            )
            points.append(0.0)
            continue
        value = point.yes if answer else point.no
        points.append(value)
        reasons.append(Reason(point.explain["yes" if answer else "no"], value))
    return CriterionScore(sum(points) / len(points), reasons)


def _privacy(key: str, messenger: Messenger) -> tuple[CriterionScore, list[str]]:
    rules = scoring_rules()
    factors = rules.confidence_factor
    extra = rules_module.assessment().get(key, {})
    total, reasons, open_items = 0.0, [], []
    for requirement in rules.criteria.privacy.requirements:
        name = requirement.fact or requirement.assessment or ""
        fact = getattr(messenger.facts, name) if requirement.fact else extra.get(name)
        answer = fact_yes_no(name, fact) if fact is not None else None
        label = requirement.label
        if answer is None:
            open_items.append(requirement.key)
            reasons.append(
                Reason(LocalizedText(de=f"{label.de}: offen", en=f"{label.en}: open"), 0.0)
            )
            continue
        met = answer is requirement.met
        assert fact is not None
        points = factors[fact.confidence] if met else 0.0
        total += points
        mark_de = "erfüllt" if met else "nicht erfüllt"
        mark_en = "met" if met else "not met"
        if fact.confidence is Confidence.UNVERIFIED:
            mark_de += " (nicht bestätigt)"
            mark_en += " (unverified)"
        reasons.append(
            Reason(LocalizedText(de=f"{label.de}: {mark_de}", en=f"{label.en}: {mark_en}"), points)
        )
    count = len(rules.criteria.privacy.requirements)
    return CriterionScore(total / count, reasons), open_items


def _quality(key: str, messenger: Messenger, as_of: date) -> tuple[list[str], list[str]]:
    limit = timedelta(days=scoring_rules().stale_after_days)
    facts = {name: getattr(messenger.facts, name) for name in catalog.MessengerFacts.model_fields}
    facts.update(rules_module.assessment().get(key, {}))
    uncertain = sorted(n for n, f in facts.items() if f.confidence is not Confidence.CONFIRMED)
    stale = sorted(n for n, f in facts.items() if as_of - f.checked_on > limit)
    return uncertain, stale


def compare(weights: dict[str, float], country: Country, as_of: date) -> Comparison:
    """Score and rank every messenger in the catalogue."""
    survey_country, survey = _survey(country)
    scores = []
    for key, messenger in catalog.messengers().items():
        privacy, _ = _privacy(key, messenger)
        criteria = {
            "spread": _spread(key, survey),
            "cost": _cost(messenger),
            "usability": _usability(messenger),
            "privacy": privacy,
        }
        uncertain, stale = _quality(key, messenger, as_of)
        weight_sum = sum(weights.values())
        total = sum(weights[c] * criteria[c].score for c in CRITERIA) / weight_sum
        scores.append(
            MessengerScore(
                key,
                messenger.name,
                messenger.status.value,
                criteria,
                round(total, 4),
                uncertain,
                stale,
            )
        )
    scores.sort(key=lambda s: (-s.total, s.key))
    best = {}
    for criterion in CRITERIA:
        top = max(s.criteria[criterion].score for s in scores)
        best[criterion] = [s.key for s in scores if s.criteria[criterion].score == top]
    leader = scores[0].key
    clear = all(leader in best[c] for c in CRITERIA if weights[c] > 0)
    return Comparison(weights, country, survey_country, survey, as_of, scores, best, clear)
