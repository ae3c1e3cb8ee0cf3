"""The onboarding set: every document a new client receives, in every profile language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from compliance.documents.consent import build_consent
from compliance.documents.model import Document
from compliance.documents.sources import build_sources
from compliance.fsio import write_atomic
from compliance.profile import PracticeProfile
from compliance.render import OutputFormat, renderer


@dataclass(frozen=True)
class DocumentKind:
    """One kind of onboarding document and how to build it."""

    slug: str
    build: Callable[[PracticeProfile, str, str | None, bool], Document]


def _consent(profile: PracticeProfile, language: str, client: str | None, minor: bool) -> Document:
    return build_consent(profile, language, client=client, minor=minor)


def _sources(profile: PracticeProfile, language: str, client: str | None, minor: bool) -> Document:
    return build_sources(profile, language)


CONSENT = DocumentKind("consent-messenger", _consent)
# The practice's copy: the sources of the facts on the consent form (never for clients).
SOURCES = DocumentKind("consent-messenger-sources", _sources)
ONBOARDING_KINDS: tuple[DocumentKind, ...] = (CONSENT,)


def file_slug(name: str) -> str:
    """A file-name-safe ASCII form of a client's name ("Şükrü Yılmaz" -> "sukru-yilmaz")."""
    folded = unicodedata.normalize(
        "NFKD", name.replace("ı", "i").replace("ł", "l").replace("Ł", "L")
    )
    ascii_only = folded.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def output_name(kind: DocumentKind, language: str, client: str | None, fmt: OutputFormat) -> str:
    parts = [kind.slug]
    if client and file_slug(client):
        parts.append(file_slug(client))
    parts.append(language)
    return f"{'_'.join(parts)}.{fmt.value}"


def write_documents(
    profile: PracticeProfile,
    kinds: tuple[DocumentKind, ...],
    languages: list[str],
    formats: list[OutputFormat],
    out_dir: Path,
    *,
    client: str | None = None,
    minor: bool = False,
) -> Iterator[Path]:
    """Build and write each kind in each language and format; yields each path written."""
    for kind in kinds:
        for language in languages:
            document = kind.build(profile, language, client, minor)
            for fmt in formats:
                path = out_dir / output_name(kind, language, client, fmt)
                write_atomic(path, renderer(fmt)(document), mode=0o600)
                yield path
