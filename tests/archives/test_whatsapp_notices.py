"""What the structure of a WhatsApp export says about a line, with or without the words:
iOS direction marks, the chat's name as the "sender" of the app's notices, the actor
named twice in the note of an act, placeholders in languages the tables lack."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.archives.whatsapp import vocabulary
from tests.archives.test_count import _both

LRM = "\u200e"
CLIENT, ME = "Mira Kovač", "Dr. Lena Roth"


def _summary(tmp_path: Path, name: str, text: str) -> tuple[int, int, int, int, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    counted, read = _both(path)[0]
    assert counted == read
    return counted.entries, counted.authored, counted.system, counted.media, counted.participants


def test_android_timer_notice_with_the_actor_as_sender_is_the_apps(tmp_path: Path) -> None:
    notice = (
        "Anna updated the message timer. New messages will disappear from this chat 7 days "
        "after they're sent, except when kept. Tap to change."
    )
    text = f"14.08.24, 21:00 - Anna: {notice}\n14.08.24, 21:01 - Anna: Hallo\n" * 5
    assert _summary(tmp_path, "a.txt", text)[:4] == (10, 5, 5, 0)


# The app's note of a timer change, with the actor as "sender" and again at the start
# of the text, per language of the tables' "timer_notices" (their sources are in the
# tables: an Android export and WhatsApp's iOS strings for English; the research notes'
# "Du hast die Nachrichtendauer aktualisiert" for German, here with a named actor).
_TIMER_NOTICES = {
    "en": [
        "{name} updated the message timer. New messages will disappear from this chat "
        "7 days after they're sent. Tap to change.",
        "{name} turned off disappearing messages. Tap to change.",
    ],
    "de": ["{name} hat die Nachrichtendauer aktualisiert."],
}


def test_every_language_with_timer_notices_has_a_notice_here() -> None:
    with_timer = {
        code for code, entry in vocabulary.LANGUAGES.items() if entry.get("timer_notices")
    }
    assert with_timer == set(_TIMER_NOTICES)
    assert all(vocabulary.LANGUAGES[code]["sources"]["timer_notices"] for code in with_timer)


@pytest.mark.parametrize(
    "notice", [n for notices in _TIMER_NOTICES.values() for n in notices], ids=lambda n: n[7:30]
)
def test_android_timer_notices_named_twice_are_the_apps_on_both_paths(
    notice: str, tmp_path: Path
) -> None:
    text = (
        f"18.03.24, 09:00 - {CLIENT}: {notice.format(name=CLIENT)}\n"
        f"18.03.24, 09:01 - {CLIENT}: Guten Morgen\n"
        f"18.03.24, 09:02 - {ME}: {notice.format(name=ME)}\n"
        # the client's own words about the timer are the client's
        f"18.03.24, 09:03 - {CLIENT}: {CLIENT}, that is me: I turned on disappearing messages\n"
    ) * 3
    assert _summary(tmp_path, "t.txt", text)[:3] == (12, 6, 6)


def test_timer_notices_come_from_the_tables(tmp_path: Path) -> None:
    # Without the tables' timer words the note reads as the client's message: the words
    # are data that both paths read, not a copy in the code.
    text = "".join(
        f"18.03.24, 09:0{i} - {CLIENT}: {CLIENT} updated the message timer.\n" for i in range(6)
    )
    tables = json.loads(vocabulary.vocabulary_file().read_text(encoding="utf-8"))
    for entry in tables["languages"].values():
        entry.pop("timer_notices", None)
    stripped = tmp_path / "languages.json"
    stripped.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    assert _summary(tmp_path, "a.txt", text)[2] == 6
    vocabulary.load(stripped)
    try:
        assert _summary(tmp_path, "b.txt", text)[2] == 0
    finally:
        vocabulary.load()


def test_ios_group_acts_named_twice_are_the_apps(tmp_path: Path) -> None:
    text = (
        "[14.08.24, 21:00:12] Boris: Boris changed this group's icon\n"
        "[14.08.24, 21:00:13] Boris: Boris, kommst du morgen?\n"
    ) * 4
    assert _summary(tmp_path, "b.txt", text)[:3] == (8, 4, 4)


def test_notices_of_the_chats_name_without_marks_are_the_apps(tmp_path: Path) -> None:
    # Thai, as WhatsApp writes it, without the marks: the chat's name is learnt from the
    # first entry and its later security-code notice is the app's, not the client's.
    thai = vocabulary.LANGUAGES["th"]
    security = thai["notices"][1].replace("{name}", "Mira")
    lines = [f"[3/18/24 09:00:00] {CLIENT}: {thai['notices'][0]}"]
    lines += [f"[3/18/24 09:0{i}:00] {CLIENT if i % 2 else ME}: สวัสดี {i}" for i in range(1, 8)]
    lines.append(f"[3/18/24 09:08:00] {CLIENT}: {security}")
    assert _summary(tmp_path, "c.txt", "\n".join(lines * 3) + "\n")[:3] == (27, 21, 6)


def test_a_marked_placeholder_in_an_unknown_language_is_media(tmp_path: Path) -> None:
    # Welsh is not in the tables; the marks alone make the line media (of unknown kind).
    text = (
        f"[18.03.24, 09:00:00] {CLIENT}: Helo\n"
        f"{LRM}[18.03.24, 09:01:00] {CLIENT}: {LRM}delwedd wedi'i hepgor\n"
        f"[18.03.24, 09:02:00] {ME}: {LRM}Keine Ahnung, ob das ankam\n"
    ) * 3
    assert _summary(tmp_path, "d.txt", text)[:4] == (9, 9, 0, 3)


@st.composite
def _ios_entries(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """(kind, sender, text) of an iOS export in languages of the tables."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    language = vocabulary.LANGUAGES[draw(st.sampled_from(sorted(vocabulary.LANGUAGES)))]
    entries = [("notice", CLIENT, language["notices"][0])]
    for _ in range(draw(st.integers(3, 40))):
        sender = rng.choice([CLIENT, ME])
        roll = rng.random()
        if roll < 0.25:
            kind = rng.choice(sorted(language["omitted"]))
            entries.append(("media", sender, rng.choice(language["omitted"][kind])))
        elif roll < 0.32:
            entries.append(("deleted", sender, rng.choice(language["deleted"])))
        elif roll < 0.38:
            notice = language["notices"][1].replace("{name}", CLIENT.split()[0])
            entries.append(("security", CLIENT, notice))
        else:
            entries.append(("text", sender, rng.choice(["Hallo", "OK 👍", "bis morgen", "?"])))
    return entries


def _render(entries: list[tuple[str, str, str]], marked: bool) -> str:
    lines = []
    for number, (kind, sender, text) in enumerate(entries):
        stamp = f"[18.03.24, {9 + number // 60:02}:{number % 60:02}:00]"
        lead = body = ""
        if marked and kind == "media":
            lead = body = LRM
        elif marked and kind in ("deleted", "notice"):
            body = LRM
        elif marked and kind == "security":
            body = LRM + LRM
        lines.append(f"{lead}{stamp} {sender}: {body}{text}")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_ios_entries())
def test_ios_direction_marks_change_no_count(
    tmp_path: Path, entries: list[tuple[str, str, str]]
) -> None:
    plain = _summary(tmp_path, "plain.txt", _render(entries, marked=False))
    marked = _summary(tmp_path, "marked.txt", _render(entries, marked=True))
    assert plain == marked
    system = sum(kind in ("notice", "security") for kind, _sender, _text in entries)
    media = sum(kind == "media" for kind, _sender, _text in entries)
    assert plain[2:4] == (system, media)
