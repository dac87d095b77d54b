"""One file → :class:`OcrDocument`: pages are read, preprocessed and recognised one at a
time; a page that fails or times out is recorded and the others still come out."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from ocrfix.exceptions import MissingDependencyError, OcrfixError
from ocrfix.ocr.engine import OcrEngine
from ocrfix.ocr.layout import page_text
from ocrfix.ocr.model import OcrDocument, OcrPage, OcrWord
from ocrfix.ocr.recover import Reader, recover_words
from ocrfix.ocr.tesseract import EngineTimeout, TesseractEngine
from ocrfix.ocr.upright import looks_upside_down, syllable_share
from ocrfix.pages import DEFAULT_DPI, DEFAULT_MAX_PIXELS, Kind, Page, detect_kind, iter_pages
from ocrfix.pages import text_layer as pdf_text_layer
from ocrfix.preprocess import Prepared, PreprocessOptions, preprocess

DEFAULT_PAGE_TIMEOUT = 180.0
LOW_DPI = 175  # crops re-read from pages below this (150-dpi faxes) are enlarged twice


@dataclass(frozen=True)
class OcrOptions:
    """Everything ``ocr_file`` needs; the CLI only translates its flags into this."""

    lang: str = "vie"
    dpi: int = DEFAULT_DPI
    force_ocr: bool = False
    page_timeout: float | None = DEFAULT_PAGE_TIMEOUT
    max_pixels: int = DEFAULT_MAX_PIXELS
    preprocess: PreprocessOptions = field(default_factory=PreprocessOptions)
    debug_images: str | None = None
    engine: OcrEngine | None = None  # default: Tesseract
    # Re-read ink no word covers (a signature block under a seal) as one block of text.
    recover_uncovered: bool = True
    block_engine: OcrEngine | None = None  # for those crops; default Tesseract --psm 6
    # Reads those crops under a black seal ring, the seal lifted; default Tesseract --psm 11.
    sparse_engine: OcrEngine | None = None


def _debug_sink(folder: str | None, path: Path, number: int) -> Callable | None:
    if folder is None:
        return None
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    counter = iter(range(100))

    def write(step: str, image: np.ndarray) -> None:
        name = target / f"{path.stem}-p{number:04d}-{next(counter):02d}-{step}.png"
        pixels = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2BGR)
        cv2.imwrite(str(name), pixels)

    return write


def _block_engine(options: OcrOptions) -> OcrEngine | None:
    """The engine that re-reads uncovered ink, if that step is on: Tesseract in block mode,
    unless a custom page engine came without a block engine of its own."""
    if not options.recover_uncovered:
        return None
    if options.block_engine is not None or options.engine is not None:
        return options.block_engine
    return TesseractEngine(psm=6)


def _sparse_engine(options: OcrOptions) -> OcrEngine | None:
    """The reader of crops under a seal: Tesseract's sparse-text mode, which finds the words
    left between a lifted seal's remains, unless custom engines came without one."""
    if not options.recover_uncovered:
        return None
    if options.sparse_engine is not None or options.engine is not None:
        return options.sparse_engine
    return TesseractEngine(psm=11)


def _crop_reader(engine: OcrEngine, options: OcrOptions, dpi: int) -> Reader:
    """``engine`` as a reader of crops at ``dpi`` (enlarged crops of a fax: twice its own)."""
    return lambda crop: engine.recognise(
        crop, lang=options.lang, timeout=options.page_timeout, dpi=dpi
    )


def _failed(number: int, error: OcrfixError, seconds: float = 0.0, **flags: bool) -> OcrPage:
    return OcrPage(number, error=str(error), error_kind=error.kind, seconds=seconds, **flags)


def _read_upright(prepared: Prepared, engine: OcrEngine, options: OcrOptions,
                  dpi: int) -> list[OcrWord]:
    """The words of the prepared page; when they read as a Vietnamese page read upside down
    (:mod:`ocrfix.ocr.upright`), the page is turned over and read again, and the reading
    with more Vietnamese syllables is kept (``prepared`` then records the turn)."""
    def read(image: np.ndarray) -> list[OcrWord]:
        return engine.recognise(image, lang=options.lang, timeout=options.page_timeout, dpi=dpi)

    words = read(prepared.image)
    if not (options.preprocess.orientation and "vie" in options.lang.split("+")
            and looks_upside_down(words)):
        return words
    turned = np.rot90(prepared.image, 2).copy()
    again = read(turned)
    if syllable_share(again)[0] <= syllable_share(words)[0]:
        return words
    prepared.image, prepared.rotation = turned, (prepared.rotation + 180) % 360
    prepared.steps.append("rotate-180-after-ocr")
    return again


def ocr_page(page: Page, path: Path, options: OcrOptions) -> OcrPage:
    """Preprocess and recognise one page; never raises for a page-level failure."""
    if page.error is not None:
        return _failed(page.number, page.error)
    start = time.perf_counter()
    engine = options.engine or TesseractEngine()
    debug = _debug_sink(options.debug_images, path, page.number)
    assert page.image is not None
    prepared = preprocess(page.image, options.preprocess, dpi=page.dpi, debug=debug)
    try:
        words = _read_upright(prepared, engine, options, page.dpi)
        block = _block_engine(options)
        if block is not None:
            scale = 2.0 if page.dpi < LOW_DPI else 1.0
            crop_dpi, sparse = round(page.dpi * scale), _sparse_engine(options)
            words = recover_words(
                prepared.image, words, _crop_reader(block, options, crop_dpi), scale=scale,
                sparse=None if sparse is None else _crop_reader(sparse, options, crop_dpi),
                dpi=page.dpi,
            )  # fmt: skip
    except EngineTimeout as exc:
        error = EngineTimeout(exc.message, path=str(path), page=page.number)
        return _failed(page.number, error, time.perf_counter() - start, timed_out=True)
    except MissingDependencyError:
        raise
    except OcrfixError as exc:
        error = type(exc)(exc.message, path=str(path), page=page.number)
        return _failed(page.number, error, time.perf_counter() - start)
    return OcrPage(
        page.number,
        text=page_text(words),
        words=words,
        seconds=time.perf_counter() - start,
        rotation=prepared.rotation,
        skew=prepared.skew,
    )


def ocr_file(path: str | Path, *, options: OcrOptions | None = None) -> OcrDocument:
    """OCR every page of ``path`` (PDF, TIFF, PNG, JPEG).

    A PDF page that already has a text layer keeps it unless ``force_ocr``. Whole-file
    problems (missing, empty, corrupt, encrypted, unknown kind) raise an ``InputError``;
    page problems are recorded on the page.
    """
    opts = options or OcrOptions()
    file = Path(path)
    layer: list[str] = []
    if not opts.force_ocr and detect_kind(file) is Kind.PDF:
        layer = pdf_text_layer(file)
    pages = [
        OcrPage(n, text=unicodedata.normalize("NFC", t), source="text-layer")
        for n, t in enumerate(layer, 1)
        if t
    ]
    if not layer or len(pages) < len(layer):
        wanted = {n for n, t in enumerate(layer, 1) if not t} or None
        # Colour is only read to remove seals; otherwise grey pages are cheaper all the way.
        grey = opts.preprocess.colour_marks == "off"
        scans = iter_pages(file, opts.dpi, max_pixels=opts.max_pixels, only=wanted, grey=grey)
        pages += [ocr_page(page, file, opts) for page in scans]
    return OcrDocument(str(file), sorted(pages, key=lambda p: p.number))
