"""The privacy notice for clients (Art. 13 GDPR; Art. 19 FADP), from the practice's activities.

It names every activity clients are part of, with the purposes, legal bases, data,
recipients and periods the record holds, in the words of the record's export, so the
notice and the record can never disagree.
"""

from __future__ import annotations

from datetime import date

from compliance.documents.model import Document
from compliance.documents.records_common import base_context, build_document, format_date
from compliance.documents.template import LoadedTemplate, load_template
from compliance.profile import Country, PracticeProfile
from compliance.records.export import ActivityOut, PeriodOut, RecipientOut, build_export
from compliance.records.resolve import resolve_activities

TEMPLATE_KIND = "notice"


def period_line(period: PeriodOut) -> str:
    source = f" ({period.source})" if period.source else ""
    return f"{period.data}: {period.period}{source}"


def _recipient(recipient: RecipientOut, loaded: LoadedTemplate) -> str:
    notes = []
    if recipient.kind == "processor":
        notes.append(loaded.word("values", "processor"))
    if recipient.release_from_secrecy:
        notes.append(loaded.word("values", "release"))
    return f"{recipient.name} ({'; '.join(notes)})" if notes else recipient.name


def _rows(activity: ActivityOut, loaded: LoadedTemplate, swiss: bool) -> list[tuple[str, str]]:
    def word(group: str, key: str) -> str:
        vocab = loaded.template.vocab[group]
        return vocab.get(f"{key}_swiss", vocab[key]) if swiss else vocab[key]

    rows = [
        (word("rows", "purposes"), "\n".join(activity.purposes)),
        (word("rows", "legal_bases"), "\n".join(activity.legal_bases)),
    ]
    if activity.legitimate_interests:
        rows.append((word("rows", "interests"), activity.legitimate_interests))
    rows += [
        (word("rows", "data"), "\n".join(c.name for c in activity.data_categories)),
        (
            word("rows", "recipients"),
            "\n".join(_recipient(r, loaded) for r in activity.recipients) or word("values", "none"),
        ),
        (word("rows", "retention"), "\n".join(period_line(p) for p in activity.retention)),
    ]
    return rows


def notice_date(profile: PracticeProfile) -> date | None:
    """The date the activities last changed: the notice's "as of" date."""
    dates = [revision.on for revision in profile.activities.revisions]
    if profile.activities.created:
        dates.append(profile.activities.created)
    return max(dates) if dates else None


def client_activities(profile: PracticeProfile, language: str) -> list[ActivityOut]:
    """The record's activities that clients are told about (staff data have their own notice)."""
    shown = {a.key for a in resolve_activities(profile) if a.in_notice}
    as_of = notice_date(profile) or date(1970, 1, 1)
    export = build_export(profile, language, generated=as_of)
    return [a for a in export.activities if a.key in shown]


def build_notice(profile: PracticeProfile, language: str) -> Document:
    """The privacy notice in ``language``; pure, no I/O."""
    loaded = load_template(TEMPLATE_KIND, language)
    swiss = profile.jurisdiction.country is Country.CH
    activities = client_activities(profile, language)
    context = base_context(profile, language)
    recipients: list[str] = []
    processors = False
    transfers: list[str] = []
    periods: list[str] = []
    for activity in activities:
        for recipient in activity.recipients:
            processors = processors or recipient.kind == "processor"
            if recipient.name not in recipients:
                recipients.append(recipient.name)
        for transfer in activity.transfers:
            line = (
                f"{transfer.recipient}: {transfer.country}; "
                f"{loaded.word('values', 'basis')}: {transfer.basis or ''}"
            ).rstrip("; :")
            if line not in transfers:
                transfers.append(line)
        for period in activity.retention:
            line = period_line(period)
            if line not in periods:
                periods.append(line)
    as_of = notice_date(profile)
    context.update(
        activities=[
            {"activity_caption": activity.name, "activity_rows": _rows(activity, loaded, swiss)}
            for activity in activities
        ],
        all_recipients=recipients,
        has_recipients=bool(recipients),
        has_processors=processors,
        transfers=transfers,
        has_transfers=bool(transfers),
        periods=periods,
        notice_date=format_date(as_of, language),
        has_notice_date=as_of is not None,
    )
    return build_document("DSI", profile, loaded, context)
