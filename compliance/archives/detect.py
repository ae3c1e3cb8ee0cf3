"""Find the archives in a path and pick each one's format from its content."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from compliance.archives.base import ArchiveReader, Sniffed
from compliance.archives.model import ArchiveFormat
from compliance.archives.passwords import ZipPasswords
from compliance.archives.registry import READERS
from compliance.archives.sources import Source, file_source, is_zip, read_head, zip_members
from compliance.archives.textio import decode_head
from compliance.errors import InputError, InputProblem


class NotAChatExport(InputError):
    """The input is readable but holds no chat export of a known format."""


# Members of these types are read as possible chats; everything else is media.
_TEXT_SUFFIXES = frozenset({".txt", ".json", ".html", ".htm", ".md", ".jsonl", ""})


@dataclass(frozen=True, slots=True)
class Detected:
    """One archive found: which reader reads which files, and the files beside them."""

    path: str
    reader: ArchiveReader
    variant: str
    parts: tuple[Source, ...]
    present_files: frozenset[str] | None


def sniff(
    source: Source, only: ArchiveFormat | None = None
) -> tuple[ArchiveReader, Sniffed] | None:
    """The best reader for one file, judged from its first 64 KiB."""
    raw = read_head(source)
    if not raw.strip():
        return None
    head = decode_head(raw)
    best: tuple[ArchiveReader, Sniffed] | None = None
    for reader in READERS:
        if only is not None and reader.format is not only:
            continue
        claim = reader.sniff(head, source.display)
        if claim is not None and (best is None or claim.confidence > best[1].confidence):
            best = (reader, claim)
    return best


def detect_path(
    path: Path,
    only: ArchiveFormat | None = None,
    problems: list[InputProblem] | None = None,
    passwords: ZipPasswords | None = None,
) -> list[Detected]:
    """The archives in ``path`` (a file, a zip, or a folder); errors name the file.

    In a folder, files that are no chat export are passed over; damaged exports raise,
    or are added to ``problems`` when a list is given, so the rest can still be read.
    Encrypted zips are opened with ``passwords``; without one they count as damaged.
    """
    if not path.exists():
        raise InputError.single(path, "no such file or folder")
    if path.is_dir():
        return list(_detect_folder(path, only, problems, passwords))
    if is_zip(path):
        return _detect_zip(path, only, passwords)
    return _detect_file(path, only, None)


def _detect_file(
    path: Path, only: ArchiveFormat | None, siblings: frozenset[str] | None
) -> list[Detected]:
    source = file_source(path)
    if source.size == 0:
        raise NotAChatExport.single(path, "empty file; no chat to read")
    found = sniff(source, only)
    if found is None:
        what = f"a {only} export" if only else "a chat export of a known format"
        raise NotAChatExport.single(path, f"not {what} (no message found in its first 64 KiB)")
    reader, claim = found
    parts: tuple[Source, ...] = (source,)
    if reader.multi_part:
        parts = tuple(_sibling_parts(path, reader))
    if siblings is None:
        siblings = frozenset(p.name for p in path.parent.iterdir() if p.is_file())
    return [Detected(str(path), reader, claim.variant, parts, siblings)]


def _sibling_parts(path: Path, reader: ArchiveReader) -> Iterator[Source]:
    pattern = _part_pattern(path.name)
    if pattern is None:
        yield file_source(path)
        return
    for sibling in sorted(path.parent.iterdir()):
        if sibling.is_file() and pattern.match(sibling.name):
            yield file_source(sibling)


def _part_pattern(name: str) -> re.Pattern[str] | None:
    # messages.html, messages2.html, ... and message_1.json, message_2.json, ...
    match = re.match(r"^(messages|message_)\d*\.(html|json)$", name)
    if match is None:
        return None
    return re.compile(rf"^{match[1]}\d*\.{match[2]}$")


def _detect_zip(
    path: Path, only: ArchiveFormat | None, passwords: ZipPasswords | None
) -> list[Detected]:
    members = zip_members(path, passwords)
    if not members:
        raise NotAChatExport.single(path, "the zip file holds no files")
    # Base names (what chat texts cite) and full member paths (what Meta's uri fields cite).
    present = frozenset(
        name for m in members for name in (PurePosixPath(m.member or "").name, m.member or "")
    )
    candidates = [
        m for m in members if PurePosixPath(m.member or "").suffix.lower() in _TEXT_SUFFIXES
    ]
    groups: dict[tuple[int, str], list[tuple[Source, Sniffed]]] = defaultdict(list)
    readers: dict[int, ArchiveReader] = {}
    for member in candidates:
        if member.size == 0:
            continue
        found = sniff(member, only)
        if found is None:
            continue
        reader, claim = found
        folder = (
            str(PurePosixPath(member.member or "").parent) if reader.multi_part else member.member
        )
        groups[(id(reader), folder or "")].append((member, claim))
        readers[id(reader)] = reader
    if not groups:
        nested = [m.member for m in members if (m.member or "").lower().endswith(".zip")]
        if nested:
            raise InputError.single(
                path, f"holds only a nested zip ({nested[0]}); nested zips are not opened"
            )
        raise NotAChatExport.single(path, "the zip file holds no chat export of a known format")
    found_archives: list[Detected] = []
    for (reader_id, folder), items in sorted(groups.items(), key=lambda kv: kv[0][1]):
        reader = readers[reader_id]
        items.sort(key=lambda item: _part_order(item[0]))
        label = str(path) if len(groups) == 1 else f"{path}!{folder}"
        found_archives.append(
            Detected(label, reader, items[0][1].variant, tuple(i[0] for i in items), present)
        )
    return found_archives


def _part_order(source: Source) -> tuple[str, int, str]:
    name = source.name
    match = re.match(r"^(\D*?)(\d*)\.\w+$", name)
    number = int(match[2]) if match and match[2] else 0
    return (str(PurePosixPath(source.member or "").parent), number, name)


def _detect_folder(
    folder: Path,
    only: ArchiveFormat | None,
    problems: list[InputProblem] | None,
    passwords: ZipPasswords | None,
) -> Iterator[Detected]:
    for directory, _subdirs, files in _walk(folder):
        grouped: set[str] = set()
        siblings = frozenset(files)
        for name in sorted(files):
            if name in grouped or name.startswith("."):
                continue
            path = directory / name
            try:
                if is_zip(path):
                    yield from _detect_zip(path, only, passwords)
                    continue
                if Path(name).suffix.lower() not in _TEXT_SUFFIXES:
                    continue
                detected = _detect_file(path, only, siblings)
            except NotAChatExport:
                continue  # a folder holds other files too; only chats are archives
            except InputError as exc:
                if problems is None:
                    raise
                problems.extend(exc.problems)  # a damaged export must not pass unnoticed
                continue
            for item in detected:
                grouped.update(p.name for p in item.parts)
                if len(item.parts) > 1:
                    item = Detected(
                        str(directory), item.reader, item.variant, item.parts, item.present_files
                    )
                yield item


def _walk(folder: Path) -> Iterator[tuple[Path, list[str], list[str]]]:
    for root, subdirs, files in os.walk(folder):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d != "__MACOSX")
        yield Path(root), subdirs, files
