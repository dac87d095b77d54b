"""Searchable PDFs of long documents: written part by part (bounded memory), and made in the
same pass as the OCR, each page rasterised once where the PDF keeps the OCR's raster."""

from __future__ import annotations

import subprocess
import weakref
from pathlib import Path
from typing import Any

import numpy as np
import pypdf
import pytest
from PIL import Image

import ocrfix.pages
from ocrfix.exceptions import InputError
from ocrfix.ocr import OcrOptions, OcrWord, ocr_file
from ocrfix.output import searchable_pdf
from ocrfix.output.searchable_pdf import PdfPage, document_pdf, pdf_bytes, write_pdf
from ocrfix.pipeline import ocr_to_pdf
from ocrfix.synth import write_pdf as write_pdf_scan


def page(number: int, rotation: int = 0) -> PdfPage:
    """A 100-dpi A4 page whose one word is its number."""
    image = np.full((1170, 827), 250, np.uint8)
    return PdfPage(image, 100, [[(f"trang{number}", (100, 100, 300, 140))]], rotation=rotation)


def pdftotext(path: Path, number: int) -> str:
    args = ["pdftotext", "-f", str(number), "-l", str(number), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.poppler
def test_a_long_pdf_is_joined_from_parts_in_page_order(tmp_path: Path) -> None:
    target = tmp_path / "out" / "long.pdf"
    rotations = [0, 90, 0, 180, 0]
    pages = (page(n, r) for n, r in enumerate(rotations, 1))
    assert write_pdf(pages, target, part_pages=2) == 5
    reader = pypdf.PdfReader(target)
    assert [p.rotation for p in reader.pages] == rotations
    assert [pdftotext(target, n) for n in range(1, 6)] == [f"trang{n}" for n in range(1, 6)]
    assert [p.name for p in target.parent.iterdir()] == ["long.pdf"]  # no parts left


def test_without_poppler_the_parts_are_joined_by_pypdf(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searchable_pdf.shutil, "which", lambda name: None)
    target = tmp_path / "long.pdf"
    assert write_pdf((page(n, 90 * (n == 2)) for n in (1, 2, 3)), target, part_pages=1) == 3
    reader = pypdf.PdfReader(target)
    assert [p.rotation for p in reader.pages] == [0, 90, 0]
    assert [p.extract_text().strip() for p in reader.pages] == ["trang1", "trang2", "trang3"]


def test_a_short_pdf_has_the_bytes_of_pdf_bytes(tmp_path: Path) -> None:
    target = tmp_path / "short.pdf"
    assert write_pdf([page(1), page(2)], target, title="short") == 2
    assert target.read_bytes() == pdf_bytes([page(1), page(2)], title="short")


def test_no_pages_write_no_file(tmp_path: Path) -> None:
    assert write_pdf(iter(()), tmp_path / "none.pdf") == 0
    assert list(tmp_path.iterdir()) == []


def test_pages_are_let_go_as_they_are_drawn(tmp_path: Path) -> None:
    """Memory is a few pages, not a part: a part's pages are not collected before drawing."""
    images: list[weakref.ref] = []
    alive = []
    saved = []

    def pages() -> Any:
        for n in range(1, 9):
            alive.append(sum(ref() is not None for ref in images))
            saved.append(len([p for d in tmp_path.iterdir() if d.is_dir() for p in d.iterdir()]))
            made = page(n)
            images.append(weakref.ref(made.image))
            yield made

    assert write_pdf(pages(), tmp_path / "out.pdf", part_pages=4) == 8
    assert max(alive) <= 2
    assert saved == [0, 0, 0, 0, 1, 1, 1, 1]  # a part is on disk before the next is drawn


class WordPerLine:
    """A fake OCR engine: one word, ``Dòng``, in the page's top left corner."""

    name = "fake"

    def recognise(self, image: np.ndarray, **kwargs: Any) -> list[OcrWord]:
        return [OcrWord("Dòng", (60, 60, 260, 110), 90.0, 1, 1, 1)]


def scan_png(path: Path) -> Path:
    """A 100-dpi A4 page with a line of "ink"."""
    rng = np.random.default_rng(3)
    pixels = np.full((1170, 827), 245, np.uint8)
    pixels[200:260, 100:700] = rng.integers(0, 80, (60, 600))
    Image.fromarray(pixels).save(path.with_suffix(".png"), dpi=(100, 100))
    return path.with_suffix(".png")


def scan_pdf(path: Path) -> Path:
    """A 200-dpi scan: OCR reads it at 300 dpi, the PDF keeps its own 200."""
    write_pdf_scan(path.with_suffix(".pdf"), [Image.open(scan_png(path))], dpi=200)
    return path.with_suffix(".pdf")


@pytest.mark.parametrize(("make", "rasterised"),
                         [(scan_png, 1), pytest.param(scan_pdf, 2, marks=pytest.mark.poppler)])
def test_one_pass_rasterises_each_page_once_and_matches_two_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Any, rasterised: int
) -> None:
    """An image file is read once, for OCR and the PDF; a scan stored at a lower resolution
    than the OCR's is decoded again at its own (its pixels kept as they are)."""
    scan = make(tmp_path / "scan")
    options = OcrOptions(engine=WordPerLine())
    document = ocr_file(scan, options=options)
    two_passes = document_pdf(scan, document, None, dpi=300)
    calls = []
    real = ocrfix.pages.iter_pages

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(ocrfix.pages, "iter_pages", counted)
    target = tmp_path / "scan.pdf"
    result = ocr_to_pdf(scan, target, options)
    assert len(calls) == rasterised
    assert target.read_bytes() == two_passes
    assert [p.number for p in result.pages] == [1] and result.pages[0].words == []
    made = pypdf.PdfReader(target).pages[0]
    assert "Dòng" in made.extract_text()
    assert [image.image.size for image in made.images] == [(827, 1170)]  # the scan's pixels


def test_one_pass_reports_a_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj <<>>\n%%EOF")
    with pytest.raises(InputError, match=r"bad\.pdf"):
        ocr_to_pdf(bad, tmp_path / "out.pdf", OcrOptions(engine=WordPerLine()))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.pdf"]
