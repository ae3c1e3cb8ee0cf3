"""Chat-archive readers: every common export format as one stream of :class:`Message`.

``open_archive(path)`` detects the format from content and returns an :class:`Archive`
whose ``messages()`` is a generator; ``find_archives(folder)`` lists the archives in a folder.
Encrypted zips (Threema's exports) need ``password=``: the password, or a
:class:`ZipPasswords` that knows it or asks for it once.

Each name below is imported from its module on first use: the command line needs only
the models for its option choices, and the readers (detection imports all of them) load
when an archive is opened.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compliance.archives.archive import Archive
    from compliance.archives.clock import DEFAULT_TZ
    from compliance.archives.model import (
        ArchiveFormat,
        ArchiveSummary,
        Attachment,
        DateOrder,
        Message,
        MessageKind,
        ReadReport,
        SourcePosition,
    )
    from compliance.archives.opening import find_archives, open_archive, open_archives
    from compliance.archives.passwords import (
        PasswordAsker,
        PasswordNeeded,
        WrongPassword,
        ZipPasswords,
    )

__all__ = [
    "DEFAULT_TZ",
    "Archive",
    "ArchiveFormat",
    "ArchiveSummary",
    "Attachment",
    "DateOrder",
    "Message",
    "MessageKind",
    "PasswordAsker",
    "PasswordNeeded",
    "ReadReport",
    "SourcePosition",
    "WrongPassword",
    "ZipPasswords",
    "find_archives",
    "open_archive",
    "open_archives",
]

# The module of each name in __all__ (the imports above, for type checkers).
MODULE_OF: dict[str, str] = {
    "DEFAULT_TZ": "clock",
    "Archive": "archive",
    "ArchiveFormat": "model",
    "ArchiveSummary": "model",
    "Attachment": "model",
    "DateOrder": "model",
    "Message": "model",
    "MessageKind": "model",
    "ReadReport": "model",
    "SourcePosition": "model",
    "PasswordAsker": "passwords",
    "PasswordNeeded": "passwords",
    "WrongPassword": "passwords",
    "ZipPasswords": "passwords",
    "find_archives": "opening",
    "open_archive": "opening",
    "open_archives": "opening",
}


def __getattr__(name: str) -> Any:
    module = MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
