"""PDF pages: validation with pypdf, the text layer with pdftotext, rasterisation one page at a
time with pdf2image (``first_page=last_page``), so a 1,000-page PDF never sits in memory; a
page that is just one full-page JPEG is decoded directly (:mod:`ocrfix.pages.embedded`).
pypdf reads the file as it needs it, and what it read for one page is let go before the next
(:func:`release`): reading a 1,000-page scan peaks at 113 MB, not 902 MB.

Pages are rendered in grey unless colour is needed (seal removal), as uncompressed PGM/PPM:
on a 300-dpi A4 page that takes 0.16 s instead of 0.39 s for pdf2image's default RGB PNG.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import BinaryIO, TypeVar

import numpy as np
import pdf2image
import pdf2image.exceptions
import pypdf
import pypdf.errors

from ocrfix.exceptions import MissingDependencyError
from ocrfix.pages.embedded import embedded_scan
from ocrfix.pages.errors import (
    CorruptFileError,
    EncryptedPdfError,
    ImageTooLargeError,
    NoPagesError,
)
from ocrfix.pages.page import Page, PageRequest
from ocrfix.pages.scope import within_scope

# Fewer visible characters than this on a page means "no usable text layer" (scans often carry
# a stray page number or an invisible junk glyph).
MIN_TEXT_LAYER_CHARS = 20
# pypdf logs its repair attempts ("EOF marker not found") as warnings; a PDF it cannot read
# becomes our own error naming the file, so its log would only print the cause twice.
logging.getLogger("pypdf").setLevel(logging.ERROR)
RASTER_TIMEOUT_S = 120
T = TypeVar("T")


def open_pdf(path: Path) -> pypdf.PdfReader:
    """A reader for ``path``; corrupt, encrypted (with a user password) or empty PDFs raise.

    The reader reads the open file as it needs it (given a path, pypdf would first read the
    whole file into memory: 220 MB for a 1,000-page scan); :func:`pdf_reader` closes it.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - the reader keeps it open
    except OSError as exc:
        raise CorruptFileError(f"corrupt PDF: {exc}", path=str(path)) from None
    try:
        return _checked_reader(handle, str(path))
    except BaseException:
        handle.close()
        raise


def _checked_reader(handle: BinaryIO, name: str) -> pypdf.PdfReader:
    try:
        reader = pypdf.PdfReader(handle, strict=False)
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


@contextmanager
def pdf_reader(path: Path) -> Iterator[pypdf.PdfReader]:
    """:func:`open_pdf` for the length of a ``with`` block."""
    reader = open_pdf(path)
    try:
        yield reader
    finally:
        reader.stream.close()


def release(reader: pypdf.PdfReader) -> None:
    """Let go of the objects ``reader`` has parsed so far. pypdf keeps every object it reads,
    image streams included (0.2-0.5 MB a scanned page: 0.9 GB held over a 1,000-page PDF);
    whatever is needed again is read again from the file, which costs far less."""
    reader.resolved_objects.clear()


def each_page(reader: pypdf.PdfReader, fn: Callable[[pypdf.PageObject], T]) -> dict[int, T]:
    """``fn`` of every page, by 1-based number, letting go of what was read for each page (its
    images) before the next."""
    found = {}
    for number, page in enumerate(reader.pages, 1):
        found[number] = fn(page)
        release(reader)
    return found


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


def iter_pdf_pages(path: Path, request: PageRequest) -> Iterator[Page]:
    """Validate the PDF now, then yield the requested pages rasterised one by one."""
    reader = open_pdf(path)
    try:
        _require_poppler()
    except MissingDependencyError:
        reader.stream.close()
        raise
    return _rasterise(path, reader, request)


def render_page(path: Path, number: int, dpi: int, *, grey: bool | None) -> np.ndarray:
    """Page ``number`` rendered by poppler at ``dpi``, grey or RGB (also for None: poppler
    cannot tell a grey page); raises ``CorruptFileError``."""
    try:
        images = pdf2image.convert_from_path(
            path,
            dpi=dpi,
            first_page=number,
            last_page=number,
            grayscale=bool(grey),
            fmt="pgm" if grey else "ppm",  # uncompressed: no encode/decode per page
            timeout=RASTER_TIMEOUT_S,
        )
    except (pdf2image.exceptions.PDFPageCountError, pdf2image.exceptions.PDFSyntaxError) as exc:
        raise CorruptFileError(
            f"page could not be rendered: {exc}", path=str(path), page=number
        ) from None
    if not images:
        raise CorruptFileError("page could not be rendered", path=str(path), page=number)
    return np.array(images[0])


def _rasterise(path: Path, reader: pypdf.PdfReader, request: PageRequest) -> Iterator[Page]:
    with closing(reader.stream):
        yield from _rendered(path, reader, request)


def _rendered(path: Path, reader: pypdf.PdfReader, request: PageRequest) -> Iterator[Page]:
    name, dpi, grey = str(path), request.dpi, request.grey
    for number in request.numbers(len(reader.pages)):
        index = number - 1
        pixels = _page_pixels(reader, index, dpi)
        if pixels > request.max_pixels:
            error = ImageTooLargeError(
                f"page would be {pixels:,} pixels at {dpi} dpi, above the limit of "
                f"{request.max_pixels:,}; lower --dpi",
                path=name,
                page=number,
            )
            yield Page(number, dpi=dpi, error=error)
            continue
        try:
            image = embedded_scan(reader, index, dpi, grey=grey)
            if image is None:
                image = render_page(path, number, dpi, grey=grey)
            yield Page(number, image, dpi=dpi)
        except CorruptFileError as exc:
            yield Page(number, dpi=dpi, error=exc)
        except (subprocess.SubprocessError, OSError) as exc:
            error = CorruptFileError(f"page could not be rendered: {exc}", path=name, page=number)
            yield Page(number, dpi=dpi, error=error)
        finally:
            release(reader)


def text_layer(path: Path) -> list[str]:
    """Text of each page's text layer (pdftotext reading order), ``""`` where a page has none.

    Raises like :func:`open_pdf` for unreadable PDFs. Reading order (not ``-layout``) keeps the
    two header columns apart instead of gluing them side by side on one line. Inside a
    :func:`~ocrfix.pages.scope.page_scope` only the scope's pages are read (the others are
    ``""``), so a page-range task of a long PDF does not extract the whole document.
    """
    with pdf_reader(path) as reader:
        return _text_layer(path, reader)


def _text_layer(path: Path, reader: pypdf.PdfReader) -> list[str]:
    count = len(reader.pages)
    wanted = [n for n in sorted(within_scope(range(1, count + 1)) or ()) if 1 <= n <= count
              and _may_have_text(reader, n - 1)]
    if not wanted:  # e.g. a scan: images only, so no pdftotext run (~10 ms a page)
        return [""] * count
    first, last = wanted[0], wanted[-1]
    if shutil.which("pdftotext") is None:
        texts = [_pypdf_text(reader, n - 1) for n in range(first, last + 1)]
    else:
        texts = _pdftotext(path, first, last) or [
            _pypdf_text(reader, n - 1) for n in range(first, last + 1)
        ]
    texts = [*texts[: last - first + 1], *[""] * max(0, last - first + 1 - len(texts))]
    layer = [""] * count
    for n in wanted:
        layer[n - 1] = texts[n - first] if _has_text(texts[n - first]) else ""
    return layer


def _pdftotext(path: Path, first: int, last: int) -> list[str] | None:
    """Texts of pages ``first..last`` by pdftotext; None when it fails (then pypdf reads them),
    empty texts when it times out."""
    try:
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(first), "-l", str(last), str(path), "-"],
            capture_output=True,
            timeout=RASTER_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return [""] * (last - first + 1)
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", errors="replace").split("\f")


def _may_have_text(reader: pypdf.PdfReader, index: int) -> bool:
    """False only for a page that cannot show text: no fonts and no XObjects but images."""
    try:
        resources = reader.pages[index].get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        if resources.get("/Font"):
            return True
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else {}
        return any(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())
    except (pypdf.errors.PyPdfError, KeyError, ValueError, TypeError, AttributeError):
        return True
    finally:
        release(reader)  # its images were read whole just to see their /Subtype


def _pypdf_text(reader: pypdf.PdfReader, index: int) -> str:
    try:
        text = reader.pages[index].extract_text() or ""
    except (pypdf.errors.PyPdfError, KeyError, ValueError, TypeError):
        return ""
    finally:
        release(reader)
    return text if _has_text(text) else ""


def _has_text(text: str) -> bool:
    return sum(ch.isalnum() for ch in text) >= MIN_TEXT_LAYER_CHARS
