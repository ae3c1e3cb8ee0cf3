"""Doing the parts of one job at once: this process the first, forked children the others.

A plain fork, not a process pool: it costs about a millisecond, where importing and
starting a pool costs tens of milliseconds, and the children need nothing sent to
them (they are copies of this process). Only their results travel back, pickled,
through a pipe each. Where no child can be started (no fork on Windows, macOS, other
threads running, process limits), :func:`map_forked` says so and the caller does the
work alone.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_forked(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result] | None:
    """``[function(item) for item in items]``, the first here and the others in forked
    children at the same time; None when no child could be started.

    An exception in a child is raised here (when it can be pickled); a child that ends
    without a result also gives None, so that the caller does the work itself and meets
    whatever went wrong in this process.
    """
    if len(items) < 2 or not _can_fork():
        return None
    import pickle

    children: list[tuple[int, int]] = []  # process id, read end of its pipe
    try:
        for item in items[1:]:
            read_end, write_end = os.pipe()
            try:
                pid = os.fork()
            except OSError:
                os.close(read_end)
                os.close(write_end)
                return None  # no more processes here: do the work in this one
            if pid == 0:
                os.close(read_end)
                _child(function, item, write_end)
            os.close(write_end)
            children.append((pid, read_end))
        results = [function(items[0])]
        outcomes: list[tuple[bool, object]] = []
        while children:
            pid, read_end = children.pop(0)
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            outcomes.append(pickle.loads(data) if data else (False, None))
        for succeeded, value in outcomes:
            if succeeded:
                results.append(value)  # type: ignore[arg-type]
            elif isinstance(value, BaseException):
                raise value
            else:
                return None
        return results
    finally:
        for pid, read_end in children:  # only after an error in this process
            with contextlib.suppress(OSError):
                os.close(read_end)  # a child still writing gets a broken pipe and ends
            os.waitpid(pid, 0)


def _can_fork() -> bool:
    # Not on macOS, whose system libraries are not safe in a forked child that does not
    # exec (Python's own multiprocessing spawns there), nor where fork is missing.
    return hasattr(os, "fork") and sys.platform != "darwin" and not _other_threads()


def _other_threads() -> bool:
    """True when this process runs other threads: a fork then copies locks they may hold
    (a library user's thread pool), so the work stays in this process."""
    threading = sys.modules.get("threading")  # not loaded: no threads were started with it
    return threading is not None and threading.active_count() > 1


def _child(function: Callable[[Item], Result], item: Item, write_end: int) -> None:
    """Do one part in a forked child, send the result to the parent, and end the process
    without running the parent's exit handlers or flushing its buffers."""
    import pickle

    status = 0
    try:
        try:
            payload = pickle.dumps((True, function(item)))
        except BaseException as exc:  # sent to the parent, which raises it
            status = 1
            try:
                payload = pickle.dumps((False, exc))
            except Exception:
                payload = pickle.dumps((False, None))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
    except BaseException:
        status = 1
    finally:
        os._exit(status)
