"""Finding the archives to audit in the paths given, and describing the ones that cannot be read."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from compliance.archives import Archive, ZipPasswords, open_archives
from compliance.archives.inventory import unused_by
from compliance.archives.sources import is_regular_file
from compliance.audit.report import ArchiveInfo, ArchiveStatus
from compliance.errors import ComplianceError


@dataclass(frozen=True)
class AuditInput:
    """One archive to audit: the path the user gave and the archive found in it."""

    given: str
    archive_path: str


def sha256_of(path: str) -> str | None:
    """The file's SHA-256 (None for anything but a regular file).

    Remembered per file, size and modification time: the chats of one zip all name the
    zip, and hashing it again for each of thousands of members made an audit quadratic.
    """
    target = Path(path)
    if not is_regular_file(target):
        return None
    try:
        stat = target.stat()
    except OSError:
        return None
    return _sha256_cached(str(target.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _sha256_cached(path: str, size: int, mtime_ns: int) -> str:
    target = Path(path)
    digest = hashlib.sha256()
    with target.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover(
    paths: Sequence[str],
    *,
    tz: str,
    date_order: str | None,
    input_format: str | None,
    passwords: ZipPasswords | None = None,
) -> tuple[list[tuple[AuditInput, Archive]], list[ArchiveInfo]]:
    """The archives in ``paths``; unreadable inputs become ArchiveInfo entries with an error.

    An encrypted zip without a (right) password is one of the unreadable inputs.
    """
    found: list[tuple[AuditInput, Archive]] = []
    failed: list[ArchiveInfo] = []

    def visit(path: Path, given: str, in_folder: bool = False) -> None:
        try:
            archives = open_archives(
                path, tz=tz, date_order=date_order, format=input_format, password=passwords
            )
        except ComplianceError as exc:
            if path.is_dir():
                # One damaged file must not hide the good archives beside it.
                for child in sorted(path.iterdir()):
                    if not child.name.startswith(".") and child.name != "__MACOSX":
                        visit(child, given, in_folder=True)
                return
            # In a folder, other files (notes, letters) are no archives; a zip was meant to be one.
            if not in_folder or path.suffix.lower() == ".zip":
                failed.append(unreadable(str(path), str(exc)))
            return
        covered: set[str] = set()
        for archive in archives:
            found.append((AuditInput(given, archive.path), archive))
            covered.add(archive.path.split("!", 1)[0])
            covered.update(str(part.path) for part in archive.parts)
        if path.is_dir():
            # A folder scan passes over files that are no chat export; a zip among them was
            # meant to be one, so a damaged zip is reported rather than silently skipped.
            for candidate in sorted(path.rglob("*.zip")):
                hidden = any(p.startswith(".") or p == "__MACOSX" for p in candidate.parts)
                if str(candidate) not in covered and not hidden:
                    visit(candidate, given, in_folder=True)

    for given in paths:
        visit(Path(given), given)
    for given in paths:
        if Path(given).is_dir():
            failed.extend(_unused(Path(given), [archive for _, archive in found], failed))
    return found, failed


def _unused(folder: Path, archives: list[Archive], failed: list[ArchiveInfo]) -> list[ArchiveInfo]:
    """The files in ``folder`` no archive read and no error named yet."""
    return [
        unreadable(item.path, item.reason)
        if item.unreadable
        else skipped_file(item.path, item.reason)
        for item in unused_by(folder, archives, [info.path for info in failed])
    ]


def skipped_file(path: str, why: str) -> ArchiveInfo:
    """A file in a folder that is no chat export: listed, so that nothing passes unseen."""
    return ArchiveInfo(
        path=path,
        sha256=None,
        format=None,
        variant=None,
        messages=0,
        chats=0,
        skipped=0,
        error=why,
        status=ArchiveStatus.SKIPPED,
    )


def unreadable(path: str, error: str) -> ArchiveInfo:
    """An input that could not be read; the error without the path the report shows beside it."""
    prefix = f"{path}: "
    if error.startswith(prefix):
        error = error[len(prefix) :]
    return ArchiveInfo(
        path=path,
        sha256=sha256_of(path),
        format=None,
        variant=None,
        messages=0,
        chats=0,
        skipped=0,
        error=error,
        status=ArchiveStatus.UNREADABLE,
    )
