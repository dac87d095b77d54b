"""One document through the stages: read or OCR, repair, extract.

A scan can also go through in pieces: :func:`ocr_pages` OCRs some of its pages into plain
:class:`PageResult` data (what a page-range task of the batch runner returns and keeps for
resume) and :func:`finish_scan` joins the pages and repairs and extracts the whole;
:func:`process_document` is the two in one, so both routes give the same outputs.

The stages are reached only through their contract names (``ocrfix.io.textfile.read_text``,
``ocrfix.ocr.ocr_file``, ``ocrfix.repair.fix_and_explain``, ``ocrfix.extract.extract_record``),
imported on first use so that ``import ocrfix.pipeline`` stays cheap in every worker. A
:class:`Stages` object swaps any of them: tests and benchmarks plug in fake engines without
Tesseract, and ``RunOptions.plugin`` names such an object by ``"module:attribute"`` so that it
crosses process and machine boundaries as a string.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ocrfix.exceptions import InputError, OcrfixError, UsageError

if TYPE_CHECKING:
    from ocrfix.ocr import OcrDocument, OcrOptions, OcrPage
    from ocrfix.output.words import Repair

Kind = Literal["text", "scan"]
Status = Literal["ok", "partial", "failed"]


@dataclass(frozen=True)
class RunOptions:
    """Everything that changes a document's outputs; shared by the API and ``ocrfix run``.

    Frozen and made of plain values, so it pickles to any worker and hashes into resume keys.
    """

    lang: str = "vie"
    dpi: int = 300
    page_timeout: float = 180.0
    force_ocr: bool = False
    repair: bool = True
    keep_raw: bool = False
    keep_words: bool = False
    plugin: str | None = None  # "module:attribute" naming a Stages object; None = built-in

    def fingerprint(self) -> str:
        """Canonical JSON of the options, for content-hash keys."""
        return json.dumps(dataclasses.asdict(self), sort_keys=True, ensure_ascii=True)


@dataclass(frozen=True)
class ErrorEntry:
    """One failure as written to ``errors.jsonl``: file, page (or None), error class, message."""

    file: str
    page: int | None
    kind: str
    message: str

    @classmethod
    def from_exception(
        cls, exc: BaseException, *, file: str, page: int | None = None
    ) -> ErrorEntry:
        """The entry for ``exc``; an :class:`OcrfixError` supplies its own file, page and kind."""
        if isinstance(exc, OcrfixError):
            return cls(exc.path or file, exc.page if exc.page is not None else page, exc.kind,
                       exc.message)
        return cls(file, page, type(exc).__name__, str(exc) or repr(exc))

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class DocumentResult:
    """What one document produced; ``errors`` lists page failures that did not stop it."""

    path: str
    kind: Kind
    text: str
    raw_text: str
    record: dict[str, Any] | None
    pages: int
    seconds: float
    ocr_seconds: float = 0.0
    confidence: float | None = None
    words: list[dict[str, Any]] | None = None
    errors: list[ErrorEntry] = field(default_factory=list)

    @property
    def status(self) -> Status:
        """``failed`` when no page could be read (then there is no text and no record)."""
        if not self.errors:
            return "ok"
        return "failed" if len({e.page for e in self.errors}) >= self.pages else "partial"


@dataclass(frozen=True)
class PageResult:
    """One page after OCR as plain data: its text (or error), OCR seconds and, when kept, its
    words; JSON round-trips it, so resume keeps finished pages of a long document on disk."""

    number: int
    text: str = ""
    seconds: float = 0.0
    error: ErrorEntry | None = None
    words: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "seconds": self.seconds,
                "error": self.error.to_dict() if self.error else None,
                "words": list(self.words)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageResult:
        error = data.get("error")
        return cls(int(data["number"]), str(data.get("text") or ""),
                   float(data.get("seconds") or 0.0), ErrorEntry(**error) if error else None,
                   tuple(data.get("words") or ()))


# --- built-in stages: thin adapters onto the contract names ---------------------------------


def _read_text(path: str) -> str:
    from ocrfix.io.textfile import read_text

    return read_text(path)


def _ocr(path: str, options: RunOptions, pages: Collection[int] | None = None) -> Any:
    from ocrfix import ocr
    from ocrfix.pages import page_scope

    ocr_options = None
    options_type = getattr(ocr, "OcrOptions", None)
    if options_type is not None:
        wanted = {"lang": options.lang, "dpi": options.dpi, "page_timeout": options.page_timeout,
                  "force_ocr": options.force_ocr}
        accepted = {f.name for f in dataclasses.fields(options_type)}
        ocr_options = options_type(**{k: v for k, v in wanted.items() if k in accepted})
    with page_scope(pages):
        return ocr.ocr_file(path, options=ocr_options)


def _repair(text: str) -> Any:
    from ocrfix.repair import fix_and_explain

    return fix_and_explain(text)


def _extract(text: str, source: str | None, raw: str | None = None) -> dict[str, Any]:
    from ocrfix.extract import extract_record

    return extract_record(text, source=source, raw=raw)


@dataclass(frozen=True)
class Stages:
    """The engines a document goes through; replace any field to plug in another engine.

    ``ocr(path, options, pages)`` OCRs the 1-based ``pages`` only (all when None) and returns
    an object with ``.pages`` as :class:`ocrfix.ocr.OcrDocument` has. ``extract(text, name,
    raw)`` gets the text before repair too (None when repair did not run), so a number that
    repair damaged is still read.
    """

    read_text: Callable[[str], str] = _read_text
    ocr: Callable[[str, RunOptions, Collection[int] | None], Any] = _ocr
    repair: Callable[[str], Any] = _repair
    extract: Callable[[str, str | None, str | None], dict[str, Any]] = _extract


BUILTIN = Stages()


def load_stages(spec: str | None) -> Stages:
    """The :class:`Stages` named by ``"module:attribute"`` (None: the built-in engines)."""
    if not spec:
        return BUILTIN
    module_name, _, attr = spec.partition(":")
    try:
        stages = getattr(importlib.import_module(module_name), attr or "STAGES")
    except (ImportError, AttributeError) as exc:
        raise UsageError(f"cannot load plugin {spec!r}: {exc}") from exc
    if not isinstance(stages, Stages):
        raise UsageError(f"plugin {spec!r} is not an ocrfix.pipeline.Stages object")
    return stages


def detect_kind(path: str | Path) -> Kind:
    """``"scan"`` for PDF and image files (by their first bytes), ``"text"`` for anything else.

    Raises :class:`InputError` for a missing, unreadable or empty file.
    """
    from ocrfix.pages.detect import kind_of_bytes

    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except IsADirectoryError as exc:
        raise InputError("is a folder, not a file", path=str(path)) from exc
    except FileNotFoundError as exc:
        raise InputError("no such file", path=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from exc
    if not head:
        raise InputError("empty file", path=str(path))
    return "scan" if kind_of_bytes(head) is not None else "text"


def process_document(path: str | Path, options: RunOptions | None = None, *,
                     stages: Stages | None = None) -> DocumentResult:
    """Run one document through the stages.

    Raises :class:`OcrfixError` for a file that cannot be processed at all (missing, empty,
    corrupt, encrypted, undecodable). Page failures (a corrupt page, a Tesseract timeout) do
    not raise: the other pages come out and the failures are listed in ``errors``; when every
    page failed the result's ``status`` is ``"failed"`` and it has no text and no record.
    """
    options = options or RunOptions()
    stages = stages or load_stages(options.plugin)
    name = str(path)
    started = time.perf_counter()
    if detect_kind(name) == "text":
        raw = stages.read_text(name)
        text, confidence, record = repair_and_extract(raw, name, options, stages)
        return DocumentResult(name, "text", text, raw, record, 1, time.perf_counter() - started,
                              confidence=confidence)
    return finish_scan(name, ocr_pages(name, options, stages=stages), options, stages=stages,
                       seconds=time.perf_counter() - started)


def ocr_pages(path: str | Path, options: RunOptions | None = None,
              pages: Collection[int] | None = None, *,
              stages: Stages | None = None) -> list[PageResult]:
    """OCR the 1-based ``pages`` of a scan (all when None), in page order.

    Raises like :func:`process_document` for a file that cannot be read at all.
    """
    options = options or RunOptions()
    stages = stages or load_stages(options.plugin)
    name = str(path)
    document = stages.ocr(name, options, pages)
    results = [page_result(page, name, keep_words=options.keep_words)
               for page in document.pages]
    return sorted(results, key=lambda page: page.number)


def finish_scan(path: str | Path, pages: Sequence[PageResult], options: RunOptions | None = None,
                *, stages: Stages | None = None, seconds: float = 0.0) -> DocumentResult:
    """Join a scan's OCR'd ``pages`` (all of them, in order) and repair and extract the text;
    ``seconds`` is the time already spent on the document (its OCR) elsewhere."""
    options = options or RunOptions()
    stages = stages or load_stages(options.plugin)
    name = str(path)
    started = time.perf_counter()
    if not pages:
        raise InputError("document has no pages", path=name)
    errors = [page.error for page in pages if page.error is not None]
    raw = "\n\n".join(page.text.strip("\n") for page in pages
                       if page.error is None and page.text)
    words = [word for page in pages for word in page.words] if options.keep_words else None
    ocr_seconds = sum(page.seconds for page in pages)
    text, confidence, record = "", None, None
    if len({e.page for e in errors}) < len(pages):  # else failed: no text, no record
        text, confidence, record = repair_and_extract(raw, name, options, stages)
    return DocumentResult(
        path=name, kind="scan", text=text, raw_text=raw, record=record, pages=len(pages),
        seconds=seconds + time.perf_counter() - started, ocr_seconds=ocr_seconds,
        confidence=confidence, words=words, errors=errors,
    )


def repair_and_extract(raw: str, name: str, options: RunOptions,
                       stages: Stages) -> tuple[str, float | None, dict[str, Any]]:
    """The repaired text (unless ``options.repair`` is off), its mean confidence, the record."""
    text, confidence, before = raw, None, None
    if options.repair and raw.strip():
        repaired = stages.repair(raw)
        text, confidence, before = repaired.text, mean_confidence(repaired), raw
    return text, confidence, stages.extract(text, name, before)


def ocr_to_pdf(path: str | Path, target: str | Path, options: OcrOptions | None = None, *,
               repair: Repair | None = None) -> OcrDocument:
    """OCR every page of ``path`` (a text layer is read again) and write its searchable PDF to
    ``target`` in the same pass, with the words ``repair`` gives (Tesseract's when None).

    Each page is rasterised once when the PDF stores it at the OCR's resolution (kept as
    scanned: grey or colour), else again at the scan's own resolution (for a scanned JPEG, a
    cheap decode); pages are written as they come, so memory stays that of a few pages
    however long the document. Whole-file problems raise as in ``ocr_file``; the pages come
    back without their words (the PDF has them), a failed page with its error.
    """
    from ocrfix.ocr import OcrDocument, OcrOptions, ocr_page
    from ocrfix.output.searchable_pdf import ScanFacts, write_pdf
    from ocrfix.output.words import repair_page
    from ocrfix.pages import iter_pages

    opts = options or OcrOptions()
    file = Path(path)
    facts = ScanFacts.of(file)
    render = facts.render_dpi(opts.dpi)
    results: list[OcrPage] = []

    def rasters() -> Iterator[tuple[Any, Any]]:  # (page for OCR, page for the PDF)
        if render == opts.dpi:
            for page in iter_pages(file, opts.dpi, max_pixels=opts.max_pixels, grey=None):
                yield page, page
        else:
            grey = opts.preprocess.colour_marks == "off"  # as ocr_file reads them
            yield from zip(iter_pages(file, opts.dpi, max_pixels=opts.max_pixels, grey=grey),
                           iter_pages(file, render, max_pixels=opts.max_pixels, grey=None),
                           strict=True)

    def pdf_pages() -> Iterator[Any]:
        for scan, shown in rasters():
            result = ocr_page(scan, file, opts)
            results.append(dataclasses.replace(result, words=[]))
            if shown.image is not None:
                repaired = repair_page(result, repair) if repair and not result.error else None
                yield facts.pdf_page(shown, result, repaired, ocr_dpi=opts.dpi)

    write_pdf(pdf_pages(), target, title=file.stem)
    return OcrDocument(str(file), results)


def page_result(page: Any, name: str, *, keep_words: bool) -> PageResult:
    """A page of the OCR stage's result as plain data; a failed or timed-out page keeps the
    error entry naming the file and page."""
    error = None
    if isinstance(page.error, BaseException):
        error = ErrorEntry.from_exception(page.error, file=name, page=page.number)
    elif page.error is not None or getattr(page, "timed_out", False):
        kind = getattr(page, "error_kind", None) or "OcrError"
        error = ErrorEntry(name, page.number, kind, str(page.error or "timed out"))
    words = tuple(word_dict(page.number, word) for word in (page.words or [])) if keep_words \
        else ()
    return PageResult(page.number, "" if error else page.text or "",
                      float(getattr(page, "seconds", 0.0) or 0.0), error, words)


def word_dict(page: int, word: Any) -> dict[str, Any]:
    """A recognised word as plain JSON-ready data."""
    box = getattr(word, "box", None)
    return {"page": page, "text": word.text, "box": list(box) if box is not None else None,
            "conf": getattr(word, "conf", None), "block": getattr(word, "block", None),
            "line": getattr(word, "line", None)}


def mean_confidence(repaired: Any) -> float | None:
    """Mean confidence of the repaired tokens (None when the engine reports none)."""
    scores = [float(t.confidence) for t in getattr(repaired, "tokens", None) or []
              if getattr(t, "confidence", None) is not None]
    return sum(scores) / len(scores) if scores else None
