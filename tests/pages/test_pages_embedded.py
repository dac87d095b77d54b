"""The fast path for PDF pages that are one full-page JPEG, and its refusals."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pypdf
import pytest
from pagegen import text_page
from PIL import Image

from ocrfix.pages import iter_pages
from ocrfix.pages.embedded import embedded_scan
from ocrfix.pages.pdf import render_page
from ocrfix.synth import pdf_bytes


def _scan(mode: str = "L") -> Image.Image:
    page = text_page(["Quyết định số 84", "Điều 1. Ban hành"], size=30, page=(400, 560))
    grey = page.point(lambda v: min(v, 230))  # a grey page, so it is stored as JPEG
    return grey.convert(mode)


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


@pytest.mark.poppler
@pytest.mark.parametrize(("mode", "grey"), [("L", True), ("RGB", False), ("RGB", True)])
def test_jpeg_page_is_decoded_like_poppler_renders_it(tmp_path: Path, mode: str, grey: bool):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes([_scan(mode)], dpi=100))
    fast = embedded_scan(_reader(path.read_bytes()), 0, 150, grey=grey)
    slow = render_page(path, 1, 150, grey=grey)
    assert fast is not None and fast.shape == slow.shape
    assert np.abs(fast.astype(int) - slow).mean() < 6
    (page,) = iter_pages(path, dpi=150, grey=grey)
    assert np.array_equal(page.image, fast)


def test_same_resolution_is_not_resampled() -> None:
    image = _scan()
    fast = embedded_scan(_reader(pdf_bytes([image], dpi=100)), 0, 100, grey=True)
    assert fast is not None and fast.shape == (560, 400)
    assert np.abs(fast.astype(int) - np.asarray(image)).mean() < 3  # JPEG loss only


def test_other_pages_are_left_to_the_renderer() -> None:
    bilevel = _scan().point(lambda v: 255 if v > 128 else 0).convert("1")  # CCITT, not JPEG
    assert embedded_scan(_reader(pdf_bytes([bilevel], dpi=100)), 0, 100, grey=True) is None
    rotated = _reader(pdf_bytes([_scan()], dpi=100))
    rotated.pages[0].rotate(90)
    assert embedded_scan(rotated, 0, 100, grey=True) is None
    writer = pypdf.PdfWriter(clone_from=_reader(pdf_bytes([_scan()], dpi=100)))
    page = writer.pages[0]
    page.mediabox = pypdf.generic.RectangleObject([0, 0, 200, 200])  # image spills over
    assert embedded_scan(_reader(_written(writer)), 0, 100, grey=True) is None
    writer = pypdf.PdfWriter(clone_from=_reader(pdf_bytes([_scan()], dpi=100)))
    contents = writer.pages[0].get_contents()
    assert embedded_scan(_reader(_written(writer)), 0, 100, grey=True) is not None
    contents.set_data(contents.get_data() + b"0 0 m 100 100 l S\n")  # a line drawn on top
    writer.pages[0].replace_contents(contents)
    assert embedded_scan(_reader(_written(writer)), 0, 100, grey=True) is None


def _written(writer: pypdf.PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
