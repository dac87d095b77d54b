"""A searchable PDF: each page image as rasterised (levelled when preprocessing deskewed it),
under an invisible layer of its words.

Built with reportlab (BSD): it embeds a TrueType subset with a ToUnicode map, so copying or
``pdftotext`` gives back Vietnamese text, and stores our JPEG bytes as they are. Each word
is drawn in render mode 3 (invisible) on its OCR box, stretched to the box width, in reading
order; a page that preprocessing turned upright is shown upright through ``/Rotate``.
"""

from __future__ import annotations

import io
import itertools
import math
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING

import numpy as np
import pypdf

from ocrfix.exceptions import MissingDependencyError, OcrfixError
from ocrfix.io.atomic import atomic_path, temp_folder
from ocrfix.ocr.model import Box, OcrDocument, OcrPage
from ocrfix.output.bilevel import bilevel_pages, png_1bit, with_1bit_images
from ocrfix.output.geometry import OcrFrame, straighten
from ocrfix.output.jpeg import JPEG_QUALITY, as_stored, jpeg_bytes
from ocrfix.output.resolution import downsampled, render_dpi, scan_dpis
from ocrfix.output.words import RepairedPage, layout_spans
from ocrfix.pages import DEFAULT_MAX_PIXELS, Page, iter_pages

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

FONT_NAME = "DejaVuSans"
#: DejaVu Sans: cap height with a Vietnamese mark above ≈ this share of the font size.
MARKED_CAP = 0.95

Line = Sequence[tuple[str, Box]]  # words of one line: text and OCR box


@dataclass(frozen=True)
class PdfPage:
    """One page to write: the image as rasterised (RGB or grey; possibly downsampled to the
    scan's own resolution), the ``dpi`` and pixel ``size`` (width, height) of the raster OCR
    read, when the image is not that raster, the preprocessing geometry of its OCR frame,
    its text lines in reading order, and whether it was a black-and-white scan."""

    image: np.ndarray
    dpi: int
    lines: Sequence[Line] = ()
    rotation: int = 0
    skew: float = 0.0
    size: tuple[int, int] | None = None
    bilevel: bool = False  # scanned in black and white: stored so

    @property
    def raster(self) -> tuple[int, int]:
        """Width and height of the OCR raster, in pixels."""
        return self.size or (self.image.shape[1], self.image.shape[0])


@cache
def _font() -> str:
    """Register DejaVu Sans (fonts-dejavu-core) with reportlab once per process, and turn
    off reportlab's ASCII85 wrapping of binary streams: in pure Python it took 0.66 s of
    a page's 1.1 s, for a file a quarter larger."""
    try:
        from reportlab import rl_config
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
    except ImportError as exc:
        raise MissingDependencyError(
            "searchable PDFs need the reportlab package (pip install reportlab)"
        ) from exc

    from ocrfix.synth.fonts import find_font

    rl_config.useA85 = 0
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(find_font("DejaVu Sans").path)))
    return FONT_NAME


def _untangled(line: list[tuple[str, Box]]) -> list[tuple[str, Box]]:
    """Boxes of a line (left to right) cut so none starts before the previous one ends:
    readers join words whose glyphs overlap (``HÀNHCHÍNH``), whatever separates them."""
    out: list[tuple[str, Box]] = []
    end = -(1 << 30)
    for word, (left, top, right, bottom) in line:
        left = min(max(left, end), right - 1)
        out.append((word, (left, top, right, bottom)))
        end = max(end, right)
    return out


def _line_metrics(lines: Sequence[Line]) -> list[tuple[float, float]]:
    """Baseline (OCR frame) and font size (pixels) of each line. Sizes within a third of the
    page's median take the median: poppler (``pdftotext``, viewers) starts a new block at
    every change of font size, and a line's height mostly tells which marks it has."""
    metrics = []
    for line in lines:
        base = median(box[3] for _, box in line) if line else 0.0
        top = min((box[1] for _, box in line), default=0)
        metrics.append((base, max((base - top) / MARKED_CAP, 1.0)))
    sizes = [size for (_, size), line in zip(metrics, lines, strict=True) if line]
    usual = median(sizes) if sizes else 1.0
    return [(base, usual if abs(size - usual) <= usual / 3 else size) for base, size in metrics]


def _draw_words(canvas: Canvas, page: PdfPage, font: str) -> None:
    """The invisible text layer: each word from its baseline start, as wide as its box,
    followed by a space unless it ends its line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    height = page.raster[1]
    frame = OcrFrame.of(page.raster, rotation=page.rotation, skew=page.skew)
    scale = 72 / page.dpi
    text = canvas.beginText()
    text.setTextRenderMode(3)
    lines = [_untangled([(t, box) for t, box in line if t.strip()]) for line in page.lines]
    for line, (base, size) in zip(lines, _line_metrics(lines), strict=True):
        for index, (word, box) in enumerate(line, 1):
            (x, y), angle, length = frame.baseline(box, base)
            cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            text.setTextTransform(cos, sin, -sin, cos, x * scale, (height - y) * scale)
            text.setFont(font, size * scale)
            # a space ends each word but the line's last, inside its box: readers then see
            # a gap between words even where OCR boxes touch
            shown = word if index == len(line) else word + " "
            natural = stringWidth(shown, font, size * scale)
            text.setHorizScale(100 * length * scale / natural if natural else 100)
            text.textOut(shown)
    canvas.drawText(text)


@cache
def _jpeg_reader() -> type:
    """reportlab's ``ImageReader`` for JPEG bytes, named by those bytes: ``drawImage`` would
    decode each page to RGB just to name it (40 ms) and keep those pixels until the PDF is
    saved (11 MB a page); the JPEG goes into the PDF as it is either way."""
    from reportlab.lib.utils import ImageReader

    class Reader(ImageReader):  # type: ignore[misc]
        def __init__(self, data: bytes):
            super().__init__(io.BytesIO(data))
            self._jpeg = data
            self._dataA = None  # no alpha channel (what getRGBData would have found)

        def getRGBData(self) -> bytes:  # reportlab's name
            return self._jpeg

    return Reader


def pdf_bytes(pages: Iterable[PdfPage], *, quality: int = JPEG_QUALITY, title: str = "") -> bytes:
    """The PDF of ``pages``: each page as large as its raster at its dpi. The same input
    gives the same bytes (no dates), so reruns can be compared."""
    from reportlab.pdfgen.canvas import Canvas

    font, jpeg_image = _font(), _jpeg_reader()
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=1, invariant=1, initialFontName=font, lang="vi")
    canvas.setCreator("ocrfix")
    canvas.setTitle(title)
    canvas.setAuthor("")
    canvas.setSubject("")
    count = 0
    bilevel: dict[int, bytes] = {}
    for page in pages:
        width, height = page.raster
        size = (width * 72 / page.dpi, height * 72 / page.dpi)
        # reportlab takes the size as displayed, swapping the MediaBox of a page turned 90°
        canvas.setPageSize(size[::-1] if page.rotation in (90, 270) else size)
        canvas.setPageRotation(page.rotation)
        shown = straighten(as_stored(page.image), page.skew)
        canvas.drawImage(jpeg_image(jpeg_bytes(shown, quality)), 0, 0, *size)
        if page.bilevel:
            bilevel[count] = png_1bit(shown)
        _draw_words(canvas, page, font)
        canvas.showPage()
        count += 1
    if not count:
        raise ValueError("a PDF needs at least one page")
    canvas.save()
    return with_1bit_images(out.getvalue(), bilevel) if bilevel else out.getvalue()


def text_lines(page: OcrPage, repaired: RepairedPage | None) -> list[Line]:
    """The page's words line by line in reading order: repaired, or as Tesseract read them."""
    if repaired is not None:
        return [[(w.text, w.word.box) for w in line] for line in repaired.lines]
    text, lines = layout_spans(page.words)
    return [[(text[start:end], word.box) for word, start, end in line] for line in lines]


@dataclass(frozen=True)
class ScanFacts:
    """What the file says about its pages' scans: the resolution each PDF page was scanned at
    (stored back at that resolution) and which pages were black and white."""

    natives: Mapping[int, float | None]
    bilevel: frozenset[int]

    @classmethod
    def of(cls, path: str | Path) -> ScanFacts:
        return cls(scan_dpis(path), frozenset(bilevel_pages(path)))

    def render_dpi(self, dpi: int) -> int:
        """The dpi to rasterise the pages at for the PDF, when OCR read them at ``dpi``."""
        return render_dpi(self.natives, dpi)

    def pdf_page(self, image: Page, result: OcrPage, repaired: RepairedPage | None,
                 *, ocr_dpi: int) -> PdfPage:
        """Page ``image`` (rasterised at :meth:`render_dpi`) under the words of ``result``
        (``repaired`` when given), whose boxes are in pixels of the ``ocr_dpi`` raster."""
        assert image.image is not None
        height, width = image.image.shape[:2]
        factor = ocr_dpi / self.render_dpi(ocr_dpi)  # OCR raster pixels per pixel here
        shown = downsampled(image.image, image.dpi, self.natives.get(image.number))
        raster = (round(width * factor), round(height * factor))
        return PdfPage(shown, round(image.dpi * factor), text_lines(result, repaired),
                       result.rotation, result.skew, raster, image.number in self.bilevel)


#: Pages held in memory (about 0.4 MB each once drawn) before they are saved as a part of the
#: PDF; a longer document is written part by part and the parts joined by poppler's pdfunite.
PART_PAGES = 25


def write_pdf(pages: Iterable[PdfPage], target: str | Path, *, quality: int = JPEG_QUALITY,
              title: str = "", part_pages: int = PART_PAGES) -> int:
    """Write the PDF of ``pages`` to ``target`` atomically, holding no more than
    ``part_pages`` pages in memory; returns the number of pages (0: nothing written).

    Up to ``part_pages`` pages give the bytes of :func:`pdf_bytes`. A longer PDF is joined
    from parts by ``pdfunite`` (by pypdf, in memory, when poppler is missing): it has no
    title, and its file identifier differs from run to run.
    """
    file = Path(target)
    drawn = [0]

    def counted() -> Iterator[PdfPage]:
        for page in pages:
            drawn[0] += 1
            yield page

    source = counted()
    with temp_folder(file) as folder:
        parts = []
        for first in source:  # each part takes its pages from the stream as it draws them
            part = Path(folder, f"{len(parts):06d}.pdf")
            chunk = itertools.chain([first], itertools.islice(source, part_pages - 1))
            part.write_bytes(pdf_bytes(chunk, quality=quality, title=title))
            parts.append(part)
        if parts:
            with atomic_path(file) as tmp:
                join_pdfs(parts, tmp)
    return drawn[0]


def join_pdfs(parts: Sequence[Path], target: Path) -> None:
    """The pages of ``parts``, in order, as one PDF at ``target``."""
    if len(parts) == 1:
        shutil.move(parts[0], target)
    elif shutil.which("pdfunite") is not None:
        done = subprocess.run(["pdfunite", *map(str, parts), str(target)], check=False,
                              capture_output=True)
        if done.returncode != 0:
            cause = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
            raise OcrfixError(f"pdfunite could not join the PDF's parts: {cause}")
    else:
        writer = pypdf.PdfWriter()
        for part in parts:
            writer.append(part)
        writer.write(target)


def write_document_pdf(
    path: str | Path,
    document: OcrDocument,
    repaired: Mapping[int, RepairedPage] | None,
    target: str | Path,
    *,
    dpi: int,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    quality: int = JPEG_QUALITY,
) -> int:
    """Write the searchable PDF of ``document``, OCR'd from ``path`` at ``dpi``, to
    ``target``: pages rasterised again (as scanned, grey or colour, one at a time, at the
    scan's own resolution) under the repaired words (Tesseract's when ``repaired`` is None).
    A page that could not be read is left out (``document`` reports it); returns the number
    of pages written (0, and no file, if none could be). ``ocrfix.pipeline.ocr_to_pdf`` OCRs
    and writes in one pass instead, rasterising each page once."""
    results = {page.number: page for page in document.pages}
    layers = repaired or {}
    facts = ScanFacts.of(path)
    pages = (
        facts.pdf_page(image, result, layers.get(image.number), ocr_dpi=dpi)
        for image in iter_pages(path, facts.render_dpi(dpi), max_pixels=max_pixels, grey=None)
        if image.image is not None and (result := results.get(image.number)) is not None
    )
    return write_pdf(pages, target, quality=quality, title=Path(path).stem)


def document_pdf(
    path: str | Path,
    document: OcrDocument,
    repaired: Mapping[int, RepairedPage] | None,
    *,
    dpi: int,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    quality: int = JPEG_QUALITY,
) -> bytes | None:
    """:func:`write_document_pdf` as bytes (None if no page could be read): the whole PDF in
    memory, so for short documents."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder, "out.pdf")
        written = write_document_pdf(path, document, repaired, target, dpi=dpi,
                                     max_pixels=max_pixels, quality=quality)
        return target.read_bytes() if written else None
