"""The user's cache folder, for what compliance derives from its dependencies once.

Fonts cut from a variable font and the ICD-10 code list take from tens of milliseconds
to seconds to build; each is kept under a key made from what it was built from, so a
new version of a dependency builds it again. A cache that cannot be written (a
read-only home) only costs the time to build it again on the next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path


def cache_dir(kind: str) -> Path:
    """The folder for one kind of cached data (XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "compliance" / kind


def cached_bytes(
    kind: str, name: str, key: str, build: Callable[[], bytes], suffix: str = ""
) -> bytes:
    """The bytes cached as ``name`` under ``key``, built (and stored) when missing."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    path = cache_dir(kind) / f"{name}-{digest}{suffix}"
    with contextlib.suppress(OSError):
        return path.read_bytes()
    data = build()
    with contextlib.suppress(Exception):
        from compliance.fsio import write_atomic

        write_atomic(path, data, mode=0o644)
    return data
