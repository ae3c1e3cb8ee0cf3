"""What the record, notice, retention schedule and measures documents share.

Each of them is built from a template of ``templates/<kind>/`` and the practice's resolved
activities; this module makes the document's traceable metadata and applies Swiss spelling.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from compliance.documents.context import document_id
from compliance.documents.model import (
    Block,
    BulletList,
    CheckboxList,
    Document,
    DocumentMeta,
    FactTable,
    Heading,
    Paragraph,
    SignatureBlock,
)
from compliance.documents.template import LoadedTemplate, fill, render_template
from compliance.profile import Country, PracticeProfile


def base_context(profile: PracticeProfile, language: str) -> dict[str, Any]:
    """The practice facts every records document mentions (a subset of the consent form's)."""
    from compliance import catalog

    practitioner = profile.practitioner
    practice = profile.practice
    authority = catalog.competent_authority(profile)
    dpo = profile.data_protection_officer
    country = profile.jurisdiction.country
    contact = [practice.phone, str(practice.email)] + (
        [practice.website] if practice.website else []
    )
    return {
        "practitioner_name": " ".join(p for p in (practitioner.title, practitioner.name) if p),
        "profession": catalog.profession_label(profile, language),
        "practice_name": practice.name,
        "practice_address": f"{practice.street}, {practice.postal_code} {practice.city}",
        "practice_contact": ", ".join(contact),
        "has_dpo": dpo is not None,
        "dpo_name": dpo.name if dpo else "",
        "dpo_contact": ", ".join(x for x in (str(dpo.email), dpo.phone, dpo.address) if x)
        if dpo
        else "",
        "authority_name": authority.name if language == "de" else authority.name_en,
        "authority_address": f"{authority.street}, {authority.postal_code} {authority.city}",
        "authority_website": authority.website,
        "gdpr": country in (Country.DE, Country.AT),
        "swiss": country is Country.CH,
        "germany": country is Country.DE,
        "austria": country is Country.AT,
        "secrecy": catalog.secrecy_duty(profile).applies,
    }


def format_date(value: date | None, language: str) -> str:
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y") if language == "de" else value.isoformat()


def _swiss(text: str) -> str:
    return text.replace("ß", "ss")


def _swiss_block(block: Block) -> Block:
    if isinstance(block, Heading | Paragraph):
        return dataclasses.replace(block, text=_swiss(block.text))
    if isinstance(block, BulletList):
        return BulletList(tuple(_swiss(item) for item in block.items))
    if isinstance(block, FactTable):
        return FactTable(
            tuple((_swiss(k), _swiss(v)) for k, v in block.rows),
            caption=_swiss(block.caption) if block.caption else None,
        )
    if isinstance(block, CheckboxList | SignatureBlock):
        return block
    return block


def build_document(
    prefix: str,
    profile: PracticeProfile,
    loaded: LoadedTemplate,
    context: dict[str, Any],
    *id_parts: Any,
) -> Document:
    """Fill ``loaded`` with ``context``; Swiss German output is written without "ß"."""
    template = loaded.template
    language = template.language
    doc_id = document_id(
        prefix,
        loaded.sha256,
        profile.model_dump(mode="json", exclude_defaults=True),
        language,
        *id_parts,
    )
    context = {
        **context,
        "document_id": doc_id,
        "template_id": template.id,
        "template_version": template.version,
        "template_hash": loaded.sha256[:12],
    }
    blocks = render_template(loaded, context)
    title = fill(template.title, context, loaded.path)
    subtitle = fill(template.subtitle, context, loaded.path) if template.subtitle else None
    footer = fill(template.footer, {**context, "page": "{page}", "pages": "{pages}"}, loaded.path)
    if language == "de" and profile.jurisdiction.country is Country.CH:
        blocks = [_swiss_block(block) for block in blocks]
        title, footer = _swiss(title), _swiss(footer)
        subtitle = _swiss(subtitle) if subtitle else None
    meta = DocumentMeta(
        document_id=doc_id,
        template_id=template.id,
        template_version=template.version,
        template_sha256=loaded.sha256,
        language=language,
        author=context.get("practitioner_name", ""),
        footer=footer,
    )
    return Document(title=title, subtitle=subtitle, blocks=tuple(blocks), meta=meta)
