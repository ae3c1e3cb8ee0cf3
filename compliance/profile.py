"""The practice profile (``practice.yaml``): pydantic models, validated on load.

Everything a document or an audit needs to know about the practice comes from
here. Facts that follow from other facts (whether a criminal-law secrecy duty
applies, which supervisory authority is competent) are derived by
:mod:`compliance.catalog` and can be overridden in the profile.
"""

from __future__ import annotations

import re
from datetime import date, time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from compliance.messenger_use import MessengerUse
from compliance.records.model import Activities
from compliance.yamlio import LoadedYaml, load_yaml, validate

PROFILE_VERSION = 1

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    """Base of every profile model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Profession(StrEnum):
    """The professions the documents know, each with its own legal situation."""

    PSYCHOTHERAPIST = "psychotherapist"
    CHILD_PSYCHOTHERAPIST = "child_adolescent_psychotherapist"
    HEILPRAKTIKER_PSYCHOTHERAPY = "heilpraktiker_psychotherapy"
    PSYCHOLOGICAL_COUNSELLOR = "psychological_counsellor"
    SOCIAL_WORKER = "social_worker"
    COACH = "coach"
    SUPERVISOR = "supervisor"


class Country(StrEnum):
    DE = "DE"
    AT = "AT"
    CH = "CH"


class GermanState(StrEnum):
    """ISO 3166-2 codes of the German states, without the ``DE-`` prefix."""

    BW = "BW"
    BY = "BY"
    BE = "BE"
    BB = "BB"
    HB = "HB"
    HH = "HH"
    HE = "HE"
    MV = "MV"
    NI = "NI"
    NW = "NW"
    RP = "RP"
    SL = "SL"
    SN = "SN"
    ST = "ST"
    SH = "SH"
    TH = "TH"


class Language(StrEnum):
    DE = "de"
    EN = "en"


class AllowedContent(StrEnum):
    """What may be sent by messenger; the client ticks each one on the consent form."""

    APPOINTMENTS = "appointments"
    SESSION_PHOTOS = "session_photos"
    AUDIO_EXERCISES = "audio_exercises"
    HOMEWORK = "homework"
    IMPULSES = "impulses"


class ExcludedContent(StrEnum):
    """What is never sent by messenger."""

    CRISES = "crises"
    DIAGNOSES = "diagnoses"
    REPORTS = "reports"
    INVOICES = "invoices"


class Alternative(StrEnum):
    """Channels offered instead of the messenger (consent must stay voluntary, Art. 7(4))."""

    PHONE = "phone"
    EMAIL = "email"
    POST = "post"
    IN_PERSON = "in_person"
    VIDEO = "video"
    PORTAL = "portal"


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


class TimeSpan(Strict):
    """A span of reachable time within one day, e.g. 09:00–12:00."""

    start: time
    end: time

    @model_validator(mode="after")
    def _ordered(self) -> TimeSpan:
        if self.end <= self.start:
            raise ValueError("the end of a time span must be after its start")
        return self


def _parse_spans(value: Any) -> Any:
    """Accept ``"09:00-12:00, 14:00-17:00"`` as well as a list of such strings."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        return value
    spans: list[Any] = []
    for item in items:
        if not isinstance(item, str):
            spans.append(item)
            continue
        match = _SPAN.match(item)
        if not match:
            raise ValueError(f"'{item.strip()}' is not a time span like 09:00-17:00")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h2 == 24 and m2 == 0:
            h2, m2 = 23, 59
        if max(h1, h2) > 23 or max(m1, m2) > 59:
            raise ValueError(f"'{item.strip()}' is not a valid time of day")
        spans.append({"start": time(h1, m1), "end": time(h2, m2)})
    return spans


class Vacation(Strict):
    """A period in which the practitioner does not answer messages."""

    start: date = Field(alias="from")
    end: date = Field(alias="to")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _ordered(self) -> Vacation:
        if self.end < self.start:
            raise ValueError("'to' must not be before 'from'")
        return self


class Availability(Strict):
    """When the practitioner reads and answers messages (the agreement and the audit use it)."""

    hours: dict[Weekday, list[TimeSpan]] = Field(
        default_factory=lambda: {
            day: [TimeSpan(start=time(9), end=time(17))]
            for day in (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)
        }
    )
    response_time_working_days: int = Field(default=2, ge=1, le=14)
    public_holidays_off: bool = True
    vacations: list[Vacation] = Field(default_factory=list)

    @field_validator("hours", mode="before")
    @classmethod
    def _spans(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {day: _parse_spans(spans) for day, spans in value.items()}
        return value


class Practitioner(Strict):
    name: NonEmpty
    title: str | None = None
    profession: Profession
    gender: Literal["female", "male"] | None = Field(
        default=None, description="chooses the form of the profession's name; both forms if empty"
    )
    chamber: str | None = Field(default=None, description="chamber or professional association")
    state_recognised_psychology_degree: bool = Field(
        default=False,
        description="holds a state-recognised academic psychology degree "
        "(§ 203 Abs. 1 Nr. 2 StGB binds psychological counsellors only then)",
    )


class Practice(Strict):
    name: NonEmpty
    street: NonEmpty
    postal_code: NonEmpty
    city: NonEmpty
    phone: NonEmpty
    email: EmailStr
    website: str | None = None


class AuthorityAddress(Strict):
    """A supervisory authority given in full, to override the catalogue's entry."""

    name: NonEmpty
    street: NonEmpty
    postal_code: NonEmpty
    city: NonEmpty
    country: Country
    website: str | None = None


class Jurisdiction(Strict):
    country: Country
    state: GermanState | None = Field(
        default=None, validate_default=True, description="German state (required in DE)"
    )
    region: str | None = Field(
        default=None,
        description="Austrian state or Swiss canton, for its public holidays (e.g. Wien, ZH)",
    )
    supervisory_authority: str | AuthorityAddress | None = Field(
        default=None, description="catalogue key (e.g. DE-BE) or a full address; derived if absent"
    )

    @field_validator("state")
    @classmethod
    def _state_fits_country(cls, value: GermanState | None, info: ValidationInfo) -> Any:
        country = info.data.get("country")
        if country is Country.DE and value is None:
            raise ValueError("a practice in Germany needs its state (e.g. state: BE)")
        if country is not None and country is not Country.DE and value is not None:
            raise ValueError("'state' is only used for practices in Germany")
        return value

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str | None, info: ValidationInfo) -> str | None:
        """The holiday calendar's code for an Austrian state or a Swiss canton."""
        if value is None:
            return None
        country = info.data.get("country")
        if country is None:
            return value
        if country is Country.DE:
            raise ValueError("in Germany the state is given as 'state' (e.g. state: BE)")
        import holidays  # only when a region is given: the calendars are large

        calendar = holidays.country_holidays(country.value)
        by_name = {code.casefold(): code for code in calendar.subdivisions}
        aliases = getattr(calendar, "subdivisions_aliases", {})
        by_name.update({alias.casefold(): code for alias, code in aliases.items()})
        code = by_name.get(value.strip().casefold())
        if code is None:
            examples = "Wien, Tirol, 9" if country is Country.AT else "ZH, BE, GE"
            raise ValueError(f"unknown region '{value}' for {country.value} (e.g. {examples})")
        return str(code)

    @field_validator("supervisory_authority")
    @classmethod
    def _known_authority(cls, value: Any, info: ValidationInfo) -> Any:
        known = (info.context or {}).get("authorities")
        if isinstance(value, str) and known is not None and value not in known:
            raise ValueError(
                f"unknown supervisory authority '{value}'; known keys: {', '.join(sorted(known))}"
            )
        return value


class DataProtectionOfficer(Strict):
    name: NonEmpty
    email: EmailStr
    phone: str | None = None
    address: str | None = None


class Messaging(Strict):
    """How the messenger is used with clients."""

    messengers: list[str] = Field(min_length=1, description="keys into checklists/messengers.yaml")
    allowed_content: list[AllowedContent] = Field(default_factory=lambda: list(AllowedContent))
    excluded_content: list[ExcludedContent] = Field(default_factory=lambda: list(ExcludedContent))
    alternatives: list[Alternative] = Field(
        default_factory=lambda: [Alternative.PHONE, Alternative.EMAIL, Alternative.IN_PERSON]
    )
    retention_days: int = Field(
        default=30, ge=1, le=365, description="days messenger content stays on the device"
    )
    read_receipts: bool = Field(default=False, description="whether read receipts are switched on")
    processing_agreements: dict[str, date] = Field(
        default_factory=dict,
        description="messenger key -> date a processing agreement (Art. 28 GDPR / Art. 9 DSG) "
        "with its provider was signed; offered is not signed",
    )

    @field_validator("messengers")
    @classmethod
    def _known_messengers(cls, value: list[str], info: ValidationInfo) -> list[str]:
        known = (info.context or {}).get("messengers")
        if known is not None:
            for key in value:
                if key not in known:
                    raise ValueError(
                        f"unknown messenger '{key}'; known: {', '.join(sorted(known))}"
                    )
        if len(set(value)) != len(value):
            raise ValueError("a messenger is listed twice")
        return value

    @model_validator(mode="after")
    def _agreements_for_used_messengers(self) -> Messaging:
        for key in self.processing_agreements:
            if key not in self.messengers:
                raise ValueError(
                    f"processing_agreements names '{key}', which is not in 'messengers'"
                )
        return self

    @field_validator("allowed_content", "excluded_content", "alternatives")
    @classmethod
    def _no_duplicates(cls, value: list[Any]) -> list[Any]:
        if len(set(value)) != len(value):
            raise ValueError("an entry is listed twice")
        return value


class Confidentiality(Strict):
    """Override for the professional secrecy duty, which is otherwise derived."""

    secrecy_duty_applies: bool | None = Field(
        default=None,
        description="True/False to override; empty = derived from profession and country",
    )


class PracticeProfile(Strict):
    """The whole ``practice.yaml``."""

    version: int = PROFILE_VERSION
    practitioner: Practitioner
    practice: Practice
    jurisdiction: Jurisdiction
    data_protection_officer: DataProtectionOfficer | None = None
    confidentiality: Confidentiality = Field(default_factory=Confidentiality)
    timezone: str = "Europe/Berlin"
    languages: list[Language] = Field(default_factory=lambda: [Language.DE], min_length=1)
    messaging: Messaging
    availability: Availability = Field(default_factory=Availability)
    messenger_use: MessengerUse = Field(default_factory=MessengerUse)
    minors: bool = Field(default=False, description="the practice also works with minors")
    activities: Activities = Field(
        default_factory=Activities, description="processing activities (presets apply if absent)"
    )

    @field_validator("version")
    @classmethod
    def _supported_version(cls, value: int) -> int:
        if value != PROFILE_VERSION:
            raise ValueError(
                f"profile version {value} is not supported (expected {PROFILE_VERSION})"
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{value}' (e.g. Europe/Berlin)") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def validation_context() -> dict[str, Any]:
    """The catalogue keys a profile may refer to (messengers, supervisory authorities)."""
    from compliance import catalog  # late import: catalog imports this module

    return {
        "messengers": set(catalog.messengers().keys()),
        "authorities": set(catalog.authorities().keys()),
    }


def parse_profile(loaded: LoadedYaml) -> PracticeProfile:
    """Validate an already parsed profile; problems raise :class:`InputError`."""
    return validate(loaded, PracticeProfile, context=validation_context())


def load_profile(path: Path) -> PracticeProfile:
    """Load and validate a practice profile; problems raise :class:`InputError`."""
    return parse_profile(load_yaml(Path(path)))
