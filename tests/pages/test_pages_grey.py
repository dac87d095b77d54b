"""Grey pages: rendered and decoded without colour when no step needs it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pagegen import text_page
from PIL import Image

from ocrfix.pages import iter_pages


def _sheet() -> Image.Image:
    page = text_page(["Trang một"], size=40, page=(600, 300)).convert("RGB")
    page.paste((200, 30, 40), (500, 200, 560, 260))  # a red square: grey keeps it, lighter
    return page


@pytest.mark.parametrize("fmt", ["PNG", "TIFF"])
def test_image_pages_in_grey_match_the_colour_ones(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"p.{fmt.lower()}"
    _sheet().save(path, format=fmt)
    (colour,) = iter_pages(path)
    (grey,) = iter_pages(path, grey=True)
    assert colour.image.shape == (300, 600, 3) and grey.image.shape == (300, 600)
    expected = np.asarray(Image.fromarray(colour.image).convert("L"))
    assert np.array_equal(grey.image, expected)


@pytest.mark.poppler
def test_pdf_pages_render_in_grey_or_colour(tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    _sheet().save(path, resolution=100)
    (colour,) = iter_pages(path, dpi=100)
    (grey,) = iter_pages(path, dpi=100, grey=True)
    assert colour.image.shape == (300, 600, 3) and grey.image.shape == (300, 600)
    red = colour.image[230, 530]
    assert red[0] > 150 and red[1] < 80  # colour survives rendering
    assert abs(int(grey.image[230, 530]) - int(np.dot(red, [0.299, 0.587, 0.114]))) < 8
    assert np.median(grey.image) > 240 and grey.image.min() < 100  # white paper, dark ink
