"""The channel: a chat on a messenger the practice has not agreed with clients, or a discouraged
one.

The profile's ``messaging.messengers`` names the agreed messengers (keys of
``checklists/messengers.yaml``); the catalogue's ``export_format`` says which messenger an
archive comes from and its ``status`` whether it is discouraged for client communication.
One finding per chat: a messenger that is not agreed is ``high``; a discouraged one is
``medium`` when nobody said it was agreed (no profile), ``low`` when the profile agrees it
(a documented decision of the practice, which the report still points out).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding, Rule, Severity
from compliance.cachedir import cached_bytes
from compliance.datadir import data_root
from compliance.datayaml import parse_yaml
from compliance.reports.texts import texts_for


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    key: str
    name: str
    discouraged: bool
    export_format: str | None


@cache
def catalogue_entries() -> tuple[CatalogueEntry, ...]:
    """The messengers of the catalogue: key, name, status and the reader of their exports.

    Parsing the whole catalogue costs an audit more than some of its rules, so the few
    fields this rule needs are kept in the user's cache under the catalogue's SHA-256 (a
    changed or overridden catalogue is read again).
    """
    source = (data_root() / "checklists" / "messengers.yaml").read_bytes()
    key = hashlib.sha256(source).hexdigest()
    data = cached_bytes("catalogue", "messenger-channels", key, lambda: _index(source), ".json")
    return tuple(CatalogueEntry(*row) for row in json.loads(data))


def _index(source: bytes) -> bytes:
    data: dict[str, Any] = parse_yaml(source)
    rows = []
    for key, messenger in data["messengers"].items():
        export = (messenger.get("facts", {}).get("export_format") or {}).get("value")
        rows.append(
            [key, messenger.get("name", key), messenger.get("status") == "discouraged", export]
        )
    return json.dumps(rows).encode("utf-8")


def channel_findings(
    policy: AuditPolicy, archive: str, archive_format: str, chats: list[str | None]
) -> list[Finding]:
    """One finding per chat of an archive from a messenger that is not agreed or discouraged."""
    candidates = [e for e in catalogue_entries() if e.export_format == archive_format]
    if not candidates or not chats:
        return []
    texts = texts_for(policy.report_lang, policy.region)
    names = {e.key: e.name for e in catalogue_entries()}
    agreed = policy.agreed_messengers
    used = next((e for e in candidates if agreed and e.key in agreed), None)
    if agreed is not None and used is None:
        code, severity = "channel.not_agreed", Severity.HIGH
        message = texts(
            "finding.channel.not_agreed",
            messenger=candidates[0].name,
            agreed=", ".join(names.get(key, key) for key in agreed)
            or texts("finding.nothing_agreed"),
        )
    elif (used or candidates[0]).discouraged:
        code = "channel.discouraged"
        severity = Severity.LOW if used is not None else Severity.MEDIUM
        message = texts("finding.channel.discouraged", messenger=(used or candidates[0]).name)
    else:
        return []
    return [
        Finding(
            rule=Rule.CHANNEL,
            code=code,
            severity=severity,
            archive=archive,
            chat=chat,
            message=message,
        )
        for chat in chats
    ]
