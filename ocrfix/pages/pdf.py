"""PDF pages: validation with pypdf, the text layer with pdftotext, rasterisation one page at a
time with pdf2image (``first_page=last_page``), so a 1,000-page PDF never sits in memory."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Collection, Iterator
from pathlib import Path

import numpy as np
import pdf2image
import pdf2image.exceptions
import pypdf
import pypdf.errors

from ocrfix.exceptions import MissingDependencyError
from ocrfix.pages.errors import (
    CorruptFileError,
    EncryptedPdfError,
    ImageTooLargeError,
    NoPagesError,
)
from ocrfix.pages.page import DEFAULT_DPI, Page

# Fewer visible characters than this on a page means "no usable text layer" (scans often carry
# a stray page number or an invisible junk glyph).
MIN_TEXT_LAYER_CHARS = 20
RASTER_TIMEOUT_S = 120


def open_pdf(path: Path) -> pypdf.PdfReader:
    """A reader for ``path``; corrupt, encrypted (with a user password) or empty PDFs raise."""
    name = str(path)
    try:
        reader = pypdf.PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise EncryptedPdfError("PDF is encrypted (needs a password)", path=name)
        count = len(reader.pages)
    except EncryptedPdfError:
        raise
    except pypdf.errors.FileNotDecryptedError:
        raise EncryptedPdfError("PDF is encrypted (needs a password)", path=name) from None
    except (pypdf.errors.PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise CorruptFileError(f"corrupt PDF: {exc}", path=name) from None
    if count == 0:
        raise NoPagesError("PDF has no pages", path=name)
    return reader


def _page_pixels(reader: pypdf.PdfReader, index: int, dpi: int) -> int:
    try:
        box = reader.pages[index].mediabox
        return int(float(box.width) / 72 * dpi) * int(float(box.height) / 72 * dpi)
    except (pypdf.errors.PyPdfError, KeyError, ValueError, TypeError):
        return 0


def _require_poppler() -> None:
    if shutil.which("pdftoppm") is None:
        raise MissingDependencyError(
            "poppler-utils (pdftoppm) is not installed; install it to read PDFs"
        )


def iter_pdf_pages(
    path: Path,
    *,
    dpi: int = DEFAULT_DPI,
    max_pixels: int,
    only: Collection[int] | None = None,
) -> Iterator[Page]:
    """Validate the PDF now, then yield its pages (those in ``only``) rasterised one by one."""
    reader = open_pdf(path)
    _require_poppler()
    numbers = [n for n in range(1, len(reader.pages) + 1) if only is None or n in only]
    return _rasterise(path, reader, numbers, dpi, max_pixels)


def _rasterise(
    path: Path, reader: pypdf.PdfReader, numbers: list[int], dpi: int, max_pixels: int
) -> Iterator[Page]:
    name = str(path)
    for number in numbers:
        index = number - 1
        pixels = _page_pixels(reader, index, dpi)
        if pixels > max_pixels:
            error = ImageTooLargeError(
                f"page would be {pixels:,} pixels at {dpi} dpi, above the limit of "
                f"{max_pixels:,}; lower --dpi",
                path=name,
                page=number,
            )
            yield Page(number, dpi=dpi, error=error)
            continue
        try:
            images = pdf2image.convert_from_path(
                path, dpi=dpi, first_page=number, last_page=number, timeout=RASTER_TIMEOUT_S
            )
            if not images:
                raise CorruptFileError("page could not be rendered", path=name, page=number)
            yield Page(number, np.asarray(images[0].convert("RGB"), dtype=np.uint8), dpi=dpi)
        except CorruptFileError as exc:
            yield Page(number, dpi=dpi, error=exc)
        except pdf2image.exceptions.PDFInfoNotInstalledError as exc:
            raise MissingDependencyError(f"poppler is not installed: {exc}") from None
        except (
            pdf2image.exceptions.PDFPageCountError,
            pdf2image.exceptions.PDFSyntaxError,
            pdf2image.exceptions.PDFPopplerTimeoutError,
            subprocess.SubprocessError,
            OSError,
            ValueError,
        ) as exc:
            error = CorruptFileError(f"page could not be rendered: {exc}", path=name, page=number)
            yield Page(number, dpi=dpi, error=error)


def text_layer(path: Path) -> list[str]:
    """Text of each page's text layer (pdftotext reading order), ``""`` where a page has none.

    Raises like :func:`open_pdf` for unreadable PDFs. Reading order (not ``-layout``) keeps the
    two header columns apart instead of gluing them side by side on one line.
    """
    reader = open_pdf(path)
    count = len(reader.pages)
    if shutil.which("pdftotext") is None:
        return [_pypdf_text(reader, i) for i in range(count)]
    try:
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            timeout=RASTER_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [""] * count
    if done.returncode != 0:
        return [_pypdf_text(reader, i) for i in range(count)]
    texts = done.stdout.decode("utf-8", errors="replace").split("\f")
    texts = [*texts[:count], *[""] * max(0, count - len(texts))]
    return [t if _has_text(t) else "" for t in texts]


def _pypdf_text(reader: pypdf.PdfReader, index: int) -> str:
    try:
        text = reader.pages[index].extract_text() or ""
    except (pypdf.errors.PyPdfError, KeyError, ValueError, TypeError):
        return ""
    return text if _has_text(text) else ""


def _has_text(text: str) -> bool:
    return sum(ch.isalnum() for ch in text) >= MIN_TEXT_LAYER_CHARS
