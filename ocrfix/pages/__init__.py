"""Input files → page images, streamed one page at a time.

``iter_pages(path, dpi=300, grey=False)`` detects the kind by content (PDF, multi-page TIFF,
PNG, JPEG), raises an :class:`~ocrfix.exceptions.InputError` naming the file when the whole
file is unusable (empty, unknown kind, corrupt, encrypted, no pages), and otherwise yields a
:class:`Page` per page, carrying the page's ``error`` instead of an image when just that page
fails.
``text_layer(path)`` gives a PDF's existing text, page by page; ``page_count(path)`` the number
of pages. Inside ``page_scope(numbers)`` (:mod:`ocrfix.pages.scope`) the readers see only
those pages: how a page-range task reuses the whole-document OCR stage.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

from ocrfix.pages.detect import Kind, detect_kind
from ocrfix.pages.images import image_frames, iter_image_pages
from ocrfix.pages.page import DEFAULT_DPI, DEFAULT_MAX_PIXELS, Page, PageRequest
from ocrfix.pages.pdf import text_layer
from ocrfix.pages.scope import page_scope, within_scope

__all__ = [
    "DEFAULT_DPI",
    "DEFAULT_MAX_PIXELS",
    "Kind",
    "Page",
    "PageRequest",
    "detect_kind",
    "iter_pages",
    "page_count",
    "page_scope",
    "text_layer",
]


def iter_pages(
    path: str | Path,
    dpi: int = DEFAULT_DPI,
    *,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    only: Collection[int] | None = None,
    grey: bool | None = False,
) -> Iterator[Page]:
    """Pages of ``path`` in order (just the 1-based numbers in ``only``, when given);
    whole-file problems raise before the first page. ``grey`` gives H×W images instead of
    RGB: cheaper to render and to pass on when colour is not needed; ``None`` gives each page as
    scanned: grey when its scan is grey (a grey JPEG or image), else RGB."""
    from ocrfix.pages.pdf import iter_pdf_pages  # needs poppler only for PDFs

    file = Path(path)
    request = PageRequest(dpi, max_pixels, within_scope(only), grey)
    if detect_kind(file) is Kind.PDF:
        return iter_pdf_pages(file, request)
    return iter_image_pages(file, request)


def page_count(path: str | Path) -> int:
    """Number of pages of a PDF or image file; a bad file raises as :func:`iter_pages` does."""
    from ocrfix.pages.pdf import pdf_reader

    file = Path(path)
    if detect_kind(file) is Kind.PDF:
        with pdf_reader(file) as reader:
            return len(reader.pages)
    return image_frames(file)
