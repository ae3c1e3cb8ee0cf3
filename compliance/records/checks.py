"""``compliance record --check``: what is missing or doubtful in the practice's activities.

Each finding names the activity and the field. A *missing* item is one the record must hold
(Art. 30(1) GDPR, Art. 28 agreements, § 203 StGB undertakings, an Art. 9 basis, a DPIA the
screening asks for); a *doubtful* one needs a second look (an unverified period, no
documented DPIA screening). Missing items make the command exit with 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from compliance import catalog
from compliance.profile import Country, PracticeProfile
from compliance.records.model import DpiaResult, RecipientKind, text_in
from compliance.records.resolve import ResolvedActivity, resolve_activities


class Level(StrEnum):
    MISSING = "missing"
    DOUBTFUL = "doubtful"


class Kind(StrEnum):
    """What a finding is about (one test per kind)."""

    NO_NAME = "no_name"
    NO_PURPOSE = "no_purpose"
    NO_DATA_SUBJECTS = "no_data_subjects"
    NO_DATA_CATEGORIES = "no_data_categories"
    NO_LEGAL_BASIS = "no_legal_basis"
    UNKNOWN_LEGAL_BASIS = "unknown_legal_basis"
    SPECIAL_WITHOUT_BASIS = "special_without_basis"
    INTEREST_NOT_NAMED = "interest_not_named"
    TRANSFER_WITHOUT_BASIS = "transfer_without_basis"
    TRANSFER_UNKNOWN = "transfer_unknown"
    PROCESSOR_WITHOUT_AGREEMENT = "processor_without_agreement"
    NO_SECRECY_UNDERTAKING = "no_secrecy_undertaking"
    NO_RETENTION = "no_retention"
    PERIOD_WITHOUT_LENGTH = "period_without_length"
    PERIOD_WITHOUT_SOURCE = "period_without_source"
    PERIOD_UNVERIFIED = "period_unverified"
    NO_MEASURES = "no_measures"
    NO_DPIA_SCREENING = "no_dpia_screening"
    DPIA_OUTSTANDING = "dpia_outstanding"
    DPIA_DOUBTFUL = "dpia_doubtful"
    NO_CREATED_DATE = "no_created_date"
    NO_CONTROLLERS = "no_controllers"


@dataclass(frozen=True)
class CheckFinding:
    level: Level
    kind: Kind
    activity: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.level.value}: {self.activity}: {self.field}: {self.message}"


def _activity_findings(activity: ResolvedActivity, profile: PracticeProfile) -> list[CheckFinding]:
    found: list[CheckFinding] = []

    def add(level: Level, kind: Kind, field: str, message: str) -> None:
        found.append(CheckFinding(level, kind, activity.key, field, message))

    missing, doubtful = Level.MISSING, Level.DOUBTFUL
    if activity.name is None:
        add(missing, Kind.NO_NAME, "name", "the activity has no name")
    if not activity.purposes:
        add(missing, Kind.NO_PURPOSE, "purposes", "no purpose (Art. 30(1)(b))")
    if not activity.data_subjects:
        add(missing, Kind.NO_DATA_SUBJECTS, "data_subjects", "no data subjects (Art. 30(1)(c))")
    if not activity.data_categories:
        add(missing, Kind.NO_DATA_CATEGORIES, "data_categories", "no data (Art. 30(1)(c))")
    for reference in activity.unknown_bases:
        add(
            missing,
            Kind.UNKNOWN_LEGAL_BASIS,
            "legal_bases",
            f"'{reference}' is no key of checklists/legal_bases.yaml with a text for "
            f"{profile.jurisdiction.country.value}",
        )
    if not activity.legal_bases and not activity.unknown_bases:
        add(missing, Kind.NO_LEGAL_BASIS, "legal_bases", "no legal basis (Art. 6 GDPR)")
    elif activity.special and not any(basis.special for basis in activity.legal_bases):
        add(
            missing,
            Kind.SPECIAL_WITHOUT_BASIS,
            "legal_bases",
            "special categories of data (Art. 9) without an Art. 9(2) legal basis",
        )
    if any(basis.interest for basis in activity.legal_bases) and not activity.legitimate_interests:
        add(
            doubtful,
            Kind.INTEREST_NOT_NAMED,
            "legitimate_interests",
            "Art. 6(1)(f) is named but not the interests pursued (Art. 13(1)(d))",
        )
    secrecy = catalog.secrecy_duty(profile).applies and profile.jurisdiction.country is Country.DE
    for recipient in activity.recipients:
        where = f"recipients[{recipient.key or text_in(recipient.name, 'en')}]"
        if recipient.third_country is not None and recipient.transfer_basis is None:
            add(
                missing,
                Kind.TRANSFER_WITHOUT_BASIS,
                where,
                "third-country transfer without a transfer basis (Art. 30(1)(e), Art. 44 ff.)",
            )
        if recipient.third_country_unknown:
            add(
                doubtful,
                Kind.TRANSFER_UNKNOWN,
                where,
                "whether data go to a third country is not known; check with the provider",
            )
        if recipient.kind is RecipientKind.PROCESSOR and recipient.agreement_signed is None:
            add(
                missing,
                Kind.PROCESSOR_WITHOUT_AGREEMENT,
                where,
                "processor without a signed Art. 28 agreement (activities.processing_agreements)",
            )
        if (
            secrecy
            and recipient.kind is RecipientKind.PROCESSOR
            and not (recipient.secrecy_undertaking)
        ):
            add(
                missing,
                Kind.NO_SECRECY_UNDERTAKING,
                where,
                "service provider not obliged to secrecy (§ 203 Abs. 3/4 StGB; "
                "activities.secrecy_undertakings)",
            )
    if not activity.retention:
        add(missing, Kind.NO_RETENTION, "retention", "no deletion period (Art. 30(1)(f))")
    for number, period in enumerate(activity.retention):
        where = f"retention[{period.rule or number}]"
        if not period.has_length:
            add(missing, Kind.PERIOD_WITHOUT_LENGTH, where, "the period has no length")
        if period.source is None:
            add(missing, Kind.PERIOD_WITHOUT_SOURCE, where, "the period names no legal source")
        elif not period.confirmed:
            add(
                doubtful,
                Kind.PERIOD_UNVERIFIED,
                where,
                "the period and its source are not verified for this country; check them",
            )
    if not activity.measures:
        add(doubtful, Kind.NO_MEASURES, "measures", "no security measures named (Art. 30(1)(g))")
    dpia = activity.dpia
    if dpia is None:
        add(doubtful, Kind.NO_DPIA_SCREENING, "dpia", "no documented DPIA screening (Art. 35)")
    elif dpia.result is DpiaResult.REQUIRED:
        add(missing, Kind.DPIA_OUTSTANDING, "dpia", "the screening calls for a DPIA (Art. 35)")
    elif (
        # The preset's general screening does not weigh health data leaving the EU/EEA or
        # Switzerland; the practice documents its own screening for such an activity.
        dpia.result is DpiaResult.NOT_REQUIRED
        and activity.dpia_from_preset
        and activity.special
        and any(r.third_country is not None for r in activity.recipients)
    ):
        add(
            doubtful,
            Kind.DPIA_DOUBTFUL,
            "dpia",
            "special categories go to a recipient in a third country; document your own "
            "screening (dpia) against the DSK list of processing that always needs a DPIA",
        )
    if activity.created is None:
        add(doubtful, Kind.NO_CREATED_DATE, "created", "no creation date (activities.created)")
    return found


def check_record(profile: PracticeProfile, *, processor: bool = False) -> list[CheckFinding]:
    """Every missing or doubtful item, activity by activity, missing ones first per activity."""
    findings: list[CheckFinding] = []
    if processor and not profile.activities.on_behalf_of:
        findings.append(
            CheckFinding(
                Level.MISSING,
                Kind.NO_CONTROLLERS,
                "record",
                "on_behalf_of",
                "the processor's record names no controller (Art. 30(2)(a))",
            )
        )
    for activity in resolve_activities(profile):
        found = _activity_findings(activity, profile)
        findings.extend(sorted(found, key=lambda f: f.level is not Level.MISSING))
    return findings
