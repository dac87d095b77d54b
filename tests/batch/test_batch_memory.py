"""Memory stays bounded on a long PDF: its pages are read one at a time, and nothing read for
one page (the file, its image) is kept for the next."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ocrfix.pages import iter_pages, page_count, text_layer
from ocrfix.pages.pdf import each_page, pdf_reader
from ocrfix.synth import write_pdf


def noisy_pdf(path: Path, pages: int, *, colour: bool = False) -> Path:
    """``pages`` distinct 72-dpi A5 pages of noise: their JPEGs are as large as the rasters."""
    rng = np.random.default_rng(pages)
    shape = (595, 420, 3) if colour else (595, 420)
    images = [Image.fromarray(rng.integers(60, 200, shape, dtype=np.uint8)) for _ in range(pages)]
    write_pdf(path, images, dpi=72)
    return path


def peak_bytes(read: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        read()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def read_all(path: Path) -> None:
    for page in iter_pages(path, 72, grey=True):
        assert page.image is not None


@pytest.mark.poppler
def test_reading_40_pages_takes_no_more_memory_than_4(tmp_path: Path) -> None:
    short, long = noisy_pdf(tmp_path / "4.pdf", 4), noisy_pdf(tmp_path / "40.pdf", 40)
    assert long.stat().st_size > 4_000_000  # what holding the file or its images would cost
    margin = 1_000_000
    assert peak_bytes(lambda: read_all(long)) < peak_bytes(lambda: read_all(short)) + margin
    assert peak_bytes(lambda: text_layer(long)) < peak_bytes(lambda: text_layer(short)) + margin


def test_what_was_read_for_a_page_is_let_go_before_the_next(tmp_path: Path) -> None:
    path = noisy_pdf(tmp_path / "3.pdf", 3)
    held = []

    def image_size(page: object) -> int:
        held.append(len(pdf.resolved_objects))
        image = next(iter(page["/Resources"]["/XObject"].values())).get_object()  # type: ignore[index]
        return int(image["/Width"])

    with pdf_reader(path) as pdf:
        assert each_page(pdf, image_size) == {1: 420, 2: 420, 3: 420}
        stream = pdf.stream
    assert held[1] == held[2] and stream.closed
    assert page_count(path) == 3


@pytest.mark.poppler
def test_pages_as_scanned_are_grey_only_where_the_scan_is(tmp_path: Path) -> None:
    grey_pdf, colour_pdf = noisy_pdf(tmp_path / "g.pdf", 1), noisy_pdf(tmp_path / "c.pdf", 1,
                                                                          colour=True)
    png = tmp_path / "g.png"
    Image.new("L", (200, 300), 200).save(png)
    shapes = [next(iter_pages(path, 72, grey=None)).image.ndim  # type: ignore[union-attr]
              for path in (grey_pdf, colour_pdf, png)]
    assert shapes == [2, 3, 2]
    assert next(iter_pages(grey_pdf, 72)).image.ndim == 3  # type: ignore[union-attr]
