"""The onboarding set: every document a new client receives, in every profile language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from compliance.documents.agreement import build_agreement
from compliance.documents.consent import build_consent
from compliance.documents.model import Document
from compliance.documents.sources import build_sources
from compliance.fsio import refuse_existing_files, write_atomic
from compliance.profile import PracticeProfile
from compliance.render import OutputFormat, renderer


@dataclass(frozen=True)
class DocumentKind:
    """One kind of onboarding document and how to build it."""

    slug: str
    build: Callable[[PracticeProfile, str, str | None, bool], Document]
    # False for a document that is the same for every client (the privacy notice): its file
    # name carries no client's name, and the same file is not written again for the next one.
    per_client: bool = True


def _consent(profile: PracticeProfile, language: str, client: str | None, minor: bool) -> Document:
    return build_consent(profile, language, client=client, minor=minor)


def _sources(profile: PracticeProfile, language: str, client: str | None, minor: bool) -> Document:
    return build_sources(profile, language)


def _notice(profile: PracticeProfile, language: str, client: str | None, minor: bool) -> Document:
    from compliance.documents.notice import build_notice

    return build_notice(profile, language)  # the same notice for every client


def _agreement(
    profile: PracticeProfile, language: str, client: str | None, minor: bool
) -> Document:
    return build_agreement(profile, language, as_of=today(profile), client=client, minor=minor)


def today(profile: PracticeProfile) -> date:
    """Today in the practice's time zone (the agreement lists the holidays from here)."""
    return datetime.now(profile.zone).date()


CONSENT = DocumentKind("consent-messenger", _consent)
# The practice's copy: the sources of the facts on the consent form (never for clients).
SOURCES = DocumentKind("consent-messenger-sources", _sources, per_client=False)
AGREEMENT = DocumentKind("messenger-agreement", _agreement)
NOTICE = DocumentKind("privacy-notice", _notice, per_client=False)
ONBOARDING_KINDS: tuple[DocumentKind, ...] = (CONSENT, AGREEMENT, NOTICE)


def file_slug(name: str) -> str:
    """A file-name-safe ASCII form of a client's name ("Şükrü Yılmaz" -> "sukru-yilmaz")."""
    folded = unicodedata.normalize(
        "NFKD", name.replace("ı", "i").replace("ł", "l").replace("Ł", "L")
    )
    ascii_only = folded.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def output_name(
    kind: DocumentKind, language: str, client: str | None, fmt: OutputFormat, document_id: str
) -> str:
    """The file name: a named client's form carries the name's slug and the document id.

    A blank form keeps the plain name; a named one never shares it, even when the name has
    no Latin letters to make a slug from ("محمد" -> ``client-<id>``), so one client's form
    can never replace another's or the blank one.
    """
    parts = [kind.slug]
    if kind.per_client and client and client.strip():
        short_id = document_id.partition("-")[2].replace("-", "").lower()[:8]
        parts.append(f"{file_slug(client) or 'client'}-{short_id}")
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
    force: bool = False,
) -> Iterator[Path]:
    """Build and write each kind in each language and format; yields each path written.

    Every document is built and every file name checked before the first file is written:
    an existing file stops the run (unless ``force``) with nothing written.
    """
    planned: list[tuple[Path, bytes]] = []
    for kind in kinds:
        for language in languages:
            document = kind.build(profile, language, client, minor)
            for fmt in formats:
                name = output_name(kind, language, client, fmt, document.meta.document_id)
                planned.append((out_dir / name, renderer(fmt)(document)))
    # A file that exists with exactly these bytes (the notice, written for an earlier client)
    # needs no writing; any other existing file is never replaced without ``force``.
    refuse_existing_files((path for path, data in planned if not _same(path, data)), force)
    for path, data in planned:
        if not (path.exists() and _same(path, data)):
            write_atomic(path, data, mode=0o600)
        yield path


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
