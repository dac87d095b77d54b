"""Write page images as an image-only PDF, the way a scanner does (no text layer)."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence

from PIL import Image
from pypdf import PdfReader, PdfWriter

from ocrfix.io.atomic import atomic_write_bytes


def pdf_bytes(
    pages: Sequence[Image.Image], *, dpi: int | Sequence[int], quality: int = 75
) -> bytes:
    """A multi-page PDF of ``pages``: JPEG inside for grey and colour pages, lossless
    CCITT G4 for bilevel ones. ``dpi`` (one value, or one per page) sets each page's printed
    size, so an A4 scan stays A4 whatever its resolution."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    dpis = [dpi] * len(pages) if isinstance(dpi, int) else list(dpi)
    if len(dpis) != len(pages):
        raise ValueError("one dpi per page")
    writer = PdfWriter()
    for image, page_dpi in zip(pages, dpis, strict=True):
        writer.append(PdfReader(io.BytesIO(_single_page(_pdf_mode(image), page_dpi, quality))))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _single_page(image: Image.Image, dpi: int, quality: int) -> bytes:
    buffer = io.BytesIO()
    options = {} if image.mode == "1" else {"quality": quality}
    image.save(buffer, "PDF", resolution=dpi, **options)
    return buffer.getvalue()


def write_pdf(
    path: str | os.PathLike[str], pages: Sequence[Image.Image], *, dpi: int | Sequence[int],
    quality: int = 75,
) -> None:
    """Write :func:`pdf_bytes` to ``path`` atomically."""
    atomic_write_bytes(path, pdf_bytes(pages, dpi=dpi, quality=quality))


def _pdf_mode(image: Image.Image) -> Image.Image:
    """Bilevel greys become mode ``1`` (small, lossless); others stay ``L`` or ``RGB``."""
    if image.mode in ("1", "RGB"):
        return image
    grey = image.convert("L")
    return grey if any(grey.histogram()[1:255]) else grey.convert("1")
