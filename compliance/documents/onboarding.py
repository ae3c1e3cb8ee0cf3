"""The onboarding set: every document a new client receives, in every profile language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from compliance.documents.consent import build_consent
from compliance.documents.model import Document
from compliance.errors import ComplianceError, ExitCode
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


def _notice(profile: PracticeProfile, language: str, client: str | None, minor: bool) -> Document:
    from compliance.documents.notice import build_notice

    return build_notice(profile, language)  # the same notice for every client


CONSENT = DocumentKind("consent-messenger", _consent)
NOTICE = DocumentKind("privacy-notice", _notice)
ONBOARDING_KINDS: tuple[DocumentKind, ...] = (CONSENT, NOTICE)


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
    if client and client.strip():
        short_id = document_id.partition("-")[2].replace("-", "").lower()[:8]
        parts.append(f"{file_slug(client) or 'client'}-{short_id}")
    parts.append(language)
    return f"{'_'.join(parts)}.{fmt.value}"


class ExistingOutputError(ComplianceError):
    """An output file exists and ``--force`` was not given (nothing has been written)."""

    exit_code = ExitCode.USAGE


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
    planned: list[tuple[Path, Document, OutputFormat]] = []
    for kind in kinds:
        for language in languages:
            document = kind.build(profile, language, client, minor)
            for fmt in formats:
                name = output_name(kind, language, client, fmt, document.meta.document_id)
                planned.append((out_dir / name, document, fmt))
    existing = [str(path) for path, _, _ in planned if path.exists()]
    if existing and not force:
        raise ExistingOutputError(
            f"{existing[0]} already exists"
            + (f" (and {len(existing) - 1} more)" if len(existing) > 1 else "")
            + "; use --force to overwrite, or choose another folder with -o"
        )
    for path, document, fmt in planned:
        write_atomic(path, renderer(fmt)(document), mode=0o600)
        yield path
