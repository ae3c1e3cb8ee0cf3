"""The package's YAML data files (report texts, action table), read through a JSON copy.

An audit reads a few of them at every start; PyYAML costs more to import than the parse
of all of them, and the JSON reader is loaded anyway. So each file's parsed content is
kept as JSON in the user's cache folder under the file's SHA-256 (a changed or
overridden file is parsed again), and YAML is imported only to parse a file the cache
does not hold. A file whose content JSON cannot hold exactly (dates, keys that are not
strings) is parsed every time, as is every file when the cache cannot be written; a
caller that needs only part of such a file keeps that part (``select``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from compliance.cachedir import cache_dir


def load_yaml_data(
    path: Path, select: Callable[[Any], Any] | None = None, part: str = "all"
) -> Any:
    """The parsed content of the YAML file at ``path``, or the part of it that ``select``
    takes from it (named ``part`` in the cache: one name per selection)."""
    source = path.read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:24]
    cached = cache_dir("data") / f"{path.parent.name}-{path.stem}-{part}-{digest}.json"
    with contextlib.suppress(OSError, ValueError):
        return json.loads(cached.read_bytes())
    data = parse_yaml(source)
    if select is not None:
        data = select(data)
    with contextlib.suppress(Exception):  # not JSON, or no cache to write to: parsed again
        text = json.dumps(data, ensure_ascii=False)
        if json.loads(text) == data:
            from compliance.fsio import write_atomic

            write_atomic(cached, text.encode("utf-8"), mode=0o644)
    return data


def parse_yaml(source: bytes | str) -> Any:
    """YAML parsed by PyYAML's safe loader (its C version where it is installed)."""
    import yaml

    return yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
