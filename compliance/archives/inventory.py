"""Every file of a folder input accounted for: the files no archive used, each with a reason.

An audit or inspection must never pass over a file without a word: a folder of notes, an
empty or garbled chat, a named pipe. The archives found in a folder use their own files;
the other files beside them and in the folders below them are their media and
stylesheets, except files that could be chats themselves (text, JSON, HTML, zips) or
are no regular files. Every other file is listed here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from compliance.archives.sources import NOT_REGULAR, is_regular_file, is_zip

if TYPE_CHECKING:
    from compliance.archives.archive import Archive

# How WhatsApp, Telegram, Signal, Threema, Element and Meta name their chat files.
_EXPORT_NAME = re.compile(
    r"(?i)^(?:whatsapp.*\.txt|_chat\.txt|messages-.*\.txt|result\.json|messages\d*\.html"
    r"|message_\d+\.json|signal.*\.(?:md|json)|.*chat.*\.txt)$"
)


@dataclass(frozen=True, slots=True)
class UnusedFile:
    """A file in a folder input that no archive read, and why; ``unreadable`` marks a file
    that looked like an export (or could not even be looked at) rather than another kind."""

    path: str
    reason: str
    unreadable: bool = False


def hidden(part: str) -> bool:
    """Dot files and the resource forks macOS puts into folders and zips."""
    return part.startswith(".") or part == "__MACOSX"


def unused_by(folder: Path, archives: Iterable[Archive], known: Iterable[str]) -> list[UnusedFile]:
    """The files under ``folder`` that none of ``archives`` read and no error in ``known``
    named (see :func:`unused_files`)."""
    used_files: set[str] = set()
    used_folders: set[str] = set()
    for archive in archives:
        used_files.add(archive.path.split("!", 1)[0])
        for part in archive.parts:
            used_files.add(str(part.path))
            if part.member is None:
                used_folders.add(str(part.path.parent))  # a chat's media lie beside it
    return unused_files(folder, used_files, used_folders, known)


def unused_files(
    folder: Path, used_files: Iterable[str], used_folders: Iterable[str], known: Iterable[str]
) -> list[UnusedFile]:
    """The files under ``folder`` that are not in ``used_files``, not under one of
    ``used_folders`` and not already reported (``known``), in a stable order."""
    files = {os.path.normpath(f) for f in used_files} | {os.path.normpath(f) for f in known}
    folders = [PurePath(os.path.normpath(f)) for f in used_folders]
    found: list[UnusedFile] = []
    for root, subdirs, names in os.walk(folder):
        subdirs[:] = sorted(d for d in subdirs if not hidden(d))
        here = PurePath(os.path.normpath(root))
        beside_archive = any(here == f or f in here.parents for f in folders)
        for name in sorted(names):
            path = os.path.join(root, name)
            if hidden(name) or os.path.normpath(path) in files:
                continue
            if beside_archive and not _could_be_chat(Path(path)):
                continue  # the archive's media
            found.append(_why(Path(path)))
    return found


# Name suffixes of files that can hold a chat (the readers' inputs) rather than media.
CHAT_SUFFIXES = frozenset({".txt", ".json", ".jsonl", ".html", ".htm", ".md", ".zip"})


def _could_be_chat(path: Path) -> bool:
    return path.suffix.lower() in CHAT_SUFFIXES or not is_regular_file(path)


def _why(path: Path) -> UnusedFile:
    if not is_regular_file(path):
        return UnusedFile(str(path), NOT_REGULAR, unreadable=True)
    if is_zip(path):
        return UnusedFile(str(path), "a zip without a chat export of a known format")
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        return UnusedFile(str(path), f"cannot read: {exc.strerror or exc}", unreadable=True)
    # A file named as the messengers name their exports was meant to be read: nothing
    # read from it is an unreadable export, not another kind of file.
    meant = _EXPORT_NAME.search(path.name) is not None
    if size == 0:
        return UnusedFile(str(path), "empty file; no chat to read", unreadable=meant)
    if meant:
        return UnusedFile(str(path), "named like a chat export, but no message found in it", True)
    what = f"a {suffix} file" if suffix else "a file without a name suffix"
    return UnusedFile(str(path), f"not a chat export of a known format ({what})")
