"""Streaming JSON over ijson: records under given paths; damage becomes a warning."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from compliance.archives.faults import MAX_NESTING, DamagedRecord, JsonGuard, TooDeep, reason
from compliance.archives.model import ReadReport
from compliance.archives.sources import ZIP_ERRORS

JsonEvent = tuple[str, str, Any]

# ijson (and the decimal module it loads) is imported by the functions that parse: format
# detection imports every reader, and a WhatsApp .txt never needs a JSON parser.


def records(
    stream: IO[bytes],
    record_prefixes: frozenset[str],
    *,
    origin: str,
    report: ReadReport,
) -> Iterator[tuple[str, Any] | JsonEvent]:
    """Yield ``(prefix, object)`` for each JSON value whose path is in ``record_prefixes``,
    and every other scalar/start/end event as ``(prefix, event, value)``.

    Memory holds one record at a time. A truncated or invalid document ends the stream
    with a warning and one skipped record, instead of an exception.
    """
    import ijson

    counted = JsonGuard(stream)
    # multiple_values: JSON Lines (one record per line) read the same way.
    events = ijson.parse(counted, use_float=True, multiple_values=True)
    builder: Any = None
    building_prefix = ""
    depth = 0
    try:
        for prefix, event, value in events:
            if builder is not None:
                # No depth limit here: the guard stops any nesting past MAX_NESTING first.
                builder.event(event, value)
                if event in ("start_map", "start_array"):
                    depth += 1
                elif event in ("end_map", "end_array"):
                    depth -= 1
                if depth == 0:
                    yield (building_prefix, builder.value)
                    builder = None
                continue
            if prefix in record_prefixes and event in ("start_map", "start_array"):
                builder = ijson.ObjectBuilder()
                builder.event(event, value)
                building_prefix = prefix
                depth = 1
                continue
            if prefix in record_prefixes and event in ("string", "number", "boolean", "null"):
                yield (prefix, value)
                continue
            yield (prefix, event, value)
    except ijson.JSONError:
        _damaged(report, origin, counted.offset)
    except TooDeep as exc:
        report.skipped += 1
        report.warn(f"{origin}: JSON {exc}; read up to that point")
    except ZIP_ERRORS as exc:
        _unreadable(report, origin, exc, counted.offset)


def _damaged(report: ReadReport, origin: str, offset: int) -> None:
    # Never the parser's message: yajl quotes the input around the error.
    report.skipped += 1
    report.warn(
        f"{origin}: JSON is truncated or invalid before byte {offset:,}; read up to that point"
    )


def _unreadable(report: ReadReport, origin: str, exc: BaseException, offset: int) -> None:
    report.skipped += 1
    report.warn(
        f"{origin}: the file is damaged ({reason(exc)}) before byte {offset:,}; "
        "read up to that point"
    )


def items(stream: IO[bytes], prefix: str, *, origin: str, report: ReadReport) -> Iterator[Any]:
    """The values at one JSON path, built by ijson's C backend (much faster than
    :func:`records`); damage ends the stream with a warning as there."""
    import ijson

    counted = JsonGuard(stream)
    try:
        yield from ijson.items(counted, prefix, use_float=True)
    except ijson.JSONError:
        _damaged(report, origin, counted.offset)
    except TooDeep as exc:
        report.skipped += 1
        report.warn(f"{origin}: JSON {exc}; read up to that point")
    except ZIP_ERRORS as exc:
        _unreadable(report, origin, exc, counted.offset)


def scalars_before(stream: IO[bytes], stop_prefix: str, wanted: frozenset[str]) -> dict[str, Any]:
    """Top-level scalars under ``wanted`` that come before ``stop_prefix`` starts."""
    import ijson

    found: dict[str, Any] = {}
    try:
        for prefix, event, value in ijson.parse(JsonGuard(stream), use_float=True):
            if prefix == stop_prefix and event == "start_array":
                break
            if prefix in wanted and event in ("string", "number"):
                found[prefix] = value
    except (ijson.JSONError, TooDeep, *ZIP_ERRORS):
        pass  # the full read reports the damage
    return found


def flatten_text(value: Any) -> str:
    """Telegram/Matrix text: a string, or an array of strings and ``{text: ...}`` parts.

    Iterative, with a depth limit: a hostile export can nest parts many thousand levels
    deep. Deeper than :data:`MAX_NESTING` raises :class:`DamagedRecord`.
    """
    if isinstance(value, str):
        return value
    pieces: list[str] = []
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if item is None:
            continue
        if isinstance(item, str):
            pieces.append(item)
            continue
        if depth >= MAX_NESTING:
            raise DamagedRecord(f"text nested deeper than {MAX_NESTING} levels")
        if isinstance(item, list):
            pending.extend((part, depth + 1) for part in reversed(item))
        elif isinstance(item, dict):
            pending.append((item.get("text", ""), depth + 1))
        elif isinstance(item, bool | int | float):
            pieces.append(str(item))
        # anything else (never made by a JSON parser) carries no text
    return "".join(pieces)
