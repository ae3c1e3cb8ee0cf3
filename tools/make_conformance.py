"""Writes the WhatsApp conformance corpus (tests/data/conformance/) from the phrase tables.

Each language gets an iOS export (with the direction marks iOS writes) and an Android
export in the exporters' own words (placeholders, notices, attachment labels, all from
compliance/checklists/whatsapp/languages.json, which records what WhatsApp writes), and
an expected summary worked out here from what each line is, not by running the reader.
Run once after the tables grow: ``python tools/make_conformance.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TABLES = REPO / "compliance" / "checklists" / "whatsapp" / "languages.json"
OUT = REPO / "tests" / "data" / "conformance"
LRM = "\u200e"
# Layouts per language group: the phone's region decides them, not its language.
IOS_LAYOUTS = {
    "dmy_dots": ("[{d:02}.{m:02}.{y:02}, {H:02}:{M:02}:{S:02}]", "DMY"),
    "mdy": ("[{m}/{d}/{y:02}, {H:02}:{M:02}:{S:02}]", "MDY"),
    "mdy_nocomma": ("[{m}/{d}/{y:02} {H:02}:{M:02}:{S:02}]", "MDY"),
    "dmy_slash": ("[{d:02}/{m:02}/{Y}, {H:02}:{M:02}:{S:02}]", "DMY"),
}
ANDROID_LAYOUTS = {
    "dmy_dots": ("{d:02}.{m:02}.{y:02}, {H:02}:{M:02} - ", "DMY"),
    "dmy_slash": ("{d:02}/{m:02}/{Y}, {H:02}:{M:02} - ", "DMY"),
    "mdy": ("{m}/{d}/{y:02}, {H:02}:{M:02} - ", "MDY"),
}
LANGUAGES = {
    "en": "mdy", "de": "dmy_dots", "fr": "mdy_nocomma", "es": "dmy_slash", "it": "dmy_slash",
    "pt-PT": "mdy_nocomma", "pt-BR": "dmy_slash", "ru": "dmy_dots", "uk": "mdy", "pl": "dmy_dots",
    "cs": "mdy_nocomma", "nl": "dmy_slash", "tr": "dmy_dots", "ar": "dmy_slash", "hi": "mdy",
    "id": "dmy_slash", "ja": "mdy_nocomma", "ko": "mdy", "zh-CN": "mdy", "th": "mdy_nocomma",
    "vi": "dmy_slash",
}  # fmt: skip
CLIENT, ME = "Mira Kovač", "Dr. Lena Roth"
_Maker = Callable[..., tuple[str, int, int, int, str]]


def _stamp(layout: str, minute: int) -> str:
    return layout.format(d=18, m=3, y=24, Y=2024, H=9, M=minute, S=minute % 60)


def _iso(minute: int) -> str:
    return f"2024-03-18T09:{minute:02}:{minute % 60:02}"


def ios_export(entry: dict[str, Any], layout: str) -> tuple[str, int, int, int, str]:
    """The text, entries, system and media entries, and last time of an iOS export."""
    omitted = entry["omitted"]
    notices = entry["notices"]
    deleted = entry["deleted"]
    location = entry["location"][0]
    lines: list[str] = []
    media = 0

    def line(minute: int, sender: str, text: str, marked: bool = False) -> None:
        lines.append(f"{LRM if marked else ''}{_stamp(layout, minute)} {sender}: {text}")

    line(0, CLIENT, f"{LRM}{notices[0]}.")
    line(1, CLIENT, "Guten Morgen / good morning 🙂")
    line(2, ME, "OK, 10:00.")
    minute = 3
    for kind in ("image", "video", "audio", "sticker", "gif", "contact"):
        if kind in omitted:
            line(minute, CLIENT if minute % 2 else ME, f"{LRM}{omitted[kind][0]}", marked=True)
            media += 1
            minute += 1
    if "document" in omitted:
        line(minute, CLIENT, f"Befund.pdf {LRM}{omitted['document'][0]}", marked=True)
        media += 1
        minute += 1
    line(minute, CLIENT, f"{LRM}{deleted[0]}.")
    line(minute + 1, CLIENT, f"{LRM}{location}: https://maps.google.com/?q=52.5200,13.4050")
    security = notices[1].replace("{name}", CLIENT.split()[0])
    line(minute + 2, CLIENT, f"{LRM}{LRM}{security}.")
    line(minute + 3, ME, "Bis Donnerstag.\nUnd bitte die Unterlagen mitbringen.")
    line(
        minute + 4,
        CLIENT,
        f"{LRM}<attached: 00000031-PHOTO-2024-03-18-09-{minute + 4:02}.jpg>",
        True,
    )
    media += 1
    return "\r\n".join(lines) + "\r\n", len(lines), 2, media, f"{_iso(minute + 4)}"


def android_export(entry: dict[str, Any], layout: str) -> tuple[str, int, int, int, str]:
    """The text, entries, system and media entries, and last time of an Android export."""
    lines: list[str] = []
    media = 0

    def line(minute: int, text: str) -> None:
        lines.append(f"{_stamp(layout, minute)}{text}")

    line(0, f"{entry['notices'][0]}.")
    line(1, f"{CLIENT}: Guten Morgen / good morning 🙂")
    minute = 2
    for placeholder in entry["media_omitted"][:1]:
        line(minute, f"{CLIENT}: <{placeholder}>")
        media += 1
        minute += 1
    label = entry["file_attached"][0]
    line(minute, f"{ME}: {LRM}IMG-20240318-WA0001.jpg ({label})\nFoto")
    line(minute + 1, f"{CLIENT}: {LRM}PTT-20240318-WA0002.opus ({label})")
    line(minute + 2, f"{CLIENT}: {entry['deleted'][0]}")
    line(minute + 3, entry["notices"][1].replace("{name}", CLIENT.split()[0]) + ".")
    line(minute + 4, f"{ME}: OK")
    media += 2
    return "\n".join(lines) + "\n", len(lines), 2, media, f"2024-03-18T09:{minute + 4:02}:00"


def main() -> None:
    tables = json.loads(TABLES.read_text(encoding="utf-8"))["languages"]
    OUT.mkdir(parents=True, exist_ok=True)
    for language, layout_name in LANGUAGES.items():
        entry = tables[language]
        makers: tuple[tuple[str, _Maker, dict[str, tuple[str, str]]], ...] = (
            ("ios", ios_export, IOS_LAYOUTS),
            ("android", android_export, ANDROID_LAYOUTS),
        )
        for variant, make, layouts in makers:
            layout, order = layouts.get(layout_name, layouts["dmy_slash"])
            text, entries, system, media, last = make(entry, layout)
            name = f"{variant}_{language}.txt"
            (OUT / name).write_bytes(text.encode("utf-8"))
            expected = {
                "path": f"conformance/{name}", "format": "whatsapp", "variant": variant,
                "entries": entries, "authored": entries - system, "system": system,
                "media": media, "participants": sorted([CLIENT, ME]),
                # 18 March 2024 is in winter time in Europe/Berlin, inspect's default zone
                "first": "2024-03-18T09:00:00+01:00", "last": f"{last}+01:00",
                "date_order": order, "chats": 1, "skipped": 0, "warnings": [],
                "status": "read", "error": None,
            }  # fmt: skip
            (OUT / name.replace(".txt", ".expected.json")).write_text(
                json.dumps([expected], ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )


if __name__ == "__main__":
    main()
