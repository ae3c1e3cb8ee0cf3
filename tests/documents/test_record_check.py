"""`compliance record --check`: one planted defect of each kind is found; the example is clean."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from compliance.profile import load_profile
from compliance.records.checks import Kind, Level, check_record
from tests.documents.conftest import EXAMPLE, example_data
from tests.documents.records_helpers import run


def test_silent_on_the_complete_example() -> None:
    code, out, err = run("record", str(EXAMPLE), "--check")
    assert code == 0, err
    assert out == ""
    assert "0 missing, 0 doubtful" in err


def _agreements_without(key: str) -> dict[str, Any]:
    agreements = dict(example_data()["activities"]["processing_agreements"])
    del agreements[key]
    return agreements


def _undertakings_without(key: str) -> list[str]:
    return [k for k in example_data()["activities"]["secrecy_undertakings"] if k != key]


# (planted defect as profile changes, kind, activity, field, level)
DEFECTS: list[tuple[str, dict[str, Any], Kind, str, str, Level]] = [
    (
        "art9_without_art9_basis",
        {"activities__entries__session_documentation": {"legal_bases": ["documentation_duty"]}},
        Kind.SPECIAL_WITHOUT_BASIS,
        "session_documentation",
        "legal_bases",
        Level.MISSING,
    ),
    (
        "third_country_without_transfer_basis",
        {
            "activities__entries__email": {
                "recipients": [
                    {
                        "key": "mail_provider",
                        "name": "Mail Inc.",
                        "kind": "processor",
                        "third_country": "USA",
                    }
                ]
            }
        },
        Kind.TRANSFER_WITHOUT_BASIS,
        "email",
        "recipients[mail_provider]",
        Level.MISSING,
    ),
    (
        "period_without_source",
        {
            "activities__entries__billing": {
                "retention": [{"data": "Belege", "years": 8, "trigger": "end_of_year"}]
            }
        },
        Kind.PERIOD_WITHOUT_SOURCE,
        "billing",
        "retention[0]",
        Level.MISSING,
    ),
    (
        "period_without_length",
        {"activities__entries__billing": {"retention": [{"data": "Belege", "source": "§ 147 AO"}]}},
        Kind.PERIOD_WITHOUT_LENGTH,
        "billing",
        "retention[0]",
        Level.MISSING,
    ),
    (
        "processor_without_agreement",
        {"activities__processing_agreements": _agreements_without("web_host")},
        Kind.PROCESSOR_WITHOUT_AGREEMENT,
        "website",
        "recipients[web_host]",
        Level.MISSING,
    ),
    (
        "no_203_undertaking",
        {"activities__secrecy_undertakings": _undertakings_without("it_support")},
        Kind.NO_SECRECY_UNDERTAKING,
        "client_administration",
        "recipients[it_support]",
        Level.MISSING,
    ),
    (
        "dpia_called_for",
        {"activities__entries__session_documentation": {"dpia": {"result": "required"}}},
        Kind.DPIA_OUTSTANDING,
        "session_documentation",
        "dpia",
        Level.MISSING,
    ),
    (
        "no_dpia_screening",
        {
            "activities__entries__online_tests": {
                "name": "Online-Fragebögen",
                "purposes": ["Diagnostik"],
                "legal_bases": ["contract", "health_care"],
                "data_subjects": ["Klientinnen und Klienten"],
                "data_categories": [{"name": "Testergebnisse", "special": True}],
                "retention": [{"rule": "treatment_record"}],
                "measures": ["access_control"],
            }
        },
        Kind.NO_DPIA_SCREENING,
        "online_tests",
        "dpia",
        Level.DOUBTFUL,
    ),
    (
        "activity_without_purpose",
        {"activities__entries__newsletter": {"name": "Newsletter"}},
        Kind.NO_PURPOSE,
        "newsletter",
        "purposes",
        Level.MISSING,
    ),
    (
        "activity_without_name",
        {"activities__entries__newsletter": {"purposes": ["Information"]}},
        Kind.NO_NAME,
        "newsletter",
        "name",
        Level.MISSING,
    ),
    (
        "activity_without_data_subjects",
        {"activities__entries__newsletter": {"name": "Newsletter"}},
        Kind.NO_DATA_SUBJECTS,
        "newsletter",
        "data_subjects",
        Level.MISSING,
    ),
    (
        "activity_without_data",
        {"activities__entries__newsletter": {"name": "Newsletter"}},
        Kind.NO_DATA_CATEGORIES,
        "newsletter",
        "data_categories",
        Level.MISSING,
    ),
    (
        "no_legal_basis",
        {"activities__entries__appointments": {"legal_bases": []}},
        Kind.NO_LEGAL_BASIS,
        "appointments",
        "legal_bases",
        Level.MISSING,
    ),
    (
        "misspelt_legal_basis_key",
        {"activities__entries__appointments": {"legal_bases": ["contrat"]}},
        Kind.UNKNOWN_LEGAL_BASIS,
        "appointments",
        "legal_bases",
        Level.MISSING,
    ),
    (
        "legitimate_interest_not_named",
        {
            "activities__entries__email": {
                "legal_bases": ["contract", "legitimate_interest", "health_care"]
            }
        },
        Kind.INTEREST_NOT_NAMED,
        "email",
        "legitimate_interests",
        Level.DOUBTFUL,
    ),
    (
        "third_country_not_known",
        {"messaging__messengers": ["element"]},
        Kind.TRANSFER_UNKNOWN,
        "messenger",
        "recipients[element]",
        Level.DOUBTFUL,
    ),
    (
        "no_retention",
        {"activities__entries__billing": {"retention": []}},
        Kind.NO_RETENTION,
        "billing",
        "retention",
        Level.MISSING,
    ),
    (
        "no_measures",
        {"activities__entries__billing": {"measures": []}},
        Kind.NO_MEASURES,
        "billing",
        "measures",
        Level.DOUBTFUL,
    ),
    (
        "dpia_screening_doubtful",
        {
            "activities__entries__email": {
                "recipients": [
                    {
                        "key": "mail_provider",
                        "name": "Mail Inc.",
                        "kind": "processor",
                        "third_country": "USA",
                        "transfer_basis": "Standardvertragsklauseln (Art. 46 Abs. 2 lit. c DSGVO)",
                    }
                ]
            }
        },
        Kind.DPIA_DOUBTFUL,
        "email",
        "dpia",
        Level.DOUBTFUL,
    ),
    (
        "no_created_date",
        {"activities__created": None},
        Kind.NO_CREATED_DATE,
        "billing",
        "created",
        Level.DOUBTFUL,
    ),
    (
        "unverified_period",
        {"jurisdiction": {"country": "AT"}},
        Kind.PERIOD_UNVERIFIED,
        "billing",
        "retention[invoices]",
        Level.DOUBTFUL,
    ),
]


@pytest.mark.parametrize(
    ("changes", "kind", "activity", "field", "level"),
    [d[1:] for d in DEFECTS],
    ids=[d[0] for d in DEFECTS],
)
def test_finds_each_planted_defect(
    make_profile: Callable[..., Path],
    changes: dict[str, Any],
    kind: Kind,
    activity: str,
    field: str,
    level: Level,
) -> None:
    profile = make_profile(**changes)
    findings = check_record(load_profile(profile))
    assert any(
        f.kind is kind and f.activity == activity and f.field == field and f.level is level
        for f in findings
    ), [str(f) for f in findings]
    code, out, _ = run("record", str(profile), "--check")
    assert f"{level.value}: {activity}: {field}: " in out
    assert code == (1 if any(f.level is Level.MISSING for f in findings) else 0)


def test_every_kind_has_a_planted_defect() -> None:
    planted = {defect[2] for defect in DEFECTS} | {Kind.NO_CONTROLLERS}
    assert planted == set(Kind)


def test_processor_record_without_controllers_is_missing_them() -> None:
    code, out, _ = run("record", str(EXAMPLE), "--check", "--role", "processor")
    assert code == 1
    assert out.startswith("missing: record: on_behalf_of: ")


@pytest.mark.parametrize(
    ("bases", "art9_found"),
    [
        (["Art. 6 Abs. 1 lit. b DSGVO"], False),
        (["Art. 6 Abs. 1 lit. b DSGVO", "Art. 9 Abs. 2 lit. a DSGVO"], True),
        (["Art. 6(1)(b) GDPR", "Art. 9(2)(h) GDPR"], True),
        (["contract", "health_care"], True),
        (["contract"], False),
    ],
)
def test_art9_basis_written_out_or_by_key(
    make_profile: Callable[..., Path], bases: list[str], art9_found: bool
) -> None:
    profile = make_profile(activities__entries__session_documentation={"legal_bases": bases})
    kinds = {f.kind for f in check_record(load_profile(profile))}
    assert (Kind.SPECIAL_WITHOUT_BASIS not in kinds) is art9_found


def test_own_screening_settles_the_doubt(make_profile: Callable[..., Path]) -> None:
    entries = dict(example_data()["activities"]["entries"])
    del entries["messenger"]  # back to the preset's general screening
    findings = check_record(load_profile(make_profile(activities__entries=entries)))
    assert [(f.kind, f.activity) for f in findings] == [(Kind.DPIA_DOUBTFUL, "messenger")]
    assert check_record(load_profile(EXAMPLE)) == []  # the example documents its own
