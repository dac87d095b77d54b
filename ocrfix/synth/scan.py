"""One call from document text to a degraded page with its truth, for tests and benchmarks.

>>> scan = synthetic_scan("Kết quả thực hiện công tác", layout="plain", kind="fax", seed=3, dpi=100)
>>> scan.truth, scan.image.mode, scan.params["dpi"]
('Kết quả thực hiện công tác', 'L', 100)
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from PIL import Image

from ocrfix.synth.admin_page import render_admin_page
from ocrfix.synth.admin_parts import AdminParts, parse_admin
from ocrfix.synth.degrade import Degraded, degrade
from ocrfix.synth.fonts import SERIF_FAMILIES, available_families
from ocrfix.synth.layout import RenderedPage
from ocrfix.synth.render import render_plain_page

LAYOUTS = ("admin", "plain")


@dataclass
class SyntheticScan:
    """A clean rendered page (``page``: truth lines and boxes) and its degraded image."""

    page: RenderedPage
    scan: Degraded

    @property
    def image(self) -> Image.Image:
        return self.scan.image

    @property
    def truth(self) -> str:
        return self.page.truth

    @property
    def params(self) -> dict:
        return self.scan.params


def synthetic_scan(
    text: str,
    *,
    layout: str = "admin",
    kind: str = "office",
    seed: int = 0,
    dpi: int = 300,
    font: str | None = None,
    size_pt: float | None = None,
    table: bool = False,
    handwritten_number: bool = False,
) -> SyntheticScan:
    """Render ``text`` (a whole document for ``admin``; paragraphs for ``plain``, first page
    only) and degrade it with ``kind``. Font and size default to a seeded choice of a
    Times-like serif at 13-14 pt, as Decree 30/2020 prescribes. ``table`` and
    ``handwritten_number`` (admin layout) add a small table made from the document's own
    sentences and a number filled in by hand."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    rng = random.Random(f"scan:{seed}")
    serifs = [f for f in available_families() if f in SERIF_FAMILIES]
    font = font or rng.choice(serifs + ["Liberation Serif"] * 2)
    size_pt = size_pt or rng.choice((13.0, 13.5, 14.0))
    if layout == "admin":
        parts = parse_admin(text)
        rows = table_from_body(parts, rng) if table else None
        page = render_admin_page(parts, font=font, size_pt=size_pt, dpi=dpi, rng=rng,
                                 table=rows, handwritten_number=handwritten_number)
    else:
        page = render_plain_page(text.splitlines(), font=font, size_pt=size_pt, dpi=dpi,
                                 justify=True, rng=rng)
    return SyntheticScan(page, degrade(page.image, kind, seed=seed, dpi=dpi))


def table_from_body(parts: AdminParts, rng: random.Random, rows: int = 4) -> list[list[str]]:
    """A small table in the document's own words: number, the start of a body sentence,
    a short note; the first row is the heading."""
    sentences = [p for p in parts.body if len(p.split()) >= 6] or parts.body or ["Nội dung"]
    notes = ("", "Thực hiện", "Năm 2025", "Theo quy định", "Hoàn thành")
    return [["STT", "Nội dung", "Ghi chú"]] + [
        [str(n), " ".join(sentence.split()[:12]), rng.choice(notes)]
        for n, sentence in enumerate(sentences[:rows], start=1)
    ]
