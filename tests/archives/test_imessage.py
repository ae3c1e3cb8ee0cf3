"""iMessage exports of imessage-exporter (TXT and HTML): detection from content, replies
read once, reactions as their authors' entries (never media), group chats."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compliance.archives import ArchiveFormat, MessageKind, open_archives
from tests.archives.golden import DATA

CASES = DATA / "imessage"
GROUP = CASES / "Anna Weber, Jonas Keller.txt"
ONE_TO_ONE = CASES / "Mira Kovac.html"


@pytest.mark.parametrize(("case", "variant"), [(GROUP, "text"), (ONE_TO_ONE, "html")])
def test_detected_from_content_whatever_the_name(case: Path, variant: str, tmp_path: Path) -> None:
    renamed = tmp_path / f"export{case.suffix}"
    shutil.copy(case, renamed)
    (archive,) = open_archives(renamed)
    summary = archive.summarize()
    assert (summary.format, summary.variant) == (ArchiveFormat.IMESSAGE, variant)


def test_a_group_chat_has_every_member_and_reactor_as_participant() -> None:
    (archive,) = open_archives(GROUP)
    summary = archive.summarize()
    assert summary.participants == ["Anna Weber", "Jonas Keller", "Me"]


@pytest.mark.parametrize("case", [GROUP, ONE_TO_ONE])
def test_reactions_are_authored_and_never_media(case: Path) -> None:
    (archive,) = open_archives(case)
    reactions = [m for m in archive.messages() if m.text in {"Liked", "Loved", "Sticker"}]
    assert reactions
    assert all(m.sender and m.kind is MessageKind.TEXT and not m.is_media for m in reactions)


@pytest.mark.parametrize("case", [GROUP, ONE_TO_ONE])
def test_a_reply_printed_under_its_thread_is_read_once(case: Path) -> None:
    (archive,) = open_archives(case)
    texts = [m.text for m in archive.messages()]
    reply = "Danke, ist angekommen." if case is GROUP else "Ja, gern: Freitag 9 Uhr?"
    assert texts.count(reply) == 1


def test_attachments_and_missing_files_are_media() -> None:
    (archive,) = open_archives(GROUP)
    media = [m for m in archive.messages() if m.is_media]
    names = [a.name for m in media for a in m.attachments]
    assert names == ["Befund_Maerz.pdf", "IMG_4411.HEIC", "Audio Message.caf", None]


def test_an_edited_message_stays_one_message() -> None:
    (archive,) = open_archives(GROUP)
    edited = [m for m in archive.messages() if "per Video" in m.text]
    assert len(edited) == 1 and edited[0].sender == "Jonas Keller"


def test_announcements_are_the_apps() -> None:
    (archive,) = open_archives(ONE_TO_ONE)
    system = [m for m in archive.messages() if m.sender is None]
    assert [m.text for m in system] == ["You renamed the conversation to Mira"]
