"""PDF pages are stored at the resolution they were scanned at, whatever OCR rasterised."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from ocrfix.ocr import OcrDocument, OcrPage, OcrWord
from ocrfix.output.resolution import scan_dpis
from ocrfix.output.searchable_pdf import document_pdf
from ocrfix.synth import write_pdf


def scan(path: Path, dpis: list[int]) -> Path:
    """A PDF of blank A4 pages scanned at ``dpis``."""
    pages = [Image.new("L", (round(8.27 * d), round(11.69 * d)), 255) for d in dpis]
    write_pdf(path, pages, dpi=dpis)
    return path


def test_each_page_gives_its_own_resolution(tmp_path: Path) -> None:
    path = scan(tmp_path / "scan.pdf", [200, 150])
    writer = pypdf.PdfWriter(clone_from=path)
    writer.add_blank_page(595, 842)
    writer.write(path)
    assert scan_dpis(path) == {1: pytest.approx(200, abs=0.5), 2: pytest.approx(150, abs=0.5),
                               3: None}  # fmt: skip


def test_a_logo_is_not_a_scan(tmp_path: Path) -> None:
    path = tmp_path / "logo.pdf"
    Image.new("L", (300, 120), 0).save(path, resolution=300)  # a 1 x 0.4 inch page
    writer = pypdf.PdfWriter(clone_from=path)
    writer.pages[0].mediabox = pypdf.generic.RectangleObject([0, 0, 595, 842])  # on A4
    writer.write(path)
    assert scan_dpis(path) == {1: None}


def test_images_and_unreadable_files_give_none(tmp_path: Path) -> None:
    png = tmp_path / "scan.png"
    Image.new("L", (100, 100), 255).save(png)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n")
    assert scan_dpis(png) == {} and scan_dpis(broken) == {}


@pytest.mark.poppler
@pytest.mark.parametrize("dpis", [[200, 200], [200, 150]])
def test_pages_keep_their_scan_resolution_size_and_words(tmp_path: Path, dpis: list[int]) -> None:
    source = scan(tmp_path / "scan.pdf", dpis)
    words = [OcrWord("Việt", (300, 300, 420, 350), 90), OcrWord("Nam", (440, 300, 540, 350), 90)]
    document = OcrDocument(str(source), [OcrPage(n, "Việt Nam", words) for n in (1, 2)])
    out = tmp_path / "out.pdf"
    out.write_bytes(document_pdf(source, document, None, dpi=300) or b"")
    made, read = pypdf.PdfReader(out), pypdf.PdfReader(source)
    for a, b in zip(read.pages, made.pages, strict=True):
        (got,), (want,) = [i.image.size for i in b.images], [i.image.size for i in a.images]
        assert max(abs(g - w) for g, w in zip(got, want, strict=True)) <= 1  # resampling rounds
        assert float(b.mediabox.width) == pytest.approx(float(a.mediabox.width), abs=0.5)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert text.split() == ["Việt", "Nam", "Việt", "Nam"]
