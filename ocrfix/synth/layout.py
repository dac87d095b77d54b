"""Page geometry and line breaking shared by the plain and administrative renderers.

Sizes follow Decree 30/2020/NĐ-CP: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFont

A4_MM = (210.0, 297.0)
MM_PER_INCH = 25.4

Box = tuple[int, int, int, int]  # left, top, right, bottom in page pixels


def mm(value: float, dpi: int) -> int:
    """Millimetres to pixels at ``dpi``."""
    return round(value * dpi / MM_PER_INCH)


def pt(value: float, dpi: int) -> int:
    """Typographic points to pixels at ``dpi``."""
    return round(value * dpi / 72)


def a4_size(dpi: int) -> tuple[int, int]:
    return mm(A4_MM[0], dpi), mm(A4_MM[1], dpi)


@dataclass(frozen=True)
class TextLine:
    """One rendered line of truth: its text, its box on the clean page, and its region
    (``header-left``, ``header-right``, ``title``, ``body``, ``table``, ``footer-left``,
    ``footer-right``)."""

    text: str
    box: Box
    region: str = "body"


@dataclass
class RenderedPage:
    """A clean rendered page. ``lines`` are in reading order; :attr:`truth` joins them."""

    image: Image.Image
    lines: list[TextLine]
    dpi: int
    font: str = ""
    size_pt: float = 0.0
    rest: list[str] = field(default_factory=list)  # paragraphs that did not fit

    @property
    def truth(self) -> str:
        return "\n".join(line.text for line in self.lines)


def text_width(font: ImageFont.FreeTypeFont, text: str) -> int:
    return round(font.getlength(text))


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy line breaking at spaces; a word longer than ``width`` gets a line to itself."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(font, candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def draw_line(
    draw: ImageDraw.ImageDraw,
    xy: tuple[int, int],
    text: str,
    font: ImageFont.FreeTypeFont,
    *,
    fill: int | tuple[int, int, int] = 0,
    justify_to: int | None = None,
) -> Box:
    """Draw ``text`` with its top-left at ``xy``; with ``justify_to`` stretch the spaces so
    the line ends exactly there. Returns the ink-independent box of the line."""
    x, y = xy
    ascent, descent = font.getmetrics()
    words = text.split(" ")
    if justify_to is None or len(words) < 2:
        draw.text((x, y), text, font=font, fill=fill)
        right = x + text_width(font, text)
    else:
        natural = sum(text_width(font, w) for w in words)
        gap = (justify_to - x - natural) / (len(words) - 1)
        cursor = float(x)
        for word in words:
            draw.text((round(cursor), y), word, font=font, fill=fill)
            cursor += text_width(font, word) + gap
        right = justify_to
    return (x, y, right, y + ascent + descent)


def centred_x(font: ImageFont.FreeTypeFont, text: str, left: int, right: int) -> int:
    return left + (right - left - text_width(font, text)) // 2
