"""Page scope and page counts: what lets the batch runner OCR a long document in ranges."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pagegen import text_layer_pdf, text_page
from pypdf import PdfReader, PdfWriter

from ocrfix.pages import iter_pages, page_count, page_scope, text_layer
from ocrfix.pages.errors import CorruptFileError
from ocrfix.pages.scope import current_scope


def three_page_tiff(path: Path) -> Path:
    frames = [text_page([word], size=40, page=(400, 200)) for word in ("một", "hai", "ba")]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    return path


def three_page_pdf(path: Path) -> Path:
    writer = PdfWriter()
    for n in (1, 2, 3):
        writer.append(PdfReader(io.BytesIO(text_layer_pdf([f"Article {n} of the Decision 84"]))))
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def test_scope_narrows_the_pages_read(tmp_path: Path) -> None:
    path = three_page_tiff(tmp_path / "m.tif")
    with page_scope({2, 3}):
        assert [p.number for p in iter_pages(path)] == [2, 3]
        assert [p.number for p in iter_pages(path, only={1, 3})] == [3]
        with page_scope(None):
            assert current_scope() is None
        assert current_scope() == {2, 3}
    assert current_scope() is None
    assert [p.number for p in iter_pages(path)] == [1, 2, 3]


def test_page_count(tmp_path: Path) -> None:
    assert page_count(three_page_tiff(tmp_path / "m.tif")) == 3
    assert page_count(three_page_pdf(tmp_path / "m.pdf")) == 3
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage\n%%EOF")
    with pytest.raises(CorruptFileError):
        page_count(tmp_path / "bad.pdf")


@pytest.mark.poppler
def test_text_layer_in_a_scope_reads_only_its_pages(tmp_path: Path) -> None:
    path = three_page_pdf(tmp_path / "m.pdf")
    whole = text_layer(path)
    assert all(f"Article {n}" in whole[n - 1] for n in (1, 2, 3))
    with page_scope({2, 3}):
        assert text_layer(path) == ["", whole[1], whole[2]]
    with page_scope({7}):
        assert text_layer(path) == ["", "", ""]


@pytest.mark.poppler
def test_the_ocr_stage_in_a_scope_returns_only_its_pages(tmp_path: Path) -> None:
    from ocrfix.pipeline import RunOptions, ocr_pages

    path = three_page_pdf(tmp_path / "m.pdf")
    pages = ocr_pages(path, RunOptions(), {2, 3})  # text layers: no Tesseract needed
    assert [(p.number, p.text.split()[:2]) for p in pages] == [(2, ["Article", "2"]),
                                                             (3, ["Article", "3"])]


@pytest.mark.poppler
def test_image_only_pages_skip_pdftotext(tmp_path: Path, monkeypatch) -> None:
    import ocrfix.pages.pdf as pdf

    scan = tmp_path / "scan.pdf"
    frames = [text_page(["một"], size=40, page=(400, 200)), text_page(["hai"], size=40,
                                                                       page=(400, 200))]
    frames[0].save(scan, save_all=True, append_images=frames[1:], resolution=100)
    mixed = tmp_path / "mixed.pdf"
    writer = PdfWriter()
    writer.append(PdfReader(scan))
    writer.append(PdfReader(io.BytesIO(text_layer_pdf(["Article 3 of the Decision 84"]))))
    with open(mixed, "wb") as handle:
        writer.write(handle)
    calls = []
    real = pdf.subprocess.run
    monkeypatch.setattr(pdf.subprocess, "run", lambda args, **kw: calls.append(args) or real(
        args, **kw))
    assert text_layer(scan) == ["", ""] and calls == []
    layer = text_layer(mixed)
    assert layer[:2] == ["", ""] and "Article 3" in layer[2]
    assert [a[a.index("-f") + 1:a.index("-l") + 2] for a in calls] == [["3", "-l", "3"]]
