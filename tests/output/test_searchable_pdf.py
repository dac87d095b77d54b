"""Searchable PDF: page images at their real size under an invisible, extractable text layer."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pypdf
import pytest
from PIL import Image

from ocrfix.output.jpeg import is_grey, jpeg_bytes
from ocrfix.output.searchable_pdf import PdfPage, pdf_bytes

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
BODY = ["Điều 1. Quyết định này có hiệu lực kể từ ngày ký.", "Nơi nhận: như Điều 2."]


def row(text: str, x: int, y: int, char: int = 18) -> list[tuple[str, tuple[int, int, int, int]]]:
    """A line's words with boxes as OCR would give them (40 px tall, 18 px a letter)."""
    words = []
    for word in text.split():
        words.append((word, (x, y, x + char * len(word), y + 40)))
        x += char * (len(word) + 1)
    return words


def reading_order() -> list[list[tuple[str, tuple[int, int, int, int]]]]:
    """Left header column, right header column, then the body: as ``ocrfix.ocr.layout``."""
    left = [row(t, 100, 100 + 60 * i) for i, t in enumerate(HEADER_LEFT)]
    right = [row(t, 900, 100 + 60 * i, char=14) for i, t in enumerate(HEADER_RIGHT)]
    body = [row(t, 100, 400 + 60 * i) for i, t in enumerate(BODY)]
    return [*left, *right, *body]


def paper(width: int = 1654, height: int = 2339, colour: bool = False) -> np.ndarray:
    """A blank A4 page at 200 dpi."""
    return np.full((height, width, 3) if colour else (height, width), 250, np.uint8)


def pdftotext(pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_grey_scans_are_stored_grey_and_colour_kept() -> None:
    grey_rgb = np.dstack([paper()] * 3)
    seal = grey_rgb.copy()
    seal[1500:1900, 1000:1400] = (200, 30, 30)
    assert is_grey(grey_rgb) and not is_grey(seal)
    assert Image.open(io.BytesIO(jpeg_bytes(grey_rgb))).mode == "L"
    assert Image.open(io.BytesIO(jpeg_bytes(seal))).mode == "RGB"


def test_pages_keep_their_count_and_real_size() -> None:
    pages = [PdfPage(paper(), 200, reading_order()), PdfPage(paper(2550, 3300), 300)]
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(pages)))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert sizes == [pytest.approx((595.44, 842.04), abs=0.01), (612.0, 792.0)]


def test_the_font_is_embedded_with_a_unicode_map() -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes([PdfPage(paper(), 200, reading_order())])))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        assert "DejaVuSans" in font["/BaseFont"] and "/ToUnicode" in font
        assert "/FontFile2" in font["/FontDescriptor"]


def test_an_empty_document_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one page"):
        pdf_bytes([])


@pytest.mark.poppler
def test_pdftotext_reads_the_words_in_reading_order(tmp_path: Path) -> None:
    pdf = pdf_bytes([PdfPage(paper(colour=True), 200, reading_order())])
    raw = pdftotext(pdf, tmp_path, "-raw").split("\n")
    assert raw[:6] == [*HEADER_LEFT, *HEADER_RIGHT, *BODY]
    text = pdftotext(pdf, tmp_path)
    assert "TỈNH HÀ TĨNH" in text and "ỦY BAN NHÂN DÂN CỘNG" not in text  # columns apart
    assert "Điều 1. Quyết định này có hiệu lực kể từ ngày ký." in text


@pytest.mark.poppler
@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_turned_page_is_shown_upright_with_its_text(rotation: int, tmp_path: Path) -> None:
    sideways = rotation in (90, 270)
    image = paper(2339, 1654) if sideways else paper()
    pdf = pdf_bytes([PdfPage(image, 200, reading_order(), rotation=rotation, skew=1.5)])
    assert pdftotext(pdf, tmp_path, "-raw").split("\n")[:6] == [*HEADER_LEFT, *HEADER_RIGHT, *BODY]
    assert pypdf.PdfReader(io.BytesIO(pdf)).pages[0].rotation == rotation


@pytest.mark.poppler
def test_words_stay_apart_when_their_boxes_touch_or_overlap(tmp_path: Path) -> None:
    line = [("Như", (100, 100, 160, 140)), ("Điều", (160, 100, 240, 140)),
            ("HÀNH", (260, 100, 360, 140)), ("CHÍNH", (340, 100, 460, 140))]  # fmt: skip
    pdf = pdf_bytes([PdfPage(paper(), 200, [line])])
    assert pdftotext(pdf, tmp_path, "-raw").split() == ["Như", "Điều", "HÀNH", "CHÍNH"]


def test_the_same_pages_give_the_same_bytes() -> None:
    pages = [PdfPage(paper(), 200, reading_order(), skew=0.7)]
    first = pdf_bytes(pages, title="scan")
    assert first == pdf_bytes(pages, title="scan")
    reader = pypdf.PdfReader(io.BytesIO(first))
    assert reader.metadata.title == "scan" and reader.trailer["/Root"]["/Lang"] == "vi"
