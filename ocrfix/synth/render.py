"""Plain single-column pages: paragraphs wrapped to the page width, one truth line per
printed line, with its box. Pure: the same arguments give the same image.

Truth order is top to bottom; :attr:`RenderedPage.rest` holds the paragraphs (or the tail
of a paragraph) that did not fit, so :func:`render_plain_pages` can continue on a new page.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from PIL import Image, ImageDraw

from ocrfix.synth.fonts import load_font
from ocrfix.synth.layout import RenderedPage, TextLine, a4_size, draw_line, mm, pt, wrap

MARGINS_MM = (30.0, 20.0, 15.0, 20.0)  # left, top, right, bottom (Decree 30/2020)


def render_plain_page(
    paragraphs: Sequence[str],
    *,
    font: str = "Liberation Serif",
    size_pt: float = 13.0,
    dpi: int = 300,
    line_spacing: float = 1.3,
    justify: bool = False,
    indent_mm: float = 10.0,
    rng: random.Random | None = None,
) -> RenderedPage:
    """Render ``paragraphs`` on one white A4 page (mode ``L``).

    ``rng`` (seed 0 by default) shifts the left margin and line spacing slightly, as
    different word processors and printers do.
    """
    rng = rng or random.Random(0)
    width, height = a4_size(dpi)
    left, top, right, bottom = (mm(m, dpi) for m in MARGINS_MM)
    left += rng.randint(-mm(3, dpi), mm(3, dpi))
    face = load_font(font, "regular", pt(size_pt, dpi))
    step = round(pt(size_pt, dpi) * line_spacing * rng.uniform(0.97, 1.05))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    lines: list[TextLine] = []
    y = top
    limit = height - bottom
    indent = mm(indent_mm, dpi)
    queue = [p.strip() for p in paragraphs if p.strip()]
    rest: list[str] = []
    for index, paragraph in enumerate(queue):
        wrapped = wrap(paragraph, face, width - right - left - indent)
        for n, text in enumerate(wrapped):
            if y + step > limit:
                rest = [" ".join(wrapped[n:]), *queue[index + 1 :]]
                break
            x = left + (indent if n == 0 else 0)
            last = n == len(wrapped) - 1
            box = draw_line(draw, (x, y), text, face, justify_to=None if last or not justify
                            else width - right)
            lines.append(TextLine(text, box))
            y += step
        if rest:
            break
    return RenderedPage(image, lines, dpi, font=font, size_pt=size_pt, rest=rest)


def render_plain_pages(
    paragraphs: Sequence[str], *, max_pages: int | None = None, **options
) -> Iterator[RenderedPage]:
    """Pages of :func:`render_plain_page` until the paragraphs (or ``max_pages``) run out."""
    remaining = list(paragraphs)
    count = 0
    while remaining and (max_pages is None or count < max_pages):
        page = render_plain_page(remaining, **options)
        if not page.lines:
            raise ValueError("a line does not fit on an empty page")
        yield page
        remaining = page.rest
        count += 1
