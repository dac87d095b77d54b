"""Marks that are on real administrative pages but are not text: the red round seal and
the handwritten signature. They carry no truth; OCR must survive them."""

from __future__ import annotations

import math
import random

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFont

SEAL_RED = (205, 35, 45)
INK_BLUE = (25, 35, 120)


def stamp_seal(
    page: Image.Image,
    centre: tuple[int, int],
    radius: int,
    text: str,
    font: ImageFont.FreeTypeFont,
    rng: random.Random,
) -> None:
    """Press a red round seal (two rings, ``text`` along the rim, a star) onto ``page``
    (RGB, in place). The ink multiplies with what is under it, as on paper."""
    size = 2 * radius + 4
    seal = Image.new("RGB", (size, size), (255, 255, 255))
    draw = ImageDraw.Draw(seal)
    c = size // 2
    width = max(2, radius // 25)
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=SEAL_RED, width=width)
    inner = round(radius * 0.68)
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=SEAL_RED,
                 width=width // 2 + 1)
    _rim_text(seal, (c, c), round(radius * 0.84), text, font)
    _star(draw, (c, c), round(radius * 0.3), SEAL_RED)
    seal = seal.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC,
                       fillcolor=(255, 255, 255))
    fade = rng.uniform(0.75, 1.0)
    seal = Image.eval(seal, lambda v: round(255 - (255 - v) * fade))
    box = (centre[0] - c, centre[1] - c, centre[0] - c + size, centre[1] - c + size)
    page.paste(ImageChops.multiply(page.crop(box), seal), box[:2])


def _rim_text(
    seal: Image.Image, centre: tuple[int, int], radius: int, text: str,
    font: ImageFont.FreeTypeFont,
) -> None:
    """``text`` around the rim, letters upright to the circle, centred on the top."""
    widths = [font.getlength(ch) for ch in text]
    span = min(sum(widths) * 1.15 / radius, 2 * math.pi * 0.9)  # radians taken by the text
    angle = -math.pi / 2 - span / 2
    scale = span / max(sum(widths), 1)
    for ch, w in zip(text, widths, strict=True):
        angle += w * scale / 2
        glyph = Image.new("L", (int(w) + 8, font.size + 8), 0)
        ImageDraw.Draw(glyph).text((4, 2), ch, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(angle) - 90, expand=True,
                             resample=Image.Resampling.BICUBIC)
        x = centre[0] + radius * math.cos(angle) - glyph.width / 2
        y = centre[1] + radius * math.sin(angle) - glyph.height / 2
        seal.paste(Image.new("RGB", glyph.size, SEAL_RED), (round(x), round(y)), glyph)
        angle += w * scale / 2


def _star(draw: ImageDraw.ImageDraw, centre: tuple[int, int], radius: int, fill) -> None:
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.4
        a = -math.pi / 2 + k * math.pi / 5
        points.append((centre[0] + r * math.cos(a), centre[1] + r * math.sin(a)))
    draw.polygon(points, fill=fill)


def scribble_signature(
    page: Image.Image, box: tuple[int, int, int, int], rng: random.Random, width: int
) -> None:
    """A fast handwritten flourish inside ``box`` (RGB page, in place): a few loops made of
    summed sines, then an underline stroke."""
    x0, y0, x1, y1 = box
    t = np.linspace(0, 1, 400)
    loops = rng.randint(3, 6)
    xs = x0 + (x1 - x0) * (t + 0.06 * np.sin(2 * math.pi * loops * t + rng.uniform(0, 6)))
    ys = (y0 + y1) / 2 + (y1 - y0) * 0.35 * (
        np.sin(2 * math.pi * loops * t * rng.uniform(0.9, 1.1))
        * (0.6 + 0.4 * np.cos(2 * math.pi * t * rng.uniform(0.5, 1.5)))
    ) - (y1 - y0) * 0.15 * t
    draw = ImageDraw.Draw(page)
    draw.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=INK_BLUE, width=width,
              joint="curve")
    tail_y = y1 - (y1 - y0) * 0.1
    draw.line([(x0 + (x1 - x0) * 0.2, tail_y), (x1, tail_y - (y1 - y0) * rng.uniform(0.1, 0.3))],
              fill=INK_BLUE, width=width)
