"""The embedded Unicode font: static Noto Sans Regular and Bold for reportlab.

The PyPI package ``fontpkg-noto-sans`` ships Noto Sans as a variable font, which
reportlab cannot embed. We cut static Regular (wght 400) and Bold (wght 700)
instances with fontTools, keep Latin, Greek and Cyrillic (names such as
"Şükrü Yılmaz" or "Łukasz Wójcik" need Latin Extended), and cache the result in
the user's cache folder because instancing takes a few seconds. The cache holds
only font data, never client data; it is keyed by the font and fontTools
versions so that the same installation always embeds the same bytes.
"""

from __future__ import annotations

import io
from functools import cache
from importlib.metadata import version
from pathlib import Path

from compliance.cachedir import cached_bytes

REGULAR = "NotoSans"
BOLD = "NotoSans-Bold"

_WEIGHTS = {REGULAR: 400, BOLD: 700}
_UNICODE_RANGES = (
    (0x0020, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A and -B
    (0x0250, 0x02FF),  # IPA extensions and spacing modifiers
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese, ...)
    (0x2000, 0x206F),  # general punctuation (dashes, quotes, bullets, narrow spaces)
    (0x20A0, 0x20C0),  # currency symbols
    (0x2100, 0x214F),  # letterlike symbols (№, ™)
    (0x2190, 0x21FF),  # arrows
)


def _source_font() -> Path:
    import fontpkg

    return Path(fontpkg.path("Noto Sans"))


def _instance(name: str, weight: int) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(_source_font())
    options = subset.Options()
    options.layout_features = ["kern", "liga", "ccmp", "mark", "mkmk", "locl"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(
        unicodes=[code for low, high in _UNICODE_RANGES for code in range(low, high + 1)]
    )
    subsetter.subset(font)
    static = instancer.instantiateVariableFont(font, {"wght": weight, "wdth": 100})
    # Distinct PostScript and full names: PDF viewers tell embedded fonts apart by name,
    # and two instances both called "NotoSans-Regular" would show bold text as regular.
    style = "Bold" if weight >= 700 else "Regular"
    naming = static["name"]
    naming.setName(style, 2, 3, 1, 0x409)
    naming.setName(f"Noto Sans {style}", 4, 3, 1, 0x409)
    naming.setName(name if "-" in name else f"{name}-{style}", 6, 3, 1, 0x409)
    buffer = io.BytesIO()
    static.save(buffer)
    return buffer.getvalue()


@cache
def font_bytes(name: str) -> bytes:
    """The TTF bytes of ``REGULAR`` or ``BOLD`` (cached on disk and in memory)."""
    weight = _WEIGHTS[name]
    key = f"{version('fontpkg-noto-sans')}|{version('fonttools')}|{weight}|{_UNICODE_RANGES}|names2"
    return cached_bytes("fonts", name, key, lambda: _instance(name, weight), suffix=".ttf")


@cache
def register_reportlab_fonts() -> tuple[str, str]:
    """Register the fonts with reportlab once; returns (regular, bold) font names."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (REGULAR, BOLD):
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(font_bytes(name))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
