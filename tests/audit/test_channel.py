"""The channel rule: chats on a messenger the profile does not agree, or a discouraged one."""

from __future__ import annotations

import pytest

from compliance.audit.engine import run_audit
from compliance.audit.report import Severity
from compliance.audit.rules.channel import catalogue_entries
from tests.audit.conftest import CRAFTED, make_policy


def _channel(agreed: tuple[str, ...] | None) -> list[tuple[str, Severity, str | None]]:
    report = run_audit([str(CRAFTED)], make_policy(agreed_messengers=agreed))
    return [(f.code, f.severity, f.chat) for f in report.findings if f.rule == "channel"]


@pytest.mark.parametrize(
    ("agreed", "expected"),
    [
        # a WhatsApp chat against a Signal profile
        (("signal",), [("channel.not_agreed", Severity.HIGH, "Kim Klient")]),
        (("signal", "threema"), [("channel.not_agreed", Severity.HIGH, "Kim Klient")]),
        # agreed, and discouraged by the catalogue: pointed out, low
        (("whatsapp",), [("channel.discouraged", Severity.LOW, "Kim Klient")]),
        (("whatsapp_business",), [("channel.discouraged", Severity.LOW, "Kim Klient")]),
        # no profile: nobody agreed it, and the catalogue discourages it
        (None, [("channel.discouraged", Severity.MEDIUM, "Kim Klient")]),
    ],
)
def test_channel_findings(
    agreed: tuple[str, ...] | None, expected: list[tuple[str, Severity, str | None]]
) -> None:
    assert _channel(agreed) == expected


def test_not_agreed_names_the_messengers_and_has_an_action() -> None:
    report = run_audit([str(CRAFTED)], make_policy(agreed_messengers=("signal",), report_lang="de"))
    (finding,) = [f for f in report.findings if f.rule == "channel"]
    assert finding.message == (
        "Chat über WhatsApp; das Praxisprofil sieht diesen Messenger für Klientinnen und "
        "Klienten nicht vor (vereinbart: Signal)"
    )
    assert finding.action is not None and "Einwilligung" in finding.action
    assert finding.due is not None


def test_the_catalogue_says_which_reader_belongs_to_which_messenger() -> None:
    formats = {entry.key: entry.export_format for entry in catalogue_entries()}
    assert formats["whatsapp"] == "whatsapp" and formats["signal"] == "signal"
    assert {e.key for e in catalogue_entries() if e.discouraged} >= {"whatsapp", "telegram"}
