"""Media sent or referenced in a chat: photos, voice messages, videos, documents."""

from __future__ import annotations

from compliance.audit.excerpt import masked_excerpt
from compliance.audit.report import Finding, Rule, Severity
from compliance.audit.rules.base import AuditRule, Seen, position_of


class MediaRule(AuditRule):
    """Media may hold health data and belong in the record, not on the phone."""

    rule = Rule.MEDIA

    def on_media(self, seen: Seen) -> None:
        message = seen.message
        names = [a.name for a in message.attachments if a.name]
        kinds = sorted({a.media_type.split("/")[0] for a in message.attachments if a.media_type})
        t = self.texts
        what = ", ".join(t.get(f"media_kind.{k}", k) for k in (kinds or [message.kind.value]))
        present = any(a.present for a in message.attachments)
        code = "media.file_in_archive" if present else "media.referenced"
        files = t("finding.media.files", files=t.count("file", len(names))) if names else ""
        self.findings.append(
            Finding(
                rule=Rule.MEDIA,
                code=code,
                severity=Severity.MEDIUM,
                archive=seen.archive,
                chat=seen.chat,
                message=t(f"finding.{code}", what=what[:1].upper() + what[1:], files=files),
                position=position_of(message),
                timestamp=message.timestamp,
                sender_role=seen.role,
                excerpt=masked_excerpt(
                    message.text, seen.detected, show_values=self.policy.show_values
                ),
            )
        )
