"""The embedded fonts: static Noto Sans faces shipped in ``compliance/fonts/``, and script runs.

Noto Sans (Latin with every diacritic, Greek, Cyrillic), Noto Sans Arabic and Noto Sans
Hebrew ship as static Regular and Bold cuts made once by ``tools/cut_fonts.py`` from pinned
font packages, so every installation embeds the same bytes and no font work happens at
run time. Chinese, Japanese and Korean faces are tens of megabytes: they come from the
optional ``cjk`` extra (``justmytype-intl-cjk``) and are loaded only when a text needs them,
cut to just the characters of that text.

A text is split into runs by the face that can print each character (``script_runs``);
right-to-left runs are shaped and put into visual order for the PDF. A character that no
face covers is refused before rendering (``uncovered_characters``), never printed as a box.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from compliance.errors import ComplianceError, ExitCode

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"

# Faces shipped with the package, tried in this order: family -> file stem.
SHIPPED_FAMILIES = ("NotoSans", "NotoSansArabic", "NotoSansHebrew")
RIGHT_TO_LEFT = frozenset({"NotoSansArabic", "NotoSansHebrew"})
CJK_FAMILY = "NotoSansCJK"
# The CJK faces of the optional extra, tried in order (Simplified Chinese covers kana too).
_CJK_SOURCES = (
    "notosanssc/NotoSansSC[wght].ttf",
    "notosansjp/NotoSansJP[wght].ttf",
    "notosanskr/NotoSansKR[wght].ttf",
    "notosanstc/NotoSansTC[wght].ttf",
)
# Characters every face may leave to the base face: spaces, punctuation, digits.
_NEUTRAL_CATEGORIES = frozenset({"Zs", "Po", "Pd", "Ps", "Pe", "Pi", "Pf", "Nd", "Sm", "Sc"})


class UnprintableTextError(ComplianceError):
    """A text holds characters that no bundled font can print."""

    exit_code = ExitCode.BAD_INPUT


def font_path(family: str, bold: bool = False) -> Path:
    """The shipped TTF of ``family`` (``NotoSans``, ``NotoSansArabic``, ``NotoSansHebrew``)."""
    style = "Bold" if bold else "Regular"
    return Path(str(resources.files("compliance") / "fonts" / f"{family}-{style}.ttf"))


def font_bytes(name: str) -> bytes:
    """The TTF bytes of ``REGULAR`` or ``BOLD``."""
    return font_path(REGULAR, bold=name == BOLD).read_bytes()


@cache
def _coverage(family: str) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(font_path(family))).charToGlyph)


def _is_neutral(char: str) -> bool:
    return unicodedata.category(char) in _NEUTRAL_CATEGORIES or char in "\n\t"


def family_for(char: str) -> str | None:
    """The shipped family that prints ``char``, ``CJK_FAMILY`` for CJK, or None."""
    code = ord(char)
    for family in SHIPPED_FAMILIES:
        if code in _coverage(family):
            return family
    if _is_cjk(code):
        return CJK_FAMILY if _cjk_source_for(code) else None
    return None


def _is_cjk(code: int) -> bool:
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, kana, CJK symbols, unified ideographs
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # halfwidth and fullwidth forms
        or 0x1100 <= code <= 0x11FF  # Hangul jamo
        or 0x20000 <= code <= 0x2FA1F  # extension B and beyond
    )


def uncovered_characters(text: str) -> list[str]:
    """The distinct characters of ``text`` that no available face can print, in order."""
    seen: dict[str, None] = {}
    for char in text:
        if (
            char not in seen
            and not char.isspace()
            and unicodedata.category(char) not in ("Cc", "Cf")
            and family_for(char) is None
        ):
            seen[char] = None
    return list(seen)


def require_printable(text: str, what: str) -> None:
    """Refuse ``text`` (exit 3) when a character of it would print as an empty box."""
    missing = uncovered_characters(text)
    if missing:
        shown = ", ".join(f"U+{ord(char):04X}" for char in missing[:8])
        hint = (
            " (Chinese, Japanese and Korean need the optional fonts: "
            "pip install 'practice-compliance[cjk]')"
            if any(_is_cjk(ord(char)) for char in missing)
            else ""
        )
        raise UnprintableTextError(
            f"{what}: holds characters that no bundled font can print ({shown}){hint}; "
            "the PDF would show empty boxes"
        )


def script_runs(text: str) -> Iterator[tuple[str, str]]:
    """Split ``text`` into (run, family) by the face that prints each character.

    Neutral characters (spaces, punctuation, digits) stay in the run they are in, so a
    name such as "محمد علي" is one run.
    """
    current = REGULAR
    start = 0
    for index, char in enumerate(text):
        if _is_neutral(char):
            continue
        family = family_for(char) or REGULAR
        if family != current:
            if index > start:
                yield text[start:index], current
            current, start = family, index
    if start < len(text):
        yield text[start:], current


def visual_order(run: str, family: str) -> str:
    """A right-to-left run shaped (Arabic letter forms) and in visual order for the PDF."""
    if family not in RIGHT_TO_LEFT:
        return run
    from bidi import get_display

    if family == "NotoSansArabic":
        import arabic_reshaper

        run = arabic_reshaper.reshape(run)
    return str(get_display(run))


@cache
def _cjk_root() -> Path | None:
    try:
        import justmytype_intl_cjk
    except ModuleNotFoundError:  # the optional `cjk` extra is not installed
        return None
    return Path(str(resources.files(justmytype_intl_cjk))) / "fonts" / "ofl"


@cache
def _cjk_cmap(source: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    root = _cjk_root()
    assert root is not None
    return frozenset(TTFont(root / source, lazy=True).getBestCmap())


def _cjk_source_for(code: int) -> str | None:
    if _cjk_root() is None:
        return None
    for source in _CJK_SOURCES:
        if code in _cjk_cmap(source):
            return source
    return None


def _cut_cjk(characters: str, bold: bool) -> bytes:
    """A static CJK face holding just ``characters`` (deterministic for the same input)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    codes = sorted({ord(char) for char in characters})
    source = _cjk_source_for(codes[0]) or _CJK_SOURCES[0]
    root = _cjk_root()
    assert root is not None
    font = TTFont(root / source, recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    static = instancer.instantiateVariableFont(font, {"wght": 700 if bold else 400})
    static.recalcTimestamp = False
    buffer = io.BytesIO()
    static.save(buffer, reorderTables=True)
    return buffer.getvalue()


def register_cjk_for(text: str) -> None:
    """Register the CJK faces for the CJK characters of ``text`` (only when there are any)."""
    characters = "".join(sorted({char for char in text if family_for(char) == CJK_FAMILY}))
    if characters:
        _register_cjk(characters)


@cache
def _register_cjk(characters: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for bold in (False, True):
        name = f"{CJK_FAMILY}-Bold" if bold else CJK_FAMILY
        face = TTFont(name, io.BytesIO(_cut_cjk(characters, bold)), shapable=False)
        pdfmetrics.registerFont(face)
    _map_family(CJK_FAMILY)


def _map_family(family: str) -> None:
    from reportlab.lib.fonts import addMapping

    bold = f"{family}-Bold"
    addMapping(family, 0, 0, family)
    addMapping(family, 1, 0, bold)
    addMapping(family, 0, 1, family)
    addMapping(family, 1, 1, bold)


@cache
def register_reportlab_fonts() -> tuple[str, str]:
    """Register the shipped faces with reportlab once; returns (regular, bold) font names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for family in SHIPPED_FAMILIES:
        for bold in (False, True):
            name = f"{family}-Bold" if bold else family
            # Shaping stays off: reportlab's shaper needs uharfbuzz, and the Arabic runs are
            # shaped by arabic_reshaper already (visual_order).
            face = TTFont(name, str(font_path(family, bold)), shapable=False)
            pdfmetrics.registerFont(face)
        _map_family(family)
    return REGULAR, BOLD
