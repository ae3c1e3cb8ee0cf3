"""Property: whatever the profession, country and dropped presets, the notice names every
recipient and period the record holds, and the check never fails on a preset profile."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.documents.notice import build_notice
from compliance.profile import PracticeProfile, Profession, validation_context
from compliance.records import catalogue
from compliance.records.checks import Kind, check_record
from compliance.records.export import build_export
from tests.documents.conftest import example_data, normalise

JURISDICTIONS = [{"country": "DE", "state": "BE"}, {"country": "AT"}, {"country": "CH"}]


def _profile(profession: str, jurisdiction: dict[str, str], dropped: list[str]) -> PracticeProfile:
    data: dict[str, Any] = example_data()
    data["practitioner"]["profession"] = profession
    data["jurisdiction"] = jurisdiction
    data["activities"]["entries"] = {key: {"drop": True} for key in dropped}
    return PracticeProfile.model_validate(data, context=validation_context())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    profession=st.sampled_from([p.value for p in Profession]),
    jurisdiction=st.sampled_from(JURISDICTIONS),
    dropped=st.lists(st.sampled_from(sorted(catalogue.presets())), unique=True),
    language=st.sampled_from(["de", "en"]),
)
def test_notice_covers_the_record(
    profession: str, jurisdiction: dict[str, str], dropped: list[str], language: str
) -> None:
    profile = _profile(profession, jurisdiction, dropped)
    export = build_export(profile, language, generated=date(2026, 12, 7))
    assert not {a.key for a in export.activities} & set(dropped)
    text = normalise(build_notice(profile, language).text())
    for activity in export.activities:
        if activity.key == "staff":
            continue
        for recipient in activity.recipients:
            assert normalise(recipient.name) in text
        for period in activity.retention:
            assert normalise(f"{period.data}: {period.period}") in text
    if jurisdiction["country"] == "CH":
        assert "DSGVO" not in text and "GDPR" not in text
        assert "DSGVO" not in export.model_dump_json() and "GDPR" not in export.model_dump_json()
    # Presets are complete: only what the practice must add itself can be missing.
    own_part = {Kind.PROCESSOR_WITHOUT_AGREEMENT, Kind.NO_SECRECY_UNDERTAKING}
    for finding in check_record(profile):
        assert finding.level.value == "doubtful" or finding.kind in own_part, str(finding)
