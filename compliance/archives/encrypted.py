"""Encrypted zip members (AES as Threema writes them, and ZipCrypto): unlocking and streaming.

pyzipper reads both; it is imported only when an encrypted zip turns up, so plain
exports do not pay for its start-up. Members are decrypted as streams in memory.
"""

from __future__ import annotations

import contextlib
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

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
            raise InputError.single(zip_path, f"cannot decrypt {probe.filename}: {exc}") from None
        with member:
            while limit < 0 and member.read(1 << 20):
                pass
            if limit > 0:
                member.read(limit)


@contextlib.contextmanager
def _open_zip(zip_path: Path) -> Iterator[Any]:
    import pyzipper  # imported here: only encrypted zips need it

    try:
        archive = pyzipper.AESZipFile(zip_path)
    except (OSError, EOFError, ValueError, zipfile.BadZipFile, pyzipper.BadZipFile) as exc:
        raise InputError.single(zip_path, f"cannot read the zip file: {exc}") from None
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
            raise InputError.single(display, f"cannot decompress: {exc}") from None
        with stream:
            yield _DecryptedStream(stream)  # type: ignore[misc]


class _DecryptedStream:
    """A decrypted member whose damage errors are the standard library's, as for plain zips.

    The readers catch ``zipfile.BadZipFile`` for a damaged member (a failed HMAC or CRC
    at its end); pyzipper raises its own class of that name.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            data: bytes = self._stream.read(size)
        except _bad_zip_error() as exc:
            raise zipfile.BadZipFile(str(exc)) from None
        return data


def _bad_zip_error() -> type[Exception]:
    import pyzipper

    error: type[Exception] = pyzipper.BadZipFile
    return error
