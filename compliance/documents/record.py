"""The record of processing activities (Art. 30 GDPR; Art. 12 FADP) as a document."""

from __future__ import annotations

from datetime import date
from typing import Any

from compliance.documents.model import Document
from compliance.documents.records_common import base_context, build_document, format_date
from compliance.documents.template import LoadedTemplate, load_template
from compliance.profile import Country, PracticeProfile
from compliance.records.export import ActivityOut, RecordExport, build_export

TEMPLATE_KIND = "record"


def _labels(loaded: LoadedTemplate, swiss: bool) -> dict[str, str]:
    return loaded.template.vocab["fields_swiss" if swiss else "fields"]


def _value(loaded: LoadedTemplate, key: str, swiss: bool) -> str:
    vocab = loaded.template.vocab["values"]
    return vocab.get(f"{key}_swiss", vocab[key]) if swiss else vocab[key]


def activity_rows(
    activity: ActivityOut,
    loaded: LoadedTemplate,
    swiss: bool,
    germany: bool,
    *,
    all_fields: bool = False,
) -> list[tuple[str, str]]:
    """The fields of one activity as (label, value) rows, in the record's order.

    ``all_fields`` keeps rows that are empty for this activity (a spreadsheet's columns).
    """
    language = loaded.template.language
    label = _labels(loaded, swiss)
    none = _value(loaded, "none", swiss)

    def lines(items: list[str]) -> str:
        return "\n".join(items) if items else none

    def recipient(r: Any) -> str:
        parts = [_value(loaded, r.kind, swiss)]
        if r.kind == "processor":
            parts.append(
                _value(loaded, "agreement", swiss).format(
                    date=format_date(r.agreement_signed, language)
                )
                if r.agreement_signed
                else _value(loaded, "no_agreement", swiss)
            )
        if r.secrecy_undertaking:
            parts.append(_value(loaded, "secrecy" if germany else "secrecy_other", swiss))
        if r.release_from_secrecy:
            parts.append(_value(loaded, "release", swiss))
        return f"{r.name} ({'; '.join(parts)})"

    special = _value(loaded, "special", swiss)
    basis_word = _value(loaded, "basis", swiss)
    rows = [
        (label["created"], format_date(activity.created, language) or none),
        (label["changed"], format_date(activity.changed, language) or none),
        (label["responsible"], activity.responsible),
        (label["purposes"], lines(activity.purposes)),
        (label["legal_bases"], lines(activity.legal_bases)),
    ]
    if activity.legitimate_interests or all_fields:
        rows.append((label["legitimate_interests"], activity.legitimate_interests or none))
    rows += [
        (label["data_subjects"], lines(activity.data_subjects)),
        (
            label["data_categories"],
            lines(
                [f"{c.name} ({special})" if c.special else c.name for c in activity.data_categories]
            ),
        ),
        (label["recipients"], lines([recipient(r) for r in activity.recipients])),
        (
            label["transfers"],
            lines(
                [
                    f"{t.country}: {t.recipient}; {basis_word}: {t.basis or none}"
                    for t in activity.transfers
                ]
            ),
        ),
        (
            label["retention"],
            lines(
                [
                    f"{p.data}: {p.period} ({p.source or none}); "
                    f"{_value(loaded, 'method', swiss)}: {p.method or none}"
                    + ("" if p.verified else f" [{_value(loaded, 'not_verified', swiss)}]")
                    for p in activity.retention
                ]
            ),
        ),
        (
            label["measures"],
            lines([*activity.measures, _value(loaded, "general_measures", swiss)]),
        ),
        (
            label["dpia"],
            f"{_value(loaded, activity.dpia.result, swiss)}"
            + (f": {activity.dpia.reason}" if activity.dpia.reason else "")
            if activity.dpia
            else none,
        ),
    ]
    return rows


def build_record(
    profile: PracticeProfile,
    language: str,
    *,
    generated: date,
    processor: bool = False,
    export: RecordExport | None = None,
) -> Document:
    """The record in ``language`` as of ``generated``; pure, no I/O."""
    loaded = load_template(TEMPLATE_KIND, language)
    export = export or build_export(profile, language, generated=generated, processor=processor)
    country = profile.jurisdiction.country
    swiss = country is Country.CH
    germany = country is Country.DE
    context = base_context(profile, language)
    party_vocab = loaded.template.vocab["party"]

    def party(key: str) -> str:
        return party_vocab.get(f"{key}_swiss", party_vocab[key]) if swiss else party_vocab[key]

    role = "processor" if processor else "controller"
    dpo = export.dpo
    party_rows = [
        (party(role), export.controller.name),
        (party("address"), export.controller.address),
        (party("contact"), export.controller.contact),
        (party("representative"), export.representative or party("not_needed")),
        (
            party("dpo"),
            ", ".join(x for x in (dpo.name, dpo.address, dpo.contact) if x)
            if dpo
            else party("no_dpo"),
        ),
        (party("authority"), export.supervisory_authority),
    ]
    title_key = ("swiss" if swiss else "gdpr") + ("_processor" if processor else "")
    values = loaded.template.vocab["values"]
    measures_in_place = [
        label for label, in_place in measure_answers(profile, language) if in_place
    ]
    controllers = [
        {
            "controller_caption": c.name,
            "controller_rows": [
                (party("contact"), c.contact),
                (party("representative"), c.representative or party("not_needed")),
                (party("dpo"), c.dpo or party("no_dpo")),
                (_labels(loaded, swiss)["purposes"], "\n".join(c.processing) or values["none"]),
                (_labels(loaded, swiss)["transfers"], "\n".join(c.transfers) or values["none"]),
                (
                    _labels(loaded, swiss)["measures"],
                    "\n".join(measures_in_place) or values["none"],
                ),
            ],
        }
        for c in export.controllers
    ]
    context.update(
        record_title=loaded.word("titles", title_key),
        generated=format_date(generated, language),
        processor=processor,
        austria=country is Country.AT,
        party_rows=party_rows,
        activities=[
            {
                "activity_caption": f"{number}. {activity.name}",
                "activity_rows": activity_rows(activity, loaded, swiss, germany),
            }
            for number, activity in enumerate(export.activities, start=1)
        ],
        controllers=controllers,
        no_controllers=not controllers,
        general_measures_text=_value(loaded, "general_measures", swiss),
        has_revisions=bool(export.revisions),
        revision_rows=[(format_date(r.date, language), r.change) for r in export.revisions],
    )
    return build_document("VVT", profile, loaded, context, generated.isoformat(), processor)


def measure_answers(profile: PracticeProfile, language: str) -> list[tuple[str, bool]]:
    """Every measure of the catalogue with whether it is in place (see documents/measures.py)."""
    from compliance.documents.measures import measure_status

    return [(label, in_place) for _, label, in_place in measure_status(profile, language)]
