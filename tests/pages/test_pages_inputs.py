"""Input kinds by content, page streaming, and a clear error for every bad input."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from pagegen import text_layer_pdf, text_page
from PIL import Image
from pypdf import PdfReader, PdfWriter

from ocrfix.exceptions import InputError
from ocrfix.pages import Kind, detect_kind, iter_pages, text_layer
from ocrfix.pages.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedPdfError,
    ImageTooLargeError,
    NoPagesError,
    UnknownFormatError,
)


def _small(text: str = "Trang một") -> Image.Image:
    return text_page([text], size=40, page=(600, 300))


def test_kind_is_read_from_content_not_name(tmp_path: Path) -> None:
    png_named_jpg = tmp_path / "scan.jpg"
    _small().save(png_named_jpg, format="PNG")
    assert detect_kind(png_named_jpg) is Kind.PNG


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_single_image_gives_one_rgb_page(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"p.{fmt.lower()}"
    _small().save(path, format=fmt)
    pages = list(iter_pages(path))
    assert [p.number for p in pages] == [1]
    assert pages[0].image.shape == (300, 600, 3)
    assert pages[0].image.dtype == np.uint8


def test_multipage_tiff_streams_each_frame(tmp_path: Path) -> None:
    path = tmp_path / "m.tif"
    frames = [_small("một"), _small("hai").rotate(90, expand=True), _small("ba")]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    pages = list(iter_pages(path))
    assert [p.number for p in pages] == [1, 2, 3]
    assert pages[1].image.shape[:2] == (600, 300)
    assert [p.number for p in iter_pages(path, only={3})] == [3]


@pytest.mark.poppler
def test_pdf_is_rasterised_page_by_page_at_the_dpi(tmp_path: Path) -> None:
    path = tmp_path / "two.pdf"
    first, second = _small("một"), _small("hai")
    first.save(path, save_all=True, append_images=[second], resolution=100)
    pages = iter_pages(path, dpi=50)
    page = next(pages)  # a generator: page 2 is not rendered yet
    assert page.number == 1 and page.image.shape[:2] == (150, 300)
    assert next(pages).number == 2


@pytest.mark.poppler
def test_text_layer_is_found_and_scans_have_none(tmp_path: Path) -> None:
    with_text = tmp_path / "text.pdf"
    with_text.write_bytes(text_layer_pdf(["Decision 84 of the People Committee", "Article 1"]))
    scan = tmp_path / "scan.pdf"
    _small().save(scan)
    assert "Decision 84 of the People Committee" in text_layer(with_text)[0]
    assert text_layer(scan) == [""]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyFileError, match="empty") as info:
        iter_pages(path)
    assert str(path) in str(info.value)


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("Công văn số 12\n", encoding="utf-8")
    with pytest.raises(UnknownFormatError, match="not a PDF or image"):
        iter_pages(path)


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        iter_pages(tmp_path / "absent.pdf")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage without xref\n")
    with pytest.raises(CorruptFileError, match="corrupt PDF") as info:
        iter_pages(path)
    assert info.value.path == str(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    with pytest.raises(EncryptedPdfError, match="password"):
        iter_pages(path)


def test_zero_page_pdf(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    path = tmp_path / "zero.pdf"
    path.write_bytes(buffer.getvalue())
    assert len(PdfReader(path).pages) == 0
    with pytest.raises(NoPagesError, match="no pages"):
        iter_pages(path)


def test_truncated_image_is_a_corrupt_page(tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    buffer = io.BytesIO()
    _small().save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue()[:200])
    (page,) = iter_pages(path)
    assert isinstance(page.error, CorruptFileError)
    assert str(page.error).startswith(f"{path} (page 1): cannot decode")


def test_garbled_image_header_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "bad.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    with pytest.raises(CorruptFileError, match="cannot decode image"):
        iter_pages(path)


def test_huge_image_is_refused_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    Image.new("1", (4000, 3000), 1).save(path)
    (page,) = iter_pages(path, max_pixels=1_000_000)
    assert page.image is None
    assert isinstance(page.error, ImageTooLargeError)
    assert "12,000,000 pixels" in str(page.error) and "page 1" in str(page.error)


@pytest.mark.poppler
def test_huge_pdf_page_is_refused_and_the_next_page_still_comes(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=14400, height=14400)  # 200 × 200 inches
    writer.add_blank_page(width=72, height=72)
    with open(path, "wb") as handle:
        writer.write(handle)
    first, second = iter_pages(path, dpi=300)
    assert isinstance(first.error, ImageTooLargeError) and "lower --dpi" in str(first.error)
    assert second.ok and second.image.shape[:2] == (300, 300)
