"""Profile -> the practice's processing activities, with presets, catalogue facts and defaults.

This is the one source of the record, the privacy notice, the retention schedule and the
measures: each document renders what :func:`resolve_activities` returns and nothing else.
The messenger activity's recipients come from ``messaging.messengers`` and the messenger
catalogue, and the messenger retention period from ``messaging.retention_days``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from compliance import catalog
from compliance.catalog import Confidence, Fact, LocalizedText
from compliance.profile import Country, PracticeProfile
from compliance.records import catalogue
from compliance.records.model import (
    ActivityEntry,
    DataCategory,
    DpiaResult,
    DpiaScreening,
    Localized,
    Recipient,
    RecipientKind,
    Retention,
    Text,
    Trigger,
)

# A legal basis written out by hand counts as a basis for special categories when it names
# one: Art. 9 GDPR, § 22 BDSG, or the Swiss explicit consent (Art. 6 Abs. 7 DSG).
_SPECIAL_REFERENCE = re.compile(
    r"Art\.?\s*9\b|§\s*22\b|section\s+22\b|Art\.?\s*6\s*(?:Abs\.\s*7|\(7\))", re.IGNORECASE
)
_CONSENT_REFERENCE = re.compile(
    r"Art\.?\s*6\s*(?:Abs\.\s*1\s*lit\.\s*a|\(1\)\(a\))|Einwilligung|consent", re.I
)


@dataclass(frozen=True)
class Basis:
    text: Text
    special: bool
    consent: bool
    interest: bool
    known: bool  # a key of the legal-basis catalogue (False: written out in the profile)


@dataclass(frozen=True)
class Period:
    """One retention period, resolved: data, length, trigger, source and deletion method."""

    rule: str | None
    data: Text | None
    years: int | None
    months: int | None
    days: int | None
    trigger: Trigger | None
    source: Text | None
    method: Text | None
    confirmed: bool

    @property
    def has_length(self) -> bool:
        return any(value is not None for value in (self.years, self.months, self.days))


@dataclass(frozen=True)
class ResolvedRecipient:
    key: str | None
    name: Text
    kind: RecipientKind
    third_country: Text | None
    third_country_unknown: bool
    transfer_basis: Text | None
    agreement_signed: date | None
    secrecy_undertaking: bool
    release_from_secrecy: bool


@dataclass(frozen=True)
class ResolvedActivity:
    key: str
    name: Text | None
    purposes: tuple[Text, ...]
    legal_bases: tuple[Basis, ...]
    legitimate_interests: Text | None
    data_subjects: tuple[Text, ...]
    data_categories: tuple[DataCategory, ...]
    recipients: tuple[ResolvedRecipient, ...]
    retention: tuple[Period, ...]
    measures: tuple[Text, ...]
    responsible: Text
    dpia: DpiaScreening | None
    created: date | None
    changed: date | None
    from_preset: bool
    in_notice: bool
    dpia_from_preset: bool
    unknown_bases: tuple[str, ...] = field(default=())

    @property
    def special(self) -> bool:
        return any(category.special for category in self.data_categories)


def health_route(profile: PracticeProfile) -> bool:
    """Whether health data rest on Art. 9(2)(h) (treatment contract) rather than on consent."""
    return catalog.professions()[profile.practitioner.profession].treatment_contract


def _fact_text(fact: Fact) -> Text | None:
    if fact.value is None or fact.confidence is Confidence.UNKNOWN:
        return None
    if isinstance(fact.value, LocalizedText):
        return Localized(de=fact.value.de, en=fact.value.en)
    if isinstance(fact.value, str):
        return fact.value
    return None


def _messenger_recipients(profile: PracticeProfile) -> list[Recipient]:
    """One recipient per messenger, from the catalogue's facts (never typed in the profile)."""
    swiss = profile.jurisdiction.country is Country.CH
    consent_transfer = (
        Localized(
            de="ausdrückliche Einwilligung (Art. 17 Abs. 1 lit. a DSG)",
            en="explicit consent (Art. 17(1)(a) FADP)",
        )
        if swiss
        else Localized(
            de="ausdrückliche Einwilligung (Art. 49 Abs. 1 UAbs. 1 lit. a DSGVO)",
            en="explicit consent (Art. 49(1)(a) GDPR)",
        )
    )
    recipients = []
    for key in profile.messaging.messengers:
        messenger = catalog.messengers()[key]
        facts = messenger.facts
        provider = _fact_text(facts.provider)
        name: Text
        if isinstance(provider, Localized):
            name = Localized(
                de=f"{messenger.name}: {provider.de}", en=f"{messenger.name}: {provider.en}"
            )
        else:  # the app's name, then its provider when the catalogue knows it
            name = f"{messenger.name}: {provider}" if provider else messenger.name
        processor = facts.art28_agreement.value is True
        third = facts.third_country_transfer.value
        country = _fact_text(facts.seat) if third is True else None
        basis = _fact_text(facts.transfer_basis) if third is True else None
        recipients.append(
            Recipient(
                key=key,
                name=name,
                kind=RecipientKind.PROCESSOR if processor else RecipientKind.CONTROLLER,
                third_country=(country or Localized(de="Drittland", en="third country"))
                if third is True
                else None,
                transfer_basis=(basis or consent_transfer) if third is True else None,
            )
        )
    return recipients


def _third_country_unknown(profile: PracticeProfile, key: str | None) -> bool:
    if key is None or key not in profile.messaging.messengers:
        return False
    fact = catalog.messengers()[key].facts.third_country_transfer
    return not isinstance(fact.value, bool) or fact.confidence is Confidence.UNKNOWN


def _preset_fields(key: str, health: bool) -> dict[str, Any]:
    preset = catalogue.presets()[key]
    values: dict[str, Any] = {"name": preset.name}
    route = preset.health if health else preset.consent
    for name in (
        "purposes",
        "legal_bases",
        "legitimate_interests",
        "data_subjects",
        "data_categories",
        "recipients",
        "retention",
        "measures",
        "dpia",
    ):
        value = getattr(route, name) if route is not None else None
        if value is None:
            value = getattr(preset, name)
        if value is not None:
            values[name] = value
    if "retention" in values:
        values["retention"] = [Retention(rule=rule) for rule in values["retention"]]
    if "measures" in values:
        values["measures"] = list(values["measures"])
    return values


def _applies(when: str, profile: PracticeProfile) -> bool:
    from compliance.profile import Alternative

    return {
        "always": True,
        "messaging": bool(profile.messaging.messengers),
        "website": profile.practice.website is not None,
        "video": Alternative.VIDEO in profile.messaging.alternatives,
        "opt_in": False,
    }[when]


_DEFAULT_SCREENING = DpiaScreening(
    result=DpiaResult.NOT_REQUIRED,
    reason=Localized(
        de=(
            "keine umfangreiche Verarbeitung: Daten einer einzelnen Praxis "
            "(Erwägungsgrund 91 Satz 4 DSGVO)"
        ),
        en="not large scale: the data of a single practice (Recital 91, sentence 4 GDPR)",
    ),
)
_DEFAULT_SCREENING_CH = DpiaScreening(
    result=DpiaResult.NOT_REQUIRED,
    reason=Localized(
        de=(
            "kein voraussichtlich hohes Risiko im Sinne von Art. 22 Abs. 2 DSG: keine umfangreiche "
            "Bearbeitung, Daten einer einzelnen Praxis"
        ),
        en="no likely high risk under Art. 22(2) FADP: not large scale, a single practice's data",
    ),
)


_KEY_SHAPE = re.compile(r"^[a-z0-9_]+$")


def _basis(reference: str, country: str) -> Basis | None:
    """The catalogue's basis for a key, or a reference written out; None for an unknown key."""
    known = catalogue.legal_bases().get(reference)
    if known is None and _KEY_SHAPE.match(reference):
        return None  # looks like a key (a typo of one?), not like a reference
    if known is not None:
        try:
            text = known.text(country)
        except KeyError:
            return None
        return Basis(text, known.special, known.consent, known.interest, known=True)
    return Basis(
        reference,
        special=bool(_SPECIAL_REFERENCE.search(reference)),
        consent=bool(_CONSENT_REFERENCE.search(reference)),
        interest="lit. f" in reference or "(1)(f)" in reference,
        known=False,
    )


def resolve_period(retention: Retention, profile: PracticeProfile) -> Period:
    country = profile.jurisdiction.country.value
    rule = catalogue.retention_rules().get(retention.rule) if retention.rule else None
    base: dict[str, Any] = {}
    confirmed = True
    if rule is not None:
        try:
            period = rule.period(country)
        except KeyError:
            period = None
        base = {"data": rule.data, "method": rule.method}
        if period is not None:
            base.update(
                years=period.years,
                months=period.months,
                days=period.days,
                trigger=period.trigger,
                source=period.source,
            )
            confirmed = period.confidence == "confirmed"
        if retention.rule == "messenger_device":
            # The profile's setting is the one source the consent form and the audit read too.
            base.update(years=None, months=None, days=profile.messaging.retention_days)
    given = {
        name: getattr(retention, name)
        for name in ("data", "years", "months", "days", "trigger", "source", "method")
        if getattr(retention, name) is not None
    }
    if {"years", "months", "days"} & given.keys():
        base.update(years=None, months=None, days=None)
    if "source" in given:
        confirmed = True  # the practice vouches for a source it writes itself
    base.update(given)
    return Period(
        rule=retention.rule,
        data=base.get("data"),
        years=base.get("years"),
        months=base.get("months"),
        days=base.get("days"),
        trigger=base.get("trigger"),
        source=base.get("source"),
        method=base.get("method"),
        confirmed=confirmed,
    )


def _measure_label(key: str, country: str) -> Text:
    known = catalogue.measures().get(key)
    if known is None:
        return key
    return (known.label_swiss if country == "CH" else None) or known.label


def resolve_activities(profile: PracticeProfile) -> list[ResolvedActivity]:
    """The practice's activities: the presets (unless off), changed and added by the profile."""
    settings = profile.activities
    health = health_route(profile)
    country = profile.jurisdiction.country.value
    chosen: dict[str, dict[str, Any]] = {}
    if settings.presets:
        for key, preset in catalogue.presets().items():
            if _applies(preset.when, profile) or (
                key in settings.entries and not settings.entries[key].drop
            ):
                chosen[key] = _preset_fields(key, health)
    for key, entry in settings.entries.items():
        if entry.drop:
            chosen.pop(key, None)
            continue
        values = chosen.setdefault(key, {})
        values.update(
            {name: getattr(entry, name) for name in entry.model_fields_set if name != "drop"}
        )
    responsible: Text = settings.responsible or " ".join(
        part for part in (profile.practitioner.title, profile.practitioner.name) if part
    )
    default_screening = _DEFAULT_SCREENING_CH if country == "CH" else _DEFAULT_SCREENING
    activities = []
    for key, values in chosen.items():
        recipients = list(values.get("recipients") or [])
        if key == "messenger":
            recipients = _messenger_recipients(profile) + recipients
        bases = []
        unknown = []
        for reference in values.get("legal_bases") or []:
            basis = _basis(reference, country)
            if basis is None:
                unknown.append(reference)
            else:
                bases.append(basis)
        entry = settings.entries.get(key, ActivityEntry())
        activities.append(
            ResolvedActivity(
                key=key,
                name=values.get("name"),
                purposes=tuple(values.get("purposes") or ()),
                legal_bases=tuple(bases),
                legitimate_interests=values.get("legitimate_interests"),
                data_subjects=tuple(values.get("data_subjects") or ()),
                data_categories=tuple(values.get("data_categories") or ()),
                recipients=tuple(
                    _resolve_recipient(recipient, profile) for recipient in recipients
                ),
                retention=tuple(
                    resolve_period(item, profile) for item in values.get("retention") or ()
                ),
                measures=tuple(
                    _measure_label(item, country) if isinstance(item, str) else item
                    for item in values.get("measures") or ()
                ),
                responsible=values.get("responsible") or responsible,
                dpia=values.get("dpia")
                or (default_screening if key in catalogue.presets() else None),
                dpia_from_preset=values.get("dpia") is None and key in catalogue.presets(),
                created=entry.created or settings.created,
                changed=entry.changed
                or _last_revision(profile, key)
                or entry.created
                or settings.created,
                from_preset=key in catalogue.presets(),
                in_notice=key not in catalogue.presets() or catalogue.presets()[key].in_notice,
                unknown_bases=tuple(unknown),
            )
        )
    return activities


def _last_revision(profile: PracticeProfile, key: str) -> date | None:
    """The latest revision of the record as a whole or of activity ``key``."""
    dates = [
        revision.on for revision in profile.activities.revisions if revision.activity in (None, key)
    ]
    return max(dates) if dates else None


def _resolve_recipient(recipient: Recipient, profile: PracticeProfile) -> ResolvedRecipient:
    settings = profile.activities
    key = recipient.key
    # A messenger's signed agreement is recorded once, in messaging.processing_agreements
    # (the consent form reads it there too); other processors' in activities.
    signed = recipient.agreement_signed
    if signed is None and key:
        signed = settings.processing_agreements.get(key)
        signed = signed or profile.messaging.processing_agreements.get(key)
    undertaking = recipient.secrecy_undertaking
    if undertaking is None:
        undertaking = key is not None and key in settings.secrecy_undertakings
    return ResolvedRecipient(
        key=key,
        name=recipient.name,
        kind=recipient.kind,
        third_country=recipient.third_country,
        third_country_unknown=_third_country_unknown(profile, key),
        transfer_basis=recipient.transfer_basis,
        agreement_signed=signed,
        secrecy_undertaking=undertaking,
        release_from_secrecy=recipient.release_from_secrecy,
    )
