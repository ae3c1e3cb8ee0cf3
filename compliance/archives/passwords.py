"""Passwords of encrypted zips (Threema's AES exports, ZipCrypto): kept out of every output.

The library never asks anybody: a caller hands over a known password, or a function
that asks for one when the first encrypted zip needs it; the answer is then reused for
the other encrypted zips of the same run. Password values never appear in ``repr``,
``str``, error messages or pickles other than the one a worker process receives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from compliance.errors import InputError

PasswordAsker = Callable[[str], str]
"""Asks for the password of the zip whose path it is given (e.g. with a hidden prompt)."""

_DEFAULT_HOW_TO_GIVE = "open it with its password (the password= argument of open_archives)"
# Zip tools encode a password's non-ASCII characters differently: zip4j (Threema)
# and 7-Zip's AES use UTF-8; old ZipCrypto tools the DOS or Windows code page.
_ENCODINGS = ("utf-8", "cp437", "cp1252")


class PasswordNeeded(InputError):
    """An encrypted zip was found and no password was given or could be asked for."""


class WrongPassword(InputError):
    """The password given does not decrypt an encrypted zip."""


class ZipPassword:
    """One password as the bytes a zip tool would have used; its value is never shown."""

    __slots__ = ("_value",)

    def __init__(self, value: bytes) -> None:
        self._value = value

    def reveal(self) -> bytes:
        """The password's bytes, for the decryption only."""
        return self._value

    def __repr__(self) -> str:
        return "ZipPassword(<hidden>)"

    __str__ = __repr__

    def __getstate__(self) -> bytes:
        return self._value

    def __setstate__(self, state: bytes) -> None:
        self._value = state


class ZipPasswords:
    """Where encrypted zips get their password: one given, or one asked for once.

    ``how_to_give`` ends the error for an encrypted zip when there is neither; a command
    line names its own options there.
    """

    __slots__ = ("_asked", "_text", "ask", "how_to_give")

    def __init__(
        self,
        password: str | None = None,
        *,
        ask: PasswordAsker | None = None,
        how_to_give: str = _DEFAULT_HOW_TO_GIVE,
    ) -> None:
        self._text = password or None
        self._asked = False
        self.ask = ask
        self.how_to_give = how_to_give

    @classmethod
    def of(cls, value: ZipPasswords | str | None) -> ZipPasswords:
        """A keeper for what a caller gave: a keeper as it is, a password, or none."""
        return value if isinstance(value, ZipPasswords) else cls(value)

    @property
    def known(self) -> bool:
        """Whether a password was given or has been asked for already."""
        return self._text is not None

    def candidates(self, zip_path: Path | str) -> list[ZipPassword]:
        """The password's byte forms to try on ``zip_path``, asking for it when needed."""
        text = self._password_for(zip_path)
        found: list[ZipPassword] = []
        seen: set[bytes] = set()
        for encoding in _ENCODINGS:
            try:
                value = text.encode(encoding)
            except UnicodeEncodeError:
                continue
            if value not in seen:
                seen.add(value)
                found.append(ZipPassword(value))
        return found

    def _password_for(self, zip_path: Path | str) -> str:
        if self._text is None and self.ask is not None and not self._asked:
            self._asked = True  # asked once: the answer serves every zip of this run
            self._text = self.ask(str(zip_path)) or None
        if self._text is None:
            raise PasswordNeeded.single(
                zip_path, f"the zip is password-protected (encrypted); {self.how_to_give}"
            )
        return self._text

    def for_workers(self) -> ZipPasswords:
        """The same password without the asker, for worker processes (which never ask)."""
        return ZipPasswords(self._text, how_to_give=self.how_to_give)

    def __repr__(self) -> str:
        state = "known" if self._text is not None else "asks" if self.ask else "none"
        return f"ZipPasswords(<{state}>)"

    def __getstate__(self) -> tuple[str | None, str]:
        return self._text, self.how_to_give

    def __setstate__(self, state: tuple[str | None, str]) -> None:
        self._text, self.how_to_give = state
        self._asked = False
        self.ask = None
