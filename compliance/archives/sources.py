"""Readable inputs of an archive: plain files and zip members, read in memory with bomb limits."""

from __future__ import annotations

import contextlib
import os
import stat
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
from compliance.archives.faults import reason
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
# Chat text compresses 3-15:1. Members compressed beyond this may together unpack to at
# most RATIO_CHECK_FROM bytes (a bomb split into many members each under the limit).
SUSPICIOUS_RATIO = 50
MAX_MEMBERS = 200_000
NOT_REGULAR = "not a regular file (a named pipe, socket or device); not read"


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
            return open_zip(self.path).getinfo(self.member).date_time[0]
        except (KeyError, *ZIP_ERRORS):
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
            archive = open_zip(self.path)
        except ZIP_ERRORS as exc:
            raise InputError.single(self.path, f"cannot read the zip file: {reason(exc)}") from None
        try:
            info = archive.getinfo(self.member)
            if is_encrypted(info):
                raise needs_password(self.path, self.member)
            member = archive.open(info)
        except (RuntimeError, KeyError, *ZIP_ERRORS) as exc:
            raise InputError.single(self.display, f"cannot decompress: {reason(exc)}") from None
        with member:
            yield member


# Open zips, kept for the members read one after another: opening a zip reads its
# whole central directory, so reopening it per member made a zip of n chats cost n².
# Keyed by process (a forked worker must not share the parent's file offset) and by
# the file's identity, so a zip replaced on disk is opened afresh.
_OPEN_ZIPS: dict[tuple[str, int, int, int, int], zipfile.ZipFile] = {}
_KEEP_OPEN = 4


def open_zip(path: Path) -> zipfile.ZipFile:
    """The zip at ``path``, opened once per process and kept open for its next member."""
    status = path.stat()
    key = (str(path), os.getpid(), status.st_ino, status.st_mtime_ns, status.st_size)
    archive = _OPEN_ZIPS.get(key)
    if archive is None:
        archive = zipfile.ZipFile(path)
        while len(_OPEN_ZIPS) >= _KEEP_OPEN:
            oldest = next(iter(_OPEN_ZIPS))
            _close(_OPEN_ZIPS.pop(oldest), oldest[1])
        _OPEN_ZIPS[key] = archive
    return archive


def _close(archive: zipfile.ZipFile, pid: int) -> None:
    # Only the process that opened a zip closes it; a forked copy just forgets it.
    if pid == os.getpid():
        archive.close()


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


def is_regular_file(path: Path) -> bool:
    """True for a regular file; a named pipe or a device could block or never end."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def is_zip(path: Path) -> bool:
    """True when the file starts like a zip (content, not the file name, decides)."""
    if not is_regular_file(path):
        return False
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
        infos = open_zip(path).infolist()
    except ZIP_ERRORS as exc:
        raise InputError.single(path, f"damaged or unreadable zip file: {reason(exc)}") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError.single(path, f"zip holds {len(infos)} entries; refusing (zip bomb?)")
    total = 0
    packed = 0
    suspicious = 0  # unpacked bytes of members compressed far better than any chat text
    usable: list[zipfile.ZipInfo] = []
    for info in infos:
        if _ignored_member(info):
            continue
        total += info.file_size
        packed += info.compress_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise InputError.single(
                path, f"{info.filename}: unpacked size too large; refusing (zip bomb?)"
            )
        if info.file_size > SUSPICIOUS_RATIO * max(info.compress_size, 1):
            suspicious += info.file_size
        if info.file_size > RATIO_CHECK_FROM and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise InputError.single(
                path,
                f"{info.filename}: compression ratio above {MAX_RATIO}:1; refusing (zip bomb?)",
            )
        usable.append(info)
    # A bomb split into many members, each under the limits above, is caught as a whole.
    if suspicious > RATIO_CHECK_FROM or (
        total > RATIO_CHECK_FROM and total > MAX_RATIO * max(packed, 1)
    ):
        raise InputError.single(
            path,
            f"unpacks to {total:,} bytes from {packed:,}, much of it compressed beyond "
            f"{SUSPICIOUS_RATIO}:1; refusing (zip bomb?)",
        )
    encrypted = [info for info in usable if is_encrypted(info)]
    password = unlock(path, encrypted, passwords or ZipPasswords()) if encrypted else None
    return [
        Source(path, info.filename, info.file_size, password if is_encrypted(info) else None)
        for info in usable
    ]


def file_source(path: Path) -> Source:
    """A plain file on disk as a source; anything but a regular file is refused."""
    try:
        status = path.stat()
    except OSError as exc:
        raise InputError.single(path, f"cannot read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(status.st_mode):
        raise InputError.single(path, NOT_REGULAR)
    size = status.st_size
    return Source(path, None, size)


def read_head(source: Source, limit: int = 64 * 1024) -> bytes:
    """The first ``limit`` bytes of a source, for format detection."""
    with source.open() as handle:
        try:
            return handle.read(limit)
        except ZIP_ERRORS as exc:
            raise InputError.single(source.display, f"cannot read: {reason(exc)}") from None
