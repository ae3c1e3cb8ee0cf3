"""Document templates as data: clauses with conditions and placeholders, loaded from YAML.

A template is a list of sections; each section and each block may carry a
``when`` condition (``"secrecy and not minor"``) over boolean facts computed by
a builder. Texts use ``{placeholder}`` fields filled from the same context. The
template's version and the SHA-256 of its file go into every document's footer,
so a signed form can always be traced to the exact wording it was made from.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from compliance.catalog import data_root
from compliance.documents.model import (
    Block,
    BulletList,
    Checkbox,
    CheckboxList,
    DocumentMeta,
    FactTable,
    Heading,
    Paragraph,
    SignatureBlock,
    SignatureLine,
    swiss_spelling,
)
from compliance.errors import ComplianceError
from compliance.yamlio import load_yaml, parse_yaml, validate


class TemplateError(ComplianceError):
    """A template refers to something the builder does not provide (a defect, not user error)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SignatureSpec(_Model):
    caption: str


class BulletItem(_Model):
    """A list item shown only when its condition holds."""

    text: str
    when: str | None = None


_KINDS = (
    "p",
    "notice",
    "small",
    "bullets",
    "bullets_from",
    "checkboxes_from",
    "facts_from",
    "signatures",
    "each",
)


class TemplateBlock(_Model):
    """One block; exactly one of the content keys is set."""

    when: str | None = None
    p: str | None = None
    notice: str | None = None
    small: str | None = None
    bullets: list[str | BulletItem] | None = None
    bullets_from: str | None = None
    checkboxes_from: str | None = None
    facts_from: str | None = None
    caption: str | None = None
    signatures: list[SignatureSpec] | None = None
    title: str | None = None
    place_date: str | None = None
    each: str | None = None
    blocks: list[TemplateBlock] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> TemplateBlock:
        present = [kind for kind in _KINDS if getattr(self, kind) is not None]
        if len(present) != 1:
            raise ValueError(f"a block needs exactly one of {', '.join(_KINDS)}; found {present}")
        if self.each is not None and not self.blocks:
            raise ValueError("'each' needs 'blocks'")
        return self


class TemplateSection(_Model):
    heading: str
    when: str | None = None
    blocks: list[TemplateBlock] = Field(min_length=1)


class Template(_Model):
    id: str
    language: str
    version: str
    title: str
    subtitle: str | None = None
    footer: str
    # Another template kind whose vocabulary this one shares (its own entries win), so that
    # words, country names and fact labels exist once for every document.
    vocab_from: str | None = None
    vocab: dict[str, dict[str, str]] = Field(default_factory=dict)
    sections: list[TemplateSection] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedTemplate:
    template: Template
    path: Path
    sha256: str

    def date(self, day: date) -> str:
        """A date as the template's language writes it ("15. Januar 2026", "15 January 2026")."""
        month = self.word("months", str(day.month))
        return self.word("words", "date").format(day=day.day, month=month, year=day.year)

    def word(self, group: str, key: str) -> str:
        """A vocabulary entry (labels of content types, yes/no, ...)."""
        try:
            return self.template.vocab[group][key]
        except KeyError:
            raise TemplateError(f"{self.path}: vocab.{group}.{key} is missing") from None


@cache
def load_template(kind: str, language: str, *, swiss: bool = False) -> LoadedTemplate:
    """Load ``templates/<kind>/<language>.yaml``; ``swiss``: in Swiss spelling (no "ß")."""
    path = data_root() / "templates" / kind / f"{language}.yaml"
    loaded = load_yaml(path)
    if swiss:
        loaded = parse_yaml(swiss_spelling(path.read_text(encoding="utf-8")), path)
    template = validate(loaded, Template)
    if template.language != language or template.id != kind:
        raise TemplateError(f"{path}: id/language do not match its place ({kind}/{language})")
    if template.vocab_from:
        if template.vocab_from == kind:
            raise TemplateError(f"{path}: vocab_from names the template itself")
        base = load_template(template.vocab_from, language, swiss=swiss).template.vocab
        merged = {
            group: {**base.get(group, {}), **template.vocab.get(group, {})}
            for group in {*base, *template.vocab}
        }
        template = template.model_copy(update={"vocab": merged})
    return LoadedTemplate(template, path, hashlib.sha256(path.read_bytes()).hexdigest())


class _StrictFormatter(string.Formatter):
    def __init__(self, source: Path) -> None:
        self.source = source

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, int) or key not in kwargs:
            raise TemplateError(f"{self.source}: placeholder {{{key}}} has no value")
        return kwargs[key]


# Legal references must not break across lines ("§ 630f Abs. 3 BGB", "Art. 9 Abs. 2 lit. a
# DSGVO"): no-break spaces after a reference word and between a number and what follows it.
REFERENCE_WORDS = r"Art\.|Abs\.|Nr\.|lit\.|UAbs\.|Satz|Anhang|section|Art|§|§§"
LAW_WORDS = r"Abs\.|UAbs\.|lit\.|Nr\.|Satz|DSGVO|BDSG|BGB|StGB|DSG|DSV|ABGB|ZGB|PThG|GDPR|FADP"
_REFERENCE_SPACE = re.compile(rf"(?<![\w.])({REFERENCE_WORDS}) (?=[0-9a-z])")
_NUMBER_SPACE = re.compile(
    rf"(?:(?<=[0-9][a-z])|(?<=[0-9)])|(?<=\b[a-z])) (?=(?:{LAW_WORDS})(?![\w]))"
)


def no_break_references(text: str) -> str:
    """``text`` with no-break spaces inside legal references."""
    if not any(mark in text for mark in ("§", "Art", "Abs", "Anhang", "section")):
        return text
    text = _REFERENCE_SPACE.sub("\\1\u00a0", text)
    return _NUMBER_SPACE.sub("\u00a0", text)


def fill(text: str, context: Mapping[str, Any], source: Path) -> str:
    """Fill ``{placeholders}`` in ``text``; an unknown placeholder is a template defect."""
    return no_break_references(_StrictFormatter(source).vformat(text, (), context))


def holds(condition: str | None, context: Mapping[str, Any], source: Path) -> bool:
    """Evaluate ``"a and not b"`` over boolean context entries."""
    if condition is None:
        return True
    for term in condition.split(" and "):
        words = term.split()
        negate = len(words) == 2 and words[0] == "not"
        if len(words) != (2 if negate else 1):
            raise TemplateError(f"{source}: cannot read condition '{condition}'")
        name = words[-1]
        value = context.get(name)
        if not isinstance(value, bool):
            raise TemplateError(f"{source}: condition '{name}' is not a known yes/no fact")
        if value == negate:
            return False
    return True


def render_template(loaded: LoadedTemplate, context: Mapping[str, Any]) -> list[Block]:
    """Turn the template's sections into document blocks for ``context``."""
    blocks: list[Block] = []
    number = 0
    for section in loaded.template.sections:
        if not holds(section.when, context, loaded.path):
            continue
        number += 1
        heading = fill(section.heading, context, loaded.path)
        blocks.append(Heading(f"{number}. {heading}", level=1))
        blocks.extend(_render_blocks(section.blocks, context, loaded.path))
    return blocks


def _render_blocks(
    specs: Sequence[TemplateBlock], context: Mapping[str, Any], source: Path
) -> list[Block]:
    out: list[Block] = []
    for spec in specs:
        if not holds(spec.when, context, source):
            continue
        if spec.each is not None:
            for item in _context_list(spec.each, context, source):
                out.extend(_render_blocks(spec.blocks or [], {**context, **item}, source))
        elif spec.p is not None:
            out.append(Paragraph(fill(spec.p, context, source)))
        elif spec.notice is not None:
            out.append(Paragraph(fill(spec.notice, context, source), style="notice"))
        elif spec.small is not None:
            out.append(Paragraph(fill(spec.small, context, source), style="small"))
        elif spec.bullets is not None:
            items = []
            for item in spec.bullets:
                if isinstance(item, BulletItem):
                    if not holds(item.when, context, source):
                        continue
                    item = item.text
                items.append(fill(item, context, source))
            out.append(BulletList(tuple(items)))
        elif spec.bullets_from is not None:
            items = _context_list(spec.bullets_from, context, source)
            out.append(BulletList(tuple(no_break_references(str(item)) for item in items)))
        elif spec.checkboxes_from is not None:
            pairs = _context_list(spec.checkboxes_from, context, source)
            out.append(
                CheckboxList(
                    tuple(Checkbox(key, no_break_references(label)) for key, label in pairs)
                )
            )
        elif spec.facts_from is not None:
            rows = _context_list(spec.facts_from, context, source)
            caption = fill(spec.caption, context, source) if spec.caption else None
            out.append(
                FactTable(
                    tuple((str(k), no_break_references(str(v))) for k, v in rows),
                    caption=caption,
                )
            )
        elif spec.signatures is not None:
            lines = tuple(SignatureLine(fill(s.caption, context, source)) for s in spec.signatures)
            title = fill(spec.title, context, source) if spec.title else None
            place_date = fill(spec.place_date or "", context, source)
            out.append(SignatureBlock(lines, title=title, place_date=place_date))
    return out


def _context_list(name: str, context: Mapping[str, Any], source: Path) -> list[Any]:
    value = context.get(name)
    if not isinstance(value, list):
        raise TemplateError(f"{source}: '{name}' is not a list the builder provides")
    return value


def document_meta(
    loaded: LoadedTemplate, context: dict[str, Any], doc_id: str, language: str, author: str
) -> DocumentMeta:
    """The traceable metadata of a document built from ``loaded``: its id, the template's id,
    version and hash (also put into ``context`` for the template's text), and the footer with
    its page placeholders left for the renderer."""
    template = loaded.template
    context.update(
        document_id=doc_id,
        template_id=template.id,
        template_version=template.version,
        template_hash=loaded.sha256[:12],
    )
    return DocumentMeta(
        document_id=doc_id,
        template_id=template.id,
        template_version=template.version,
        template_sha256=loaded.sha256,
        language=language,
        author=author,
        footer=fill(
            template.footer, {**context, "page": "{page}", "pages": "{pages}"}, loaded.path
        ),
    )
