"""The JSON report: every finding, stable key order, UTF-8, the same bytes for the same audit."""

from __future__ import annotations

import json

from compliance.audit.report import AuditReport


def render_json(report: AuditReport) -> str:
    """The report as JSON text (sorted keys, two-space indent, a final newline).

    Non-ASCII stays as it is (names such as "Łukasz" remain readable); NaN or infinity
    would not be valid JSON, so they raise instead of being written.
    """
    return (
        json.dumps(report.to_dict(), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
        + "\n"
    )


def schema_text() -> str:
    """The JSON Schema of the report, as kept in ``schemas/audit-report.schema.json``."""
    from compliance.audit.report import json_schema

    return json.dumps(json_schema(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


if (
    __name__ == "__main__"
):  # python -m compliance.reports.json_report > schemas/audit-report.schema.json
    print(schema_text(), end="")
