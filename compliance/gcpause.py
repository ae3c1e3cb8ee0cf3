"""Pausing Python's cyclic garbage collector around a long streaming run."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while reading or auditing a large archive.

    Such a run allocates millions of short-lived objects (and an audit keeps a growing
    list of findings); every full collection walks all live objects again, which cost a
    quarter of an audit of a million messages. Nothing these runs build is cyclic
    (reference counting frees it), and the collector runs again as usual afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
