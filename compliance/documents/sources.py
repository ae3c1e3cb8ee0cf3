"""The sources annex: the practice's copy of where each fact on the consent form comes from.

The consent form never prints sources or research notes (they are not client
text); this annex lists them per messenger fact and emergency number, with the
date checked and the confidence, so the practitioner can re-check before use.
"""

from __future__ import annotations

from compliance import catalog
from compliance.catalog import Fact, LocalizedText
from compliance.documents.context import document_id
from compliance.documents.model import Document, DocumentMeta
from compliance.documents.template import LoadedTemplate, fill, load_template, render_template
from compliance.profile import PracticeProfile

TEMPLATE_KIND = "sources"
SOURCE_FACTS = (
    "provider",
    "seat",
    "server_location",
    "e2e_one_to_one",
    "e2e_groups",
    "phone_number_required",
    "address_book_upload",
    "art28_agreement",
    "third_country_transfer",
    "transfer_basis",
    "disappearing_messages",
    "read_receipts_can_be_disabled",
)


def _provenance(fact: Fact, template: LoadedTemplate) -> str:
    language = template.template.language
    parts = [
        fact.source or template.word("words", "no_source"),
        f"{template.word('words', 'checked')} {fact.checked_on.isoformat()}",
        template.word("confidence", fact.confidence.value),
    ]
    text = "; ".join(parts)
    if isinstance(fact.note, LocalizedText):
        text += f". {fact.note.in_(language)}"
    return text


def build_sources(profile: PracticeProfile, language: str) -> Document:
    """The sources annex for the messengers and country of ``profile``; pure, no I/O."""
    loaded = load_template(TEMPLATE_KIND, language)
    template = loaded.template
    country = profile.jurisdiction.country
    messengers = []
    for key in profile.messaging.messengers:
        messenger = catalog.messengers()[key]
        rows = [
            (loaded.word("fact_labels", name), _provenance(getattr(messenger.facts, name), loaded))
            for name in SOURCE_FACTS
        ]
        messengers.append({"messenger_name": messenger.name, "source_rows": rows})
    emergency = [
        f"{number.number}: {number.source or loaded.word('words', 'no_source')}; "
        f"{loaded.word('words', 'checked')} {number.checked_on.isoformat()}; "
        f"{loaded.word('confidence', number.confidence.value)}"
        for number in catalog.emergency_numbers()[country]
        if number.in_consent_form or number.for_minors
    ]
    doc_id = document_id(
        "SA", loaded.sha256, profile.model_dump(mode="json", exclude_defaults=True), language
    )
    context = {
        "practice_name": profile.practice.name,
        "country_label": loaded.word("countries", country.value),
        "messengers": messengers,
        "emergency_sources": emergency,
        "document_id": doc_id,
        "template_version": template.version,
        "template_hash": loaded.sha256[:12],
    }
    meta = DocumentMeta(
        document_id=doc_id,
        template_id=template.id,
        template_version=template.version,
        template_sha256=loaded.sha256,
        language=language,
        author=profile.practitioner.name,
        footer=fill(
            template.footer, {**context, "page": "{page}", "pages": "{pages}"}, loaded.path
        ),
    )
    return Document(
        title=fill(template.title, context, loaded.path),
        subtitle=fill(template.subtitle, context, loaded.path) if template.subtitle else None,
        blocks=tuple(render_template(loaded, context)),
        meta=meta,
    )
