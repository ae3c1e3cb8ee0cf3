"""The JSON report: every finding, stable key order, UTF-8, the same bytes for the same audit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import StrEnum
from json.encoder import encode_basestring
from typing import Any

from compliance.audit.report import AuditReport, Finding, Position

_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_SORTED_FINDING_FIELDS = tuple(sorted(_FINDING_FIELDS))
_POSITION_FIELDS = tuple(sorted(f.name for f in fields(Position)))


def _dumps(value: Any) -> str:
    # NaN or infinity would not be valid JSON, so they raise instead of being written;
    # non-ASCII stays as it is (names such as "Łukasz" remain readable)
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)


def _plain(value: Any) -> Any:
    """A report value as JSON data, the same as ``AuditReport.to_dict`` gives."""
    if isinstance(value, StrEnum):
        return value.value
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as JSON data, without ``dataclasses.asdict``'s deep copies (many findings)."""
    return {name: _plain(getattr(finding, name)) for name in _FINDING_FIELDS}


def _indented(text: str, indent: str) -> str:
    return text.replace("\n", "\n" + indent)


def iter_json(report: AuditReport) -> Iterator[str]:
    """The JSON text in pieces, one finding at a time, for writing a large report as it goes.

    The pieces join to exactly ``json.dumps(report.to_dict(), sort_keys=True, indent=2)``
    (a test holds them to it): the top-level object is laid out here the way ``json``
    would, so that the findings never have to be in memory as one document.
    """
    names = sorted(f.name for f in fields(AuditReport))
    yield "{\n"
    for position, name in enumerate(names):
        yield f"  {_dumps(name)}: "
        if name == "findings":
            yield from _findings_list(report.findings)
        else:
            yield _indented(_dumps(_plain(getattr(report, name))), "  ")
        yield ",\n" if position < len(names) - 1 else "\n"
    yield "}\n"


def _findings_list(findings: list[Finding]) -> Iterator[str]:
    if not findings:
        yield "[]"
        return
    yield "[\n"
    for number, finding in enumerate(findings):
        separator = ",\n" if number else ""
        yield separator + _finding_text(finding)
    yield "\n  ]"


def _finding_text(finding: Finding) -> str:
    """One finding laid out as ``json.dumps(finding_dict(f), sort_keys=True, indent=2)``
    would lay it out four spaces in.

    A large audit has a hundred thousand findings, and ``json.dumps`` with ``indent``
    runs its pure-Python encoder; a finding is a flat record (only the position nests),
    so it is written here with the C string encoder ``json`` itself uses. A test holds
    the result to ``json.dumps`` byte for byte.
    """
    lines = []
    for name in _SORTED_FINDING_FIELDS:
        value = getattr(finding, name)
        if isinstance(value, Position):
            inner = ",\n".join(
                f'        "{field}": {_scalar(getattr(value, field))}' for field in _POSITION_FIELDS
            )
            lines.append(f'      "{name}": {{\n{inner}\n      }}')
        else:
            lines.append(f'      "{name}": {_scalar(value)}')
    return "    {\n" + ",\n".join(lines) + "\n    }"


def _scalar(value: Any) -> str:
    """A flat value of a finding as JSON text, as ``json.dumps`` writes it."""
    if value is None:
        return "null"
    if isinstance(value, str):  # plain strings and the str enums (rule, severity, role)
        return encode_basestring(str.__str__(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, datetime | date):
        return encode_basestring(value.isoformat())
    return _dumps(_plain(value))


def render_json(report: AuditReport) -> str:
    """The report as JSON text (sorted keys, two-space indent, a final newline)."""
    return "".join(iter_json(report))


def schema_text() -> str:
    """The JSON Schema of the report, as kept in ``schemas/audit-report.schema.json``."""
    from compliance.audit.report import json_schema

    return _dumps(json_schema()) + "\n"


# python -m compliance.reports.json_report > schemas/audit-report.schema.json
if __name__ == "__main__":
    print(schema_text(), end="")
