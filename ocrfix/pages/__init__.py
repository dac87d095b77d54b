"""Input files → page images, streamed one page at a time.

``iter_pages(path, dpi=300, grey=False)`` detects the kind by content (PDF, multi-page TIFF,
PNG, JPEG), raises an :class:`~ocrfix.exceptions.InputError` naming the file when the whole
file is unusable (empty, unknown kind, corrupt, encrypted, no pages), and otherwise yields a
:class:`Page` per page, carrying the page's ``error`` instead of an image when just that page
fails.
``text_layer(path)`` gives a PDF's existing text, page by page.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

from ocrfix.pages.detect import Kind, detect_kind
from ocrfix.pages.images import iter_image_pages
from ocrfix.pages.page import DEFAULT_DPI, DEFAULT_MAX_PIXELS, Page, PageRequest
from ocrfix.pages.pdf import text_layer

__all__ = [
    "DEFAULT_DPI",
    "DEFAULT_MAX_PIXELS",
    "Kind",
    "Page",
    "PageRequest",
    "detect_kind",
    "iter_pages",
    "text_layer",
]


def iter_pages(
    path: str | Path,
    dpi: int = DEFAULT_DPI,
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    only: Collection[int] | None = None,
    grey: bool = False,
) -> Iterator[Page]:
    """Pages of ``path`` in order (just the 1-based numbers in ``only``, when given);
    whole-file problems raise before the first page. ``grey`` gives H×W images instead of
    RGB: cheaper to render and to pass on when colour is not needed."""
    from ocrfix.pages.pdf import iter_pdf_pages  # needs poppler only for PDFs

    file = Path(path)
    request = PageRequest(dpi, max_pixels, only, grey)
    if detect_kind(file) is Kind.PDF:
        return iter_pdf_pages(file, request)
    return iter_image_pages(file, request)
