"""The JSON report: every finding, stable key order, UTF-8, the same bytes for the same audit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import fields
from datetime import datetime
from json.encoder import encode_basestring
from typing import Any

from compliance.audit.report import AuditReport, Finding, Position, json_data
from compliance.forking import map_forked


def _dumps(value: Any) -> str:
    # NaN or infinity would not be valid JSON, so they raise instead of being written;
    # non-ASCII stays as it is (names such as "Łukasz" remain readable)
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)


def _indented(text: str, indent: str) -> str:
    return text.replace("\n", "\n" + indent)


def iter_json(report: AuditReport, workers: int = 1) -> Iterator[str]:
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
            yield from _findings_list(report.findings, workers)
        else:
            yield _indented(_dumps(json_data(getattr(report, name))), "  ")
        yield ",\n" if position < len(names) - 1 else "\n"
    yield "}\n"


def _findings_list(findings: list[Finding], workers: int) -> Iterator[str]:
    if not findings:
        yield "[]"
        return
    yield "[\n"
    # A few hundred findings per piece: far fewer pieces to encode and write, and still
    # only a small part of a large report in memory at once. With several workers
    # (``audit --jobs``), large rounds of pieces are rendered in forked processes at once.
    pieces = [
        findings[first : first + _FINDINGS_PER_PIECE]
        for first in range(0, len(findings), _FINDINGS_PER_PIECE)
    ]
    per_round = max(1, workers) * _PIECES_PER_WORKER
    for first in range(0, len(pieces), per_round):
        batch = pieces[first : first + per_round]
        texts = None
        if workers > 1 and len(batch) > _PIECES_PER_WORKER:
            size = -(-len(batch) // workers)
            shares = [batch[i : i + size] for i in range(0, len(batch), size)]
            rendered = map_forked(_rendered_pieces, shares)
            texts = None if rendered is None else [text for share in rendered for text in share]
        for number, text in enumerate(texts or map(_rendered_piece, batch), first):
            yield text if number == 0 else ",\n" + text
    yield "\n  ]"


_FINDINGS_PER_PIECE = 256
_PIECES_PER_WORKER = 64  # about sixteen thousand findings per process and round


def _rendered_piece(piece: list[Finding]) -> str:
    return ",\n".join(map(_finding_text, piece))


def _rendered_pieces(pieces: list[list[Finding]]) -> list[str]:
    return [_rendered_piece(piece) for piece in pieces]


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
    head, detector, message, tail = parts
    excerpt, value_hash = finding.excerpt, finding.value_hash
    return (
        f"{head}"
        f'      "count": {_number(finding.count)},\n'
        f"{detector}"
        f'      "excerpt": {"null" if excerpt is None else encode_basestring(excerpt)},\n'
        f"{message}"
        f'      "position": {_position_text(finding.position)},\n'
        f"{tail}"
        f'      "timestamp": {_moment(finding.timestamp)},\n'
        f'      "value_hash": {"null" if value_hash is None else encode_basestring(value_hash)}\n'
        "    }"
    )


_SHARED_PARTS: dict[tuple[str | None, ...], tuple[str, str, str, str]] = {}


def _shared_parts(finding: Finding) -> tuple[str, str, str, str]:
    """The pieces of a finding's text that come from its shared fields, in key order."""
    return (
        "    {\n"
        f'      "archive": {_text(finding.archive)},\n'
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
    file, index, line = position.file, position.index, position.line
    encoded = _FILES.get(file)
    if encoded is None:  # the findings of an archive name few files
        if len(_FILES) > 1_000:
            _FILES.clear()
        encoded = _FILES[file] = encode_basestring(file)
    return (
        "{\n"
        f'        "file": {encoded},\n'
        f'        "index": {"null" if index is None else int.__repr__(index)},\n'
        f'        "line": {"null" if line is None else int.__repr__(line)}\n'
        "      }"
    )


_FILES: dict[str, str] = {}


def _text(value: str | None) -> str:
    # str enums (rule, severity, role) are written as their value, as json.dumps does
    return "null" if value is None else encode_basestring(value)


def _number(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def _moment(value: datetime | None) -> str:
    if value is None:
        return "null"
    global _LAST_MOMENT
    last, text = _LAST_MOMENT
    if value is not last:  # the findings of one message share its timestamp
        text = encode_basestring(value.isoformat())
        _LAST_MOMENT = (value, text)
    return text


_LAST_MOMENT: tuple[datetime | None, str] = (None, "null")


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
