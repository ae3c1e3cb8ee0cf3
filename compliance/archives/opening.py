"""Opening archives: find the exports in a path, detect each one's format, and wrap it."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path

from compliance.archives.archive import Archive
from compliance.archives.clock import DEFAULT_TZ, zone
from compliance.archives.detect import Detected, detect_path
from compliance.archives.model import ArchiveFormat, DateOrder
from compliance.archives.passwords import ZipPasswords
from compliance.errors import InputError, InputProblem


def open_archives(
    path: Path | str,
    *,
    tz: str = DEFAULT_TZ,
    date_order: DateOrder | str | None = None,
    format: ArchiveFormat | str | None = None,
    problems: list[InputProblem] | None = None,
    password: ZipPasswords | str | None = None,
) -> list[Archive]:
    """Every archive in ``path`` (a file, a zip, or a folder searched recursively).

    Raises :class:`InputError` when a file or zip is no readable chat export; a folder
    without any archive gives an empty list. In a folder, other files are passed over,
    and damaged exports are added to ``problems`` when a list is given (else they raise).
    An encrypted zip is opened with ``password``; without it, or with a wrong one, it
    raises :class:`PasswordNeeded` or :class:`WrongPassword` (or goes to ``problems``).
    """
    zone_info = zone(tz)
    order = DateOrder(date_order) if date_order else None
    only = ArchiveFormat(format) if format else None
    found = detect_path(Path(path), only, problems, ZipPasswords.of(password))
    return [_archive(item, zone_info, order) for item in found]


def open_archive(
    path: Path | str,
    *,
    tz: str = DEFAULT_TZ,
    date_order: DateOrder | str | None = None,
    format: ArchiveFormat | str | None = None,
    password: ZipPasswords | str | None = None,
) -> Archive:
    """The single archive in ``path``; an error when there is none or more than one."""
    found = open_archives(path, tz=tz, date_order=date_order, format=format, password=password)
    if not found:
        raise InputError.single(path, "no chat export found")
    if len(found) > 1:
        raise InputError.single(
            path, f"holds {len(found)} chat exports; open them with open_archives()"
        )
    return found[0]


def find_archives(
    folder: Path | str,
    *,
    tz: str = DEFAULT_TZ,
    date_order: DateOrder | str | None = None,
    format: ArchiveFormat | str | None = None,
    problems: list[InputProblem] | None = None,
    password: ZipPasswords | str | None = None,
) -> list[Archive]:
    """The archives in a folder and its subfolders, in a stable (sorted) order.

    Damaged exports in the folder (and encrypted zips that cannot be opened) are added
    to ``problems`` when a list is given.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError.single(folder, "not a folder")
    return open_archives(
        folder,
        tz=tz,
        date_order=date_order,
        format=format,
        problems=problems,
        password=password,
    )


def _archive(item: Detected, tz: tzinfo, order: DateOrder | None) -> Archive:
    return Archive(
        path=item.path,
        format=item.reader.format,
        reader=item.reader,
        parts=item.parts,
        tz=tz,
        date_order_override=order,
        variant=item.variant,
        present_files=item.present_files,
    )
