"""Find installed fonts that really draw Vietnamese, so synthetic pages never show boxes.

Debian's ``fonts-liberation`` 1.x ships files with the same names as ``fonts-liberation2``
but draws the ``.notdef`` box for most Vietnamese letters, so a font is accepted only after
:func:`missing_glyphs` has rendered every letter of :data:`VIETNAMESE_LETTERS` and found
none identical to the font's ``.notdef`` glyph. Extra folders can be given in the
``OCRFIX_FONT_DIRS`` environment variable (``os.pathsep``-separated).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

from ocrfix.exceptions import MissingDependencyError

VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợ"
    "uùúủũụưừứửữựyỳýỷỹỵđ"
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"
    "UÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ"
)

SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)

STYLES = ("regular", "bold", "italic", "bolditalic")

# family -> file name per style (the names the Debian packages install)
_FILES: dict[str, dict[str, str]] = {
    "Liberation Serif": {
        "regular": "LiberationSerif-Regular.ttf",
        "bold": "LiberationSerif-Bold.ttf",
        "italic": "LiberationSerif-Italic.ttf",
        "bolditalic": "LiberationSerif-BoldItalic.ttf",
    },
    "Liberation Sans": {
        "regular": "LiberationSans-Regular.ttf",
        "bold": "LiberationSans-Bold.ttf",
        "italic": "LiberationSans-Italic.ttf",
        "bolditalic": "LiberationSans-BoldItalic.ttf",
    },
    "DejaVu Serif": {
        "regular": "DejaVuSerif.ttf",
        "bold": "DejaVuSerif-Bold.ttf",
        "italic": "DejaVuSerif-Italic.ttf",
        "bolditalic": "DejaVuSerif-BoldItalic.ttf",
    },
    "DejaVu Sans": {
        "regular": "DejaVuSans.ttf",
        "bold": "DejaVuSans-Bold.ttf",
        "italic": "DejaVuSans-Oblique.ttf",
        "bolditalic": "DejaVuSans-BoldOblique.ttf",
    },
    "Noto Serif": {
        "regular": "NotoSerif-Regular.ttf",
        "bold": "NotoSerif-Bold.ttf",
        "italic": "NotoSerif-Italic.ttf",
        "bolditalic": "NotoSerif-BoldItalic.ttf",
    },
    "Noto Sans": {
        "regular": "NotoSans-Regular.ttf",
        "bold": "NotoSans-Bold.ttf",
        "italic": "NotoSans-Italic.ttf",
        "bolditalic": "NotoSans-BoldItalic.ttf",
    },
}

FAMILIES = tuple(_FILES)
SERIF_FAMILIES = ("Liberation Serif", "DejaVu Serif", "Noto Serif")

_NOTDEF_PROBE = "\U0010fffd"  # a private-use code point no font maps: drawn as .notdef


@dataclass(frozen=True)
class FontSpec:
    """A font family in one style; ``path`` is a file that covers Vietnamese."""

    family: str
    style: str
    path: Path


def font_dirs() -> list[Path]:
    """Folders searched for fonts: ``OCRFIX_FONT_DIRS`` first, then the system ones."""
    extra = [Path(p) for p in os.environ.get("OCRFIX_FONT_DIRS", "").split(os.pathsep) if p]
    return [d for d in (*extra, *SYSTEM_FONT_DIRS) if d.is_dir()]


def missing_glyphs(path: Path | str, text: str = VIETNAMESE_LETTERS, size: int = 48) -> str:
    """The characters of ``text`` that ``path`` draws as its ``.notdef`` box (or not at all)."""
    face = ImageFont.truetype(str(path), size)
    notdef = _glyph_bitmap(face, _NOTDEF_PROBE)
    unique = (ch for ch in dict.fromkeys(text) if not ch.isspace())
    return "".join(ch for ch in unique if _glyph_bitmap(face, ch) in (notdef, b""))


def _glyph_bitmap(face: ImageFont.FreeTypeFont, ch: str) -> bytes:
    mask = face.getmask(ch)
    return bytes(mask) if mask.size[0] and mask.size[1] else b""


@cache
def find_font(family: str, style: str = "regular") -> FontSpec:
    """The first installed file of ``family``/``style`` that covers Vietnamese.

    Raises :class:`MissingDependencyError` naming the Debian package when there is none.
    """
    if family not in _FILES or style not in STYLES:
        raise ValueError(f"unknown font {family!r} {style!r}; known: {', '.join(FAMILIES)}")
    name = _FILES[family][style]
    rejected = []
    for folder in font_dirs():
        for path in sorted(folder.rglob(name), key=lambda p: ("liberation2" not in str(p), str(p))):
            if not missing_glyphs(path):
                return FontSpec(family, style, path)
            rejected.append(str(path))
    hint = "; found but lacking Vietnamese glyphs: " + ", ".join(rejected) if rejected else ""
    raise MissingDependencyError(
        f"no font file {name} with Vietnamese coverage "
        f"(apt install fonts-liberation2 fonts-dejavu-core fonts-noto-core){hint}"
    )


def available_families() -> list[str]:
    """Families whose regular and bold styles are installed with Vietnamese coverage."""
    found = []
    for family in FAMILIES:
        try:
            find_font(family, "regular")
            find_font(family, "bold")
        except MissingDependencyError:
            continue
        found.append(family)
    if not found:
        raise MissingDependencyError(
            "no font with Vietnamese coverage is installed "
            "(apt install fonts-liberation2 fonts-dejavu-core fonts-noto-core)"
        )
    return found


@lru_cache(maxsize=256)
def load_font(family: str, style: str, size_px: int) -> ImageFont.FreeTypeFont:
    """A PIL font object (cached: pages reuse a handful of faces)."""
    return ImageFont.truetype(str(find_font(family, style).path), size_px)
