"""The client's consent to messenger communication (Art. 6(1)(a), 9(2)(a), 7, 13 GDPR)."""

from __future__ import annotations

from compliance.documents.context import document_id, practice_context, swiss_context
from compliance.documents.model import Document
from compliance.documents.template import document_meta, fill, load_template, render_template
from compliance.profile import Country, PracticeProfile

TEMPLATE_KIND = "consent"


def build_consent(
    profile: PracticeProfile, language: str, *, client: str | None = None, minor: bool = False
) -> Document:
    """Build the consent form for one client (or a blank one) in ``language``; pure, no I/O."""
    country = profile.jurisdiction.country
    swiss_german = country is Country.CH and language == "de"
    loaded = load_template(TEMPLATE_KIND, language, swiss=swiss_german)
    template = loaded.template
    context = practice_context(profile, loaded)
    blank = loaded.word("words", "blank_line")
    context.update(
        client_name=client.strip() if client and client.strip() else blank,
        has_client=bool(client and client.strip()),
        minor=minor,
        # Minors' capacity and who signs for them differ per country (BGB, ABGB, ZGB).
        minor_de=minor and country is Country.DE,
        minor_at=minor and country is Country.AT,
        minor_ch=minor and country is Country.CH,
    )
    doc_id = document_id(
        # Only what the profile sets: a new optional field must not change every id.
        "MC",
        loaded.sha256,
        profile.model_dump(mode="json", exclude_defaults=True),
        client,
        minor,
        language,
    )
    meta = document_meta(loaded, context, doc_id, language, context["practitioner_name"])
    if swiss_german:
        context = swiss_context(context)
    document = Document(
        title=fill(template.title, context, loaded.path),
        subtitle=fill(template.subtitle, context, loaded.path) if template.subtitle else None,
        blocks=tuple(render_template(loaded, context)),
        meta=meta,
    )
    return document
