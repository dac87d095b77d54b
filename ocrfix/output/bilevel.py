"""Black-and-white scans (faxes) stay black and white in the searchable PDF.

A fax page is a 1-bit image (CCITT G4 in a PDF, a G4 TIFF): as JPEG it came out ten times
larger (31 KB in, 309 KB out on a 150-dpi page). reportlab writes 8-bit images only, so
such pages are written as JPEG first, then their image is swapped for a 1-bit one, which
pypdf stores as CCITT G4 through Pillow.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pypdf
from PIL import Image

from ocrfix.exceptions import OcrfixError
from ocrfix.output.resolution import scan_image
from ocrfix.pages import Kind, detect_kind
from ocrfix.pages.pdf import each_page, pdf_reader

#: Grey levels at or above this are paper once a page is made black and white again.
PAPER = 128


def bilevel_pages(path: str | Path) -> set[int]:
    """1-based numbers of the pages scanned in black and white: PDF pages that are one
    1-bit image, frames of a 1-bit TIFF or PNG."""
    file = Path(path)
    try:
        if detect_kind(file) is Kind.PDF:
            with pdf_reader(file) as reader:
                flags = each_page(reader, lambda page: _is_1bit(scan_image(page)))
            return {n for n, bilevel in flags.items() if bilevel}
        with Image.open(file) as image:
            frames = getattr(image, "n_frames", 1)
            found = set()
            for index in range(frames):
                image.seek(index)
                if image.mode == "1":
                    found.add(index + 1)
            return found
    except (OcrfixError, pypdf.errors.PyPdfError, OSError, KeyError, ValueError, TypeError):
        return set()  # the page reader reports what is wrong with the file


def _is_1bit(image: pypdf.generic.DictionaryObject | None) -> bool:
    return image is not None and (bool(image.get("/ImageMask"))
                                  or image.get("/BitsPerComponent") == 1)


def png_1bit(image: np.ndarray) -> bytes:
    """A grey or RGB page as a compact 1-bit PNG, kept until the PDF is finished."""
    grey = image if image.ndim == 2 else image.min(axis=2)
    buffer = io.BytesIO()
    Image.fromarray(grey >= PAPER).save(buffer, "PNG")
    return buffer.getvalue()


def with_1bit_images(pdf: bytes, pages: Mapping[int, bytes]) -> bytes:
    """``pdf`` with the only image of each page index in ``pages`` replaced by that 1-bit
    PNG (stored as CCITT G4)."""
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    for index, png in pages.items():
        with Image.open(io.BytesIO(png)) as image:
            writer.pages[index].images[0].replace(image.convert("1"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
