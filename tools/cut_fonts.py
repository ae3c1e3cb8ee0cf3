"""Cut the static fonts shipped in ``compliance/fonts/`` from pinned Noto font packages.

reportlab embeds static TrueType fonts only, and the Noto packages on PyPI ship variable
fonts. Cutting them at run time took seconds on a cold cache and gave different bytes per
machine (the cut font's ``head.modified`` is the time of cutting), so the cut is made once,
here, and its output is committed: every installation embeds the same bytes, whatever its
fontTools version, and no font work happens at run time.

Reproducible: the sources are pinned below, and the ``head`` timestamps are fixed.

    python -m venv /tmp/fontcut && /tmp/fontcut/bin/pip install \
        'fonttools==4.61.1' 'fontpkg-noto-sans==2.15' 'justmytype-intl-rtl==0.1.0'
    /tmp/fontcut/bin/python tools/cut_fonts.py

CJK is not cut here (a static CJK face is tens of megabytes); see compliance/render/fonts.py.
"""

from __future__ import annotations

import io
from importlib.metadata import version
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parents[1] / "compliance" / "fonts"
PINNED = {"fonttools": "4.61.1", "fontpkg-noto-sans": "2.15", "justmytype-intl-rtl": "0.1.0"}
# 2024-01-01T00:00:00Z in seconds since 1904-01-01, the epoch of the OpenType head table.
FIXED_TIMESTAMP = 3786825600

LATIN_GREEK_CYRILLIC = (
    (0x0020, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A and -B
    (0x0250, 0x02FF),  # IPA extensions and spacing modifiers
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x052F),  # Cyrillic and supplement
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese, ...)
    (0x1F00, 0x1FFF),  # Greek Extended
    (0x2000, 0x206F),  # general punctuation (dashes, quotes, bullets, narrow spaces)
    (0x20A0, 0x20C0),  # currency symbols
    (0x2100, 0x214F),  # letterlike symbols (№, ™)
    (0x2190, 0x21FF),  # arrows
    (0x2610, 0x2612),  # ballot boxes
)
ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0x0020, 0x0040))
HEBREW = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F), (0x0020, 0x0040))


def _sources() -> dict[str, Path]:
    import fontpkg
    import justmytype_intl_rtl

    rtl = Path(str(justmytype_intl_rtl.__path__[0])) / "fonts" / "ofl"
    return {
        "NotoSans": Path(fontpkg.path("Noto Sans")),
        "NotoSansArabic": rtl / "notosansarabic" / "NotoSansArabic[wdth,wght].ttf",
        "NotoSansHebrew": rtl / "notosanshebrew" / "NotoSansHebrew[wdth,wght].ttf",
    }


def cut(source: Path, family: str, ranges: tuple[tuple[int, int], ...], weight: int) -> bytes:
    """One static instance of ``source`` at ``weight``, subset to ``ranges``."""
    font = TTFont(source)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[code for low, high in ranges for code in range(low, high + 1)])
    subsetter.subset(font)
    axes = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
    axes["wght"] = weight
    static = instancer.instantiateVariableFont(font, axes)
    # Distinct PostScript and full names: PDF viewers tell embedded fonts apart by name.
    style = "Bold" if weight >= 700 else "Regular"
    spaced = family.replace("NotoSans", "Noto Sans ").strip()
    naming = static["name"]
    naming.setName(style, 2, 3, 1, 0x409)
    naming.setName(f"{spaced} {style}", 4, 3, 1, 0x409)
    naming.setName(f"{family}-{style}", 6, 3, 1, 0x409)
    static["head"].created = FIXED_TIMESTAMP
    static["head"].modified = FIXED_TIMESTAMP
    static.recalcTimestamp = False  # else save() stamps the time of cutting
    buffer = io.BytesIO()
    static.save(buffer, reorderTables=True)
    return buffer.getvalue()


def main() -> None:
    for package, pinned in PINNED.items():
        if version(package) != pinned:
            raise SystemExit(f"{package} {version(package)} is installed; the cut needs {pinned}")
    sources = _sources()
    plan = {
        "NotoSans": LATIN_GREEK_CYRILLIC,
        "NotoSansArabic": ARABIC,
        "NotoSansHebrew": HEBREW,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for family, ranges in plan.items():
        for weight in (400, 700):
            style = "Bold" if weight >= 700 else "Regular"
            data = cut(sources[family], family, ranges, weight)
            (OUT / f"{family}-{style}.ttf").write_bytes(data)
            print(f"{family}-{style}.ttf: {len(data):,} bytes")


if __name__ == "__main__":
    main()
