"""The client's consent to messenger communication (Art. 6(1)(a), 9(2)(a), 7, 13 GDPR)."""

from __future__ import annotations

from compliance.documents.context import document_id, practice_context, swiss_context
from compliance.documents.model import Document, DocumentMeta
from compliance.documents.template import fill, load_template, render_template
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
    context.update(
        document_id=doc_id,
        template_id=template.id,
        template_version=template.version,
        template_hash=loaded.sha256[:12],
    )
    meta = DocumentMeta(
        document_id=doc_id,
        template_id=template.id,
        template_version=template.version,
        template_sha256=loaded.sha256,
        language=language,
        author=context["practitioner_name"],
        footer=fill(
            template.footer, {**context, "page": "{page}", "pages": "{pages}"}, loaded.path
        ),
    )
    if swiss_german:
        context = swiss_context(context)
    document = Document(
        title=fill(template.title, context, loaded.path),
        subtitle=fill(template.subtitle, context, loaded.path) if template.subtitle else None,
        blocks=tuple(render_template(loaded, context)),
        meta=meta,
    )
    return document
