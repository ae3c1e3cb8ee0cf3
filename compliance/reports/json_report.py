"""The JSON report: every finding, stable key order, UTF-8, the same bytes for the same audit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import fields
from datetime import date, datetime
from json.encoder import encode_basestring
from typing import Any

from compliance.audit.report import AuditReport, Finding, Position, json_data


def _dumps(value: Any) -> str:
    # NaN or infinity would not be valid JSON, so they raise instead of being written;
    # non-ASCII stays as it is (names such as "Łukasz" remain readable)
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)


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
            yield _indented(_dumps(json_data(getattr(report, name))), "  ")
        yield ",\n" if position < len(names) - 1 else "\n"
    yield "}\n"


def _findings_list(findings: list[Finding]) -> Iterator[str]:
    if not findings:
        yield "[]"
        return
    yield "[\n"
    # A few hundred findings per piece: far fewer pieces to encode and write, and still
    # only a small part of a large report in memory at once.
    for first in range(0, len(findings), _FINDINGS_PER_PIECE):
        piece = ",\n".join(map(_finding_text, findings[first : first + _FINDINGS_PER_PIECE]))
        yield piece if first == 0 else ",\n" + piece
    yield "\n  ]"


_FINDINGS_PER_PIECE = 256


def _finding_text(finding: Finding) -> str:
    """One finding laid out as ``json.dumps(json_data(f), sort_keys=True, indent=2)``
    would lay it out four spaces in.

    A large audit has a hundred thousand findings, and ``json.dumps`` with ``indent``
    runs its pure-Python encoder; a finding is a flat record of known fields (only the
    position nests), so it is written here from a template, in sorted key order, with
    the C string encoder ``json`` itself uses. The fields most findings share (archive,
    chat, rule, category, ...) are encoded once per combination. A test holds the result
    to ``json.dumps`` byte for byte (and so to the fields of ``Finding``).
    """
    shared = (
        finding.action,
        finding.archive,
        finding.category,
        finding.chat,
        finding.code,
        finding.detector,
        finding.message,
        finding.rule,
        finding.sender_role,
        finding.severity,
    )
    parts = _SHARED_PARTS.get(shared)
    if parts is None:
        if len(_SHARED_PARTS) > 10_000:
            _SHARED_PARTS.clear()
        parts = _SHARED_PARTS[shared] = _shared_parts(finding)
    head, kind, detector, message, tail = parts
    return (
        f"{head}"
        f'      "baseline": {_text(finding.baseline)},\n'
        f"{kind}"
        f'      "count": {_number(finding.count)},\n'
        f"{detector}"
        f'      "due": {_moment(finding.due)},\n'
        f'      "excerpt": {_text(finding.excerpt)},\n'
        f'      "id": {_text(finding.id)},\n'
        f"{message}"
        f'      "position": {_position_text(finding.position)},\n'
        f"{tail}"
        f'      "timestamp": {_moment(finding.timestamp)},\n'
        f'      "value_hash": {_text(finding.value_hash)}\n'
        "    }"
    )


_SHARED_PARTS: dict[tuple[str | None, ...], tuple[str, str, str, str, str]] = {}


def _shared_parts(finding: Finding) -> tuple[str, str, str, str, str]:
    """The pieces of a finding's text that come from its shared fields, in key order."""
    return (
        "    {\n"
        f'      "action": {_text(finding.action)},\n'
        f'      "archive": {_text(finding.archive)},\n',
        f'      "category": {_text(finding.category)},\n'
        f'      "chat": {_text(finding.chat)},\n'
        f'      "code": {_text(finding.code)},\n',
        f'      "detector": {_text(finding.detector)},\n',
        f'      "message": {_text(finding.message)},\n',
        f'      "rule": {_text(finding.rule)},\n'
        f'      "sender_role": {_text(finding.sender_role)},\n'
        f'      "severity": {_text(finding.severity)},\n',
    )


def _position_text(position: Position | None) -> str:
    if position is None:
        return "null"
    return (
        "{\n"
        f'        "file": {_text(position.file)},\n'
        f'        "index": {_number(position.index)},\n'
        f'        "line": {_number(position.line)}\n'
        "      }"
    )


def _text(value: str | None) -> str:
    # str enums (rule, severity, role) are written as their value, as json.dumps does
    return "null" if value is None else encode_basestring(value)


def _number(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def _moment(value: date | datetime | None) -> str:
    return "null" if value is None else encode_basestring(value.isoformat())


def render_json(report: AuditReport) -> str:
    """The report as JSON text (sorted keys, two-space indent, a final newline)."""
    return "".join(iter_json(report))


def schema_text() -> str:
    """The JSON Schema of the report, as kept in ``compliance/schemas/audit-report.schema.json``."""
    from compliance.audit.report import json_schema

    return _dumps(json_schema()) + "\n"


# python -m compliance.reports.json_report > compliance/schemas/audit-report.schema.json
if __name__ == "__main__":
    print(schema_text(), end="")
