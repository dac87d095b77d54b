"""The resolution a PDF page was scanned at, so its searchable copy keeps that many pixels."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import cv2
import numpy as np
import pypdf

from ocrfix.exceptions import OcrfixError
from ocrfix.pages import Kind, detect_kind
from ocrfix.pages.pdf import each_page, pdf_reader

#: Downsample to the scan's resolution only when the raster has this much more.
NATIVE_SLACK = 1.05
#: A page's only image is its scan when their shapes agree this closely (share of ratio)...
SHAPE_TOLERANCE = 0.03
#: ... and it has at least this resolution (below, text is unreadable anyway).
MIN_SCAN_DPI = 72


def scan_image(page: pypdf.PageObject) -> pypdf.generic.DictionaryObject | None:
    """The page's image XObject when the page looks like a scan: one image only, shaped
    like the page (a logo on a typeset page is not the page's resolution)."""
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is None:
        return None
    images = [x.get_object() for x in xobjects.get_object().values()]
    images = [x for x in images if x.get("/Subtype") == "/Image"]
    if len(images) != 1:
        return None
    image = images[0]
    sides = sorted((int(image["/Width"]), int(image["/Height"])))
    page_sides = sorted((float(page.mediabox.width), float(page.mediabox.height)))
    if min(sides) <= 0 or min(page_sides) <= 0:
        return None
    shape, page_shape = sides[1] / sides[0], page_sides[1] / page_sides[0]
    return image if abs(shape - page_shape) <= SHAPE_TOLERANCE * page_shape else None


def _page_dpi(page: pypdf.PageObject) -> float | None:
    """Pixels per inch of the page's scan image, when it is a plausible scan."""
    image = scan_image(page)
    if image is None:
        return None
    inches = max(float(page.mediabox.width), float(page.mediabox.height)) / 72
    dpi = max(int(image["/Width"]), int(image["/Height"])) / inches
    return dpi if dpi >= MIN_SCAN_DPI else None


def scan_dpis(path: str | Path) -> dict[int, float | None]:
    """By 1-based page number, the resolution of each PDF page that is one scanned image
    (None for other pages); empty for other files (an image file is read at its own
    resolution anyway) and for PDFs pypdf cannot read."""
    file = Path(path)
    if detect_kind(file) is not Kind.PDF:
        return {}
    try:
        with pdf_reader(file) as reader:
            return each_page(reader, _page_dpi)
    except (OcrfixError, pypdf.errors.PyPdfError, KeyError, ValueError, TypeError):
        return {}  # the page reader reports what is wrong with the file


def downsampled(image: np.ndarray, dpi: int, native: float | None) -> np.ndarray:
    """The raster brought back to the scan's own resolution (never up): a 200-dpi scan
    rasterised at 300 dpi for OCR would otherwise be stored with 2.25 times its pixels."""
    if native is None or native >= dpi / NATIVE_SLACK:
        return image
    height, width = image.shape[:2]
    size = (max(round(width * native / dpi), 1), max(round(height * native / dpi), 1))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def render_dpi(natives: Mapping[int, float | None], dpi: int) -> int:
    """The dpi to rasterise at again: the scans' own when every page is a scan of one lower
    resolution (no resampling, half the time), else the OCR's."""
    found = set(natives.values())
    if len(found) == 1 and (native := found.pop()) is not None and native < dpi / NATIVE_SLACK:
        return max(round(native), 1)
    return dpi
