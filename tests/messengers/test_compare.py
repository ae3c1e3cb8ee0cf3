"""The messenger comparison: every entry scored, weights move the ranking, JSON fits its schema."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from compliance import catalog
from compliance.catalog import Confidence
from compliance.cli import cli
from compliance.messengers.compare import compare, parse_weights
from compliance.messengers.facts import messenger_risks
from compliance.messengers.rules import chamber_for
from compliance.profile import Country
from tests.conftest import REPO_ROOT

SCHEMA = REPO_ROOT / "compliance" / "schemas" / "messenger-comparison.schema.json"
EXAMPLE = REPO_ROOT / "examples" / "practice.yaml"
AS_OF = date(2026, 12, 7)


def _ranking(weights: str) -> list[str]:
    return [s.key for s in compare(parse_weights(weights), Country.DE, AS_OF).ranking]


def test_every_catalogue_entry_is_scored() -> None:
    comparison = compare(parse_weights(None), Country.DE, AS_OF)
    assert {s.key for s in comparison.ranking} == set(catalog.messengers())
    for score in comparison.ranking:
        assert 0 <= score.total <= 1
        for criterion in score.criteria.values():
            assert 0 <= criterion.score <= 1 and criterion.reasons


@pytest.mark.parametrize(
    ("weights", "first"),
    [
        ("spread=1,cost=0,usability=0,privacy=0", "whatsapp"),
        ("spread=0,cost=0,usability=0,privacy=1", "threema_work"),
    ],
)
def test_weights_change_the_ranking(weights: str, first: str) -> None:
    assert _ranking(weights)[0] == first


def test_more_privacy_weight_lifts_private_messengers() -> None:
    low = _ranking("privacy=1")
    high = _ranking("privacy=20")
    assert high.index("threema_work") < low.index("threema_work")
    assert high.index("whatsapp") > low.index("whatsapp")


def test_no_clear_winner_is_said_plainly() -> None:
    result = CliRunner().invoke(cli, ["messengers", "compare", "--weights", "privacy=5,spread=1"])
    assert result.exit_code == 0
    assert "No messenger is best on every criterion" in result.output


def test_json_validates_against_schema() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "messengers",
            "compare",
            "--for",
            str(EXAMPLE),
            "--format",
            "json",
            "--as-of",
            "2026-12-07",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["profile_messengers"] == ["signal"]
    assert next(r for r in data["ranking"] if r["key"] == "signal")["in_profile"] is True
    assert data["survey"]["year"] == 2021


def test_schema_rejects_a_broken_report() -> None:
    result = CliRunner().invoke(cli, ["messengers", "compare", "--format", "json"])
    data = json.loads(result.output)
    del data["ranking"][0]["criteria"]["privacy"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_chamber_position_for_profile(tmp_path: Path) -> None:
    assert chamber_for("psychotherapeutenkammer niedersachsen") is not None
    assert chamber_for("Psychotherapeutenkammer Berlin") is None
    profile = tmp_path / "p.yaml"
    profile.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace(
            "Psychotherapeutenkammer Berlin", "Psychotherapeutenkammer Niedersachsen"
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["messengers", "compare", "--for", str(profile), "--lang", "de"]
    )
    assert "vorherige Einwilligung" in result.output
    assert "Signal (in Ihrem Profil)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "--weights", "speed=2"], "valid: spread, cost, usability, privacy"),
        (["compare", "--weights", "privacy=x"], "needs a number"),
        (["show", "whatsup"], "valid: delta_chat"),
    ],
)
def test_bad_names_list_the_valid_ones(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["messengers", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_show_and_list() -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["messengers", "list"])
    assert listed.exit_code == 0 and "threema" in listed.output
    shown = runner.invoke(cli, ["messengers", "show", "threema"])
    assert shown.exit_code == 0
    assert "source:" in shown.output and "checked on 2026-11-27" in shown.output


def test_pdf_is_written(tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    result = CliRunner().invoke(cli, ["messengers", "compare", "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF")
    assert (
        CliRunner()
        .invoke(cli, ["messengers", "compare", "--format", "pdf", "-o", str(out)])
        .exit_code
        == 2
    )


RISK_FACT = {
    "no_e2e": "e2e_one_to_one",
    "no_e2e_groups": "e2e_groups",
    "phone_number": "phone_number_required",
    "provider_abroad": "jurisdiction",
    "third_country": "third_country_transfer",
    "address_book": "address_book_upload",
    "address_book_optional": "address_book_upload",
    "no_art28": "art28_agreement",
    "no_auto_delete": "disappearing_messages",
}


@pytest.mark.parametrize("key", sorted(catalog.messengers()))
def test_a_risk_is_certain_only_when_its_fact_is_confirmed(key: str) -> None:
    messenger = catalog.messengers()[key]
    for risk in messenger_risks(messenger, group_chats=True):
        fact = getattr(messenger.facts, RISK_FACT[risk.key])
        assert risk.certain == (fact.confidence is Confidence.CONFIRMED)
