"""Fake engines for batch tests: no Tesseract, no models, deterministic, picklable.

Named by ``--plugin batch_fakes:FAKE`` (with ``tests/batch`` on PYTHONPATH) so that worker
processes, CLI subprocesses and Dask workers load the same engines.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from types import SimpleNamespace

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from ocrfix.exceptions import EncodingError, InputError, MissingDependencyError
from ocrfix.pipeline import RunOptions, Stages

NUMBER = re.compile(r"\b\d+/[\w/-]+")


@dataclass
class FakePage:
    number: int
    text: str = ""
    words: list = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None
    timed_out: bool = False
    seconds: float = 0.0


@dataclass
class FakeDocument:
    pages: list[FakePage]

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages if p.error is None)


def read_text(path: str) -> str:
    with open(path, "rb") as handle:
        data = handle.read()
    if b"\x00" in data:
        raise EncodingError("binary data, not text", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingError("not UTF-8", path=path) from exc


def ocr(path: str, options: RunOptions, numbers=None) -> FakeDocument:
    """PDF pages' text layers (pypdf), just ``numbers`` when given, with failures as the real
    stage reports them.

    A page whose text says ``TIMEOUT`` times out, one saying ``CORRUPT`` makes the whole file
    fail; an image file gives one page naming it.
    """
    if not path.lower().endswith(".pdf"):
        return FakeDocument([FakePage(1, f"Ảnh {os.path.basename(path)}", seconds=0.01)])
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise InputError("encrypted PDF", path=path)
        texts = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise InputError(f"corrupt PDF: {exc}", path=path) from exc
    if not texts:
        raise InputError("PDF has no pages", path=path)
    if any("CORRUPT" in text for text in texts):
        raise InputError("corrupt stream", path=path)
    pages = []
    for number, text in enumerate(texts, 1):
        if numbers is not None and number not in numbers:
            continue
        if "TIMEOUT" in text:
            pages.append(FakePage(number, error="timed out", error_kind="OcrError",
                                  timed_out=True, seconds=0.02))
        else:
            pages.append(FakePage(number, text, seconds=0.01))
    return FakeDocument(pages)


def logged_ocr(path: str, options: RunOptions, numbers=None) -> FakeDocument:
    """:func:`ocr`, taking ``FAKE_DELAY`` seconds a page and appending each page it OCRs as
    ``name:page`` lines to the file ``FAKE_OCR_LOG`` names (to see what a rerun redoes)."""
    document = ocr(path, options, numbers)
    log = os.environ.get("FAKE_OCR_LOG")
    for page in document.pages:
        time.sleep(float(os.environ.get("FAKE_DELAY", "0")))
        if log:
            line = f"{os.path.basename(path)}:{page.number}\n".encode()
            fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)
    return document


def repair(text: str) -> SimpleNamespace:
    tokens = [SimpleNamespace(confidence=0.5 if "?" in w else 0.9) for w in text.split()]
    return SimpleNamespace(text=text.replace("Cong van", "Công văn"), tokens=tokens)


def extract(text: str, source: str | None, raw: str | None = None) -> dict:
    numbers = NUMBER.findall(text)
    recipients = [line[1:].strip(" ;") for line in text.splitlines() if line.startswith("-")]
    return {
        "doc_type": "Công văn" if "Công văn" in text else None,
        "number": numbers[0] if numbers else None,
        "signer": {"name": "Nguyễn Văn A", "capacity": ["KT. CHỦ TỊCH"]},
        "references": [{"doc_type": None, "number": n, "date": None, "issuer": None}
                       for n in numbers[1:]],
        "recipients": recipients,
        "confidence": {"number": 0.9},
    }


def crash_or_read(path: str) -> str:
    """Kills its worker process on a file saying CRASH (a native library crash)."""
    text = read_text(path)
    if "CRASH" in text:
        os._exit(3)
    return text


def no_tesseract(path: str, options: RunOptions, numbers=None) -> FakeDocument:
    raise MissingDependencyError("tesseract is not installed")


def slow_extract(text: str, source: str | None, raw: str | None = None) -> dict:
    time.sleep(float(os.environ.get("FAKE_DELAY", "0.25")))
    return extract(text, source, raw)


FAKE = Stages(read_text=read_text, ocr=ocr, repair=repair, extract=extract)
SLOW = Stages(read_text=read_text, ocr=ocr, repair=repair, extract=slow_extract)
CRASHY = Stages(read_text=crash_or_read, ocr=ocr, repair=repair, extract=extract)
PAGED = Stages(read_text=read_text, ocr=logged_ocr, repair=repair, extract=extract)
NO_TESSERACT = Stages(read_text=read_text, ocr=no_tesseract, repair=repair, extract=extract)
