"""Atomic file output: a reader never sees a half-written report or document."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from compliance.errors import OutputError, UsageError


def write_atomic(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`write_chunks_atomic`)."""
    write_chunks_atomic(path, (data,), mode=mode)


def write_chunks_atomic(path: Path, chunks: Iterable[bytes], *, mode: int = 0o600) -> None:
    """Write ``chunks`` to ``path`` via a temporary file in the same folder and a rename.

    Outputs may hold client data, so they are created readable by the owner only
    unless the caller asks otherwise. A failed write leaves no temporary file behind.
    A path that exists but is no regular file (``/dev/null``, a named pipe, a terminal)
    is written directly: renaming over it would replace the device with a file.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        if path.is_dir():
            raise OutputError(f"{path}: is a folder; give a file name")
        try:
            with path.open("wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        return
    import tempfile  # here, not above: commands that write no file start faster

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(path)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=PART_SUFFIX, dir=path.parent
        )
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


PART_SUFFIX = ".part"


def part_pattern(path: Path) -> re.Pattern[str]:
    """The names of ``path``'s part files: ``.NAME.PID.RANDOM.part`` (and, from versions
    before the process id was part of the name, ``.NAME.RANDOM.part``)."""
    return re.compile(rf"^\.{re.escape(path.name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.part$")


def remove_stale_parts(path: Path) -> None:
    """Remove part files of ``path`` left by a writer that no longer runs (killed hard, or
    the machine stopped); a part of a process still running is left alone."""
    pattern = part_pattern(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        match = pattern.match(name)
        if match is None or (match[1] is not None and _running(int(match[1]))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(path.parent / name)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process (or no such number): leave its file
    return True


def write_text_atomic(path: Path, text: str, *, mode: int = 0o600) -> None:
    """Write UTF-8 text atomically (see :func:`write_atomic`)."""
    write_atomic(path, text.encode("utf-8"), mode=mode)


def refuse_input_as_output(output: Path, inputs: Iterable[Path | str]) -> None:
    """Raise :class:`UsageError` when ``output`` is one of ``inputs`` (the same file, by
    any name or link) or lies inside an input file such as a zip: writing would destroy
    the export being read. No option overrides this."""
    target = os.path.realpath(output)
    for given in inputs:
        source = os.path.realpath(given)
        inside_file = os.path.isfile(source) and target.startswith(source + os.sep)
        if target == source or inside_file or _same_file(output, Path(given)):
            raise UsageError(
                f"{output}: is the input {given}; writing there would replace it. "
                "Give another output file."
            )


def _same_file(first: Path, second: Path) -> bool:
    try:
        return os.path.samefile(first, second)
    except (OSError, ValueError):
        return False


def refuse_existing_files(paths: Iterable[Path], force: bool) -> None:
    """Stop before anything is written when one of ``paths`` exists as a file (exit 2),
    unless ``force``: an earlier output is never replaced without asking. A device such
    as ``/dev/null`` is written to, never "overwritten"."""
    if force:
        return
    existing = [str(path) for path in paths if path.is_file()]
    if existing:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise UsageError(
            f"{existing[0]} already exists{more}; use --force to overwrite it, "
            "or choose another place with -o"
        )
