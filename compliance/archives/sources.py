"""Readable inputs of an archive: plain files and zip members, read in memory with bomb limits."""

from __future__ import annotations

import contextlib
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO

from compliance.archives.encrypted import (
    is_encrypted,
    needs_password,
    open_encrypted_member,
    unlock,
)
from compliance.archives.passwords import ZipPassword, ZipPasswords
from compliance.errors import InputError

# What zipfile and zlib raise for damaged archives (a damaged file must never crash us).
ZIP_ERRORS = (
    OSError, EOFError, ValueError, NotImplementedError, zipfile.BadZipFile, zlib.error,
    struct.error,
)  # fmt: skip

# A chat text of several GB is possible, a compression ratio past 200 is not: real exports
# hold text (ratio ~3-10) and already-compressed media (ratio ~1).
MAX_MEMBER_BYTES = 8 * 1024**3
MAX_TOTAL_BYTES = 64 * 1024**3
MAX_RATIO = 200
RATIO_CHECK_FROM = 16 * 1024**2
MAX_MEMBERS = 200_000


@dataclass(frozen=True, slots=True)
class Source:
    """One file of an archive: a file on disk, or a member of a zip file on disk.

    An encrypted member carries the password that decrypts it (never shown in ``repr``).
    """

    path: Path
    member: str | None = None
    size: int = 0
    password: ZipPassword | None = field(default=None, repr=False, compare=False)

    @property
    def display(self) -> str:
        """How messages and warnings name this file."""
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    @property
    def name(self) -> str:
        """The base name of the file or member."""
        return PurePosixPath(self.member).name if self.member else self.path.name

    def modified_year(self) -> int:
        """The year the file (or zip member) was last written, for exports without years."""
        try:
            if self.member is None:
                return datetime.fromtimestamp(self.path.stat().st_mtime).year
            with zipfile.ZipFile(self.path) as archive:
                return archive.getinfo(self.member).date_time[0]
        except (OSError, KeyError, zipfile.BadZipFile):
            return datetime.now().year

    @contextlib.contextmanager
    def open(self) -> Iterator[IO[bytes]]:
        """Open for binary reading; a zip member is decompressed in memory, never to disk."""
        if self.member is None:
            try:
                handle = self.path.open("rb")
            except OSError as exc:
                raise InputError.single(self.path, f"cannot read: {exc.strerror or exc}") from None
            with handle:
                yield handle
            return
        if self.password is not None:
            with open_encrypted_member(
                self.path, self.member, self.password, self.display
            ) as decrypted:
                yield decrypted
            return
        try:
            archive = zipfile.ZipFile(self.path)
        except ZIP_ERRORS as exc:
            raise InputError.single(self.path, f"cannot read the zip file: {exc}") from None
        with archive:
            try:
                info = archive.getinfo(self.member)
                if is_encrypted(info):
                    raise needs_password(self.path, self.member)
                member = archive.open(info)
            except (RuntimeError, KeyError, *ZIP_ERRORS) as exc:
                raise InputError.single(self.display, f"cannot decompress: {exc}") from None
            with member:
                yield member


class _RangeReader:
    """Reads bytes ``[start, end)`` of an open file, for one worker's part of a file."""

    def __init__(self, handle: IO[bytes], start: int, end: int) -> None:
        handle.seek(start)
        self._handle = handle
        self._left = end - start

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        size = self._left if size < 0 else min(size, self._left)
        data = self._handle.read(size)
        self._left -= len(data)
        return data


@contextlib.contextmanager
def open_range(source: Source, start: int, end: int) -> Iterator[IO[bytes]]:
    """Part of a plain file (never a zip member) as a binary stream."""
    if source.member is not None:
        raise ValueError("byte ranges are read from plain files only")
    with source.open() as handle:
        yield _RangeReader(handle, start, end)  # type: ignore[misc]


def is_zip(path: Path) -> bool:
    """True when the file starts like a zip (content, not the file name, decides)."""
    try:
        with path.open("rb") as handle:
            return handle.read(4) in (b"PK\x03\x04", b"PK\x05\x06")
    except OSError:
        return False


def _ignored_member(info: zipfile.ZipInfo) -> bool:
    parts = PurePosixPath(info.filename).parts
    return (
        info.is_dir()
        or not parts
        or parts[0] == "__MACOSX"
        or parts[-1].startswith("._")
        or parts[-1] == ".DS_Store"
    )


def zip_members(path: Path, passwords: ZipPasswords | None = None) -> list[Source]:
    """The usable members of a zip, after checking the whole zip against bomb limits.

    The members of an encrypted zip carry the password that decrypts them; it comes
    from ``passwords`` (given, or asked for) and is proven before it is used.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except ZIP_ERRORS as exc:
        raise InputError.single(path, f"damaged or unreadable zip file: {exc}") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError.single(path, f"zip holds {len(infos)} entries; refusing (zip bomb?)")
    total = 0
    usable: list[zipfile.ZipInfo] = []
    for info in infos:
        if _ignored_member(info):
            continue
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise InputError.single(
                path, f"{info.filename}: unpacked size too large; refusing (zip bomb?)"
            )
        if info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise InputError.single(
                path,
                f"{info.filename}: compression ratio above {MAX_RATIO}:1; refusing (zip bomb?)",
            )
        usable.append(info)
    encrypted = [info for info in usable if is_encrypted(info)]
    password = unlock(path, encrypted, passwords or ZipPasswords()) if encrypted else None
    return [
        Source(path, info.filename, info.file_size, password if is_encrypted(info) else None)
        for info in usable
    ]


def file_source(path: Path) -> Source:
    """A plain file on disk as a source."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError.single(path, f"cannot read: {exc.strerror or exc}") from None
    return Source(path, None, size)


def read_head(source: Source, limit: int = 64 * 1024) -> bytes:
    """The first ``limit`` bytes of a source, for format detection."""
    with source.open() as handle:
        try:
            return handle.read(limit)
        except ZIP_ERRORS as exc:
            raise InputError.single(source.display, f"cannot read: {exc}") from None
