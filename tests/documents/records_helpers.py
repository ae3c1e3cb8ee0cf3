"""Shared helpers for the tests of the record, notice, retention schedule and measures."""

from __future__ import annotations

import re

from click.testing import CliRunner

from compliance import catalog
from compliance.cli import cli

AS_OF = "2026-12-07"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


# Markdown markers and research vocabulary that must never reach a client.
_MARKERS = re.compile(r"\*\*|__|^#|\[\s?\]\(|`")
_UNKNOWN = re.compile(r"\b(unbekannt|unknown|unverified|nicht bestätigt|not confirmed)\b", re.I)


def client_text_problems(
    text: str, *, allowed_urls: tuple[str, ...] = (), swiss: bool = False
) -> list[str]:
    """What a client must not read in ``text`` (a test-side stand-in for the shared check
    in compliance/documents/client_text.py, which another branch adds)."""
    problems = []
    if _MARKERS.search(text):
        problems.append("Markdown marker")
    if _UNKNOWN.search(text):
        problems.append("an unknown or unverified fact")
    for messenger in catalog.messengers().values():
        for fact in messenger.facts.model_dump().values():
            source = fact["source"]
            if source and source in text:
                problems.append(f"a research source: {source}")
            note = fact["note"]
            if note and (note["de"] in text or note["en"] in text):
                problems.append("a research note")
    for url in re.findall(r"https?://[^\s,;)]+", text):
        if url.rstrip(".") not in allowed_urls:
            problems.append(f"a URL other than the practice's or the authority's: {url}")
    if swiss and "ß" in text:
        problems.append("ß in Swiss text")
    if swiss and "DSGVO" in text:
        problems.append("DSGVO in Swiss text")
    return problems
