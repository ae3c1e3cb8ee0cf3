"""Encrypted zip members (AES as Threema writes them, and ZipCrypto): unlocking and streaming.

pyzipper reads both; it is imported only when an encrypted zip turns up, so plain
exports do not pay for its start-up. Members are decrypted as streams in memory.
"""

from __future__ import annotations

import contextlib
import functools
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from compliance.archives.faults import reason
from compliance.archives.passwords import (
    PasswordNeeded,
    WrongPassword,
    ZipPassword,
    ZipPasswords,
)
from compliance.errors import InputError

WRONG_PASSWORD = "wrong password for this encrypted zip"
# A member up to this size is read to its end when a password is tried, so its CRC or
# HMAC proves the password (ZipCrypto's own check byte lets 1 in 256 wrong ones pass).
_PROVE_WHOLE_BYTES = 4 * 1024 * 1024
_PROVE_READ_BYTES = 64 * 1024


def is_encrypted(info: zipfile.ZipInfo) -> bool:
    return bool(info.flag_bits & 0x1)


def needs_password(zip_path: Path | str, member: str) -> InputError:
    """The error for an encrypted member opened without a password."""
    return PasswordNeeded.single(
        zip_path, f"the zip is password-protected (encrypted; e.g. {member}); no password given"
    )


def unlock(
    zip_path: Path, encrypted: Sequence[zipfile.ZipInfo], passwords: ZipPasswords
) -> ZipPassword:
    """The byte form of the password that decrypts the zip, proven on its smallest member.

    Raises :class:`PasswordNeeded` when no password is known or can be asked for, and
    :class:`WrongPassword` when none of the password's forms decrypts the member.
    """
    probe = min(encrypted, key=lambda info: (info.file_size, info.filename))
    verifier_passed = False
    for candidate in passwords.candidates(zip_path):
        try:
            _prove(zip_path, probe, candidate)
        except OSError as exc:
            raise InputError.single(zip_path, f"cannot read: {exc.strerror or exc}") from None
        except RuntimeError:
            continue  # the zip's own password check said no
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, _bad_zip_error()):
            verifier_passed = True  # decrypted to garbage: wrong too (or the zip is damaged)
            continue
        return candidate
    message = WRONG_PASSWORD + (" (or the zip is damaged)" if verifier_passed else "")
    raise WrongPassword.single(zip_path, message)


def _prove(zip_path: Path, probe: zipfile.ZipInfo, candidate: ZipPassword) -> None:
    limit = -1 if probe.file_size <= _PROVE_WHOLE_BYTES else _PROVE_READ_BYTES
    with _open_zip(zip_path) as archive:
        try:
            member = archive.open(probe.filename, pwd=candidate.reveal())
        except NotImplementedError as exc:
            raise InputError.single(
                zip_path, f"cannot decrypt {probe.filename}: {reason(exc)}"
            ) from None
        with member:
            while limit < 0 and member.read(1 << 20):
                pass
            if limit > 0:
                member.read(limit)


@contextlib.contextmanager
def _open_zip(zip_path: Path, *, checked: bool = True) -> Iterator[Any]:
    pyzipper = _pyzipper()
    opener = pyzipper.AESZipFile if checked else _unchecked_zip_class()
    try:
        archive = opener(zip_path)
    except (OSError, EOFError, ValueError, zipfile.BadZipFile, pyzipper.BadZipFile) as exc:
        raise InputError.single(zip_path, f"cannot read the zip file: {reason(exc)}") from None
    with archive:
        yield archive


@contextlib.contextmanager
def open_encrypted_member(
    zip_path: Path, member: str, password: ZipPassword, display: str
) -> Iterator[IO[bytes]]:
    """One encrypted member, decrypted and decompressed as a stream in memory."""
    with _open_zip(zip_path) as archive:
        try:
            stream = archive.open(member, pwd=password.reveal())
        except RuntimeError:
            raise WrongPassword.single(zip_path, f"{WRONG_PASSWORD} ({member})") from None
        except (KeyError, NotImplementedError, OSError, ValueError, _bad_zip_error()) as exc:
            raise InputError.single(display, f"cannot decompress: {reason(exc)}") from None
        with stream:
            yield _DecryptedStream(stream, zip_path, member, password)  # type: ignore[misc]


class _DecryptedStream:
    """A decrypted member that gives what it read even when its integrity check fails.

    The HMAC (AES) or CRC (ZipCrypto) at a member's end is checked inside the read
    that reaches the end, and pyzipper drops that read's data with the error. Damaged
    archives are read as far as possible, so that read is done again without the
    check, and the error (the standard library's ``BadZipFile``, which the readers
    handle as for plain zips) comes with the next read.
    """

    def __init__(self, stream: Any, zip_path: Path, member: str, password: ZipPassword) -> None:
        self._stream = stream
        self._zip_path = zip_path
        self._member = member
        self._password = password
        self._delivered = 0
        self._failed: zipfile.BadZipFile | None = None

    def read(self, size: int = -1) -> bytes:
        if self._failed is not None:
            raise self._failed
        try:
            data: bytes = self._stream.read(size)
        except _bad_zip_error() as exc:
            self._failed = zipfile.BadZipFile(str(exc))
            data = self._read_unchecked(size)
            if not data:
                raise self._failed from None
        self._delivered += len(data)
        return data

    def _read_unchecked(self, size: int) -> bytes:
        try:
            with (
                _open_zip(self._zip_path, checked=False) as archive,
                archive.open(self._member, pwd=self._password.reveal()) as stream,
            ):
                skip = self._delivered
                while skip > 0:
                    skipped = len(stream.read(min(skip, 1 << 20)))
                    if not skipped:
                        return b""
                    skip -= skipped
                data: bytes = stream.read(size)
                return data
        except (InputError, RuntimeError, EOFError, zlib.error, _bad_zip_error()):
            return b""  # damaged before the end too: what was read stands


def _pyzipper() -> Any:
    import pyzipper  # imported here: only encrypted zips need it

    return pyzipper


def _bad_zip_error() -> type[Exception]:
    error: type[Exception] = _pyzipper().BadZipFile
    return error


@functools.cache
def _unchecked_zip_class() -> Any:
    """pyzipper's reader without the integrity check at a member's end (for salvage)."""
    pyzipper = _pyzipper()

    member_class = type(
        "UncheckedMember",
        (pyzipper.zipfile_aes.AESZipExtFile,),
        {"check_integrity": lambda self: None},
    )
    return type("UncheckedZip", (pyzipper.AESZipFile,), {"zipextfile_cls": member_class})
