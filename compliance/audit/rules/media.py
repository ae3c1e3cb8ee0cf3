"""Media sent or referenced in a chat: photos, voice messages, videos, documents."""

from __future__ import annotations

from compliance.audit.excerpt import masked_excerpt
from compliance.audit.policy import AuditPolicy
from compliance.audit.report import Finding, Rule, Severity
from compliance.audit.rules.base import AuditRule, Seen, position_of


class MediaRule(AuditRule):
    """Media may hold health data and belong in the record, not on the phone."""

    rule = Rule.MEDIA

    def __init__(self, policy: AuditPolicy, archive: str) -> None:
        super().__init__(policy, archive)
        # An archive has thousands of photos and voice messages but few distinct texts
        # about them: each is written (looked up, counted, formatted) once.
        self.texts_by_kind: dict[tuple[str, tuple[str, ...], int], str] = {}

    def on_media(self, seen: Seen) -> None:
        message = seen.message
        names = [a.name for a in message.attachments if a.name]
        kinds = sorted({a.media_type.split("/")[0] for a in message.attachments if a.media_type})
        present = any(a.present for a in message.attachments)
        code = "media.file_in_archive" if present else "media.referenced"
        key = (code, tuple(kinds or [message.kind.value]), len(names))
        text = self.texts_by_kind.get(key)
        if text is None:
            text = self.texts_by_kind[key] = self._text(*key)
        self.findings.append(
            Finding(
                rule=Rule.MEDIA,
                code=code,
                severity=Severity.MEDIUM,
                archive=seen.archive,
                chat=seen.chat,
                message=text,
                position=position_of(message),
                timestamp=message.timestamp,
                sender_role=seen.role,
                excerpt=masked_excerpt(
                    message.text, seen.detected, show_values=self.policy.show_values
                ),
            )
        )

    def _text(self, code: str, kinds: tuple[str, ...], files: int) -> str:
        """The finding's text for media of these kinds with this many named files."""
        t = self.texts
        what = ", ".join(t.get(f"media_kind.{k}", k) for k in kinds)
        named = t("finding.media.files", files=t.count("file", files)) if files else ""
        return t(f"finding.{code}", what=what[:1].upper() + what[1:], files=named)
