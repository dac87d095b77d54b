"""``ocr_file``: text layers, per-page failures and timeouts, with fake engines."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import numpy as np
import pytest
from pagegen import text_layer_pdf, text_page

from ocrfix.ocr import OcrOptions, OcrWord, ocr_file
from ocrfix.ocr.tesseract import EngineTimeout
from ocrfix.pages.errors import CorruptFileError


class EchoEngine:
    """Answers one word per page, telling the page's size; counts its calls."""

    name = "echo"

    def __init__(self) -> None:
        self.calls = 0

    def recognise(self, image: np.ndarray, *, lang: str, timeout: float | None, dpi: int):
        self.calls += 1
        return [OcrWord(f"trang{image.shape[1]}", (10, 10, 100, 40), 90.0)]


class SlowEngine:
    """Sleeps up to its budget, then gives up the way the Tesseract wrapper does."""

    name = "slow"

    def recognise(self, image: np.ndarray, *, lang: str, timeout: float | None, dpi: int):
        time.sleep(min(timeout or 0, 5.0))
        raise EngineTimeout(f"tesseract timed out after {timeout:g} s")


def _tiff(path: Path, count: int) -> Path:
    frames = [text_page([f"Trang {i}"], size=40, page=(600 + i, 300)) for i in range(count)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    return path


def test_fake_engine_pages_in_order_and_picklable(tmp_path: Path) -> None:
    engine = EchoEngine()
    doc = ocr_file(_tiff(tmp_path / "a.tif", 3), options=OcrOptions(engine=engine))
    assert [p.number for p in doc.pages] == [1, 2, 3]
    assert doc.text.split() == ["trang600", "trang601", "trang602"]
    assert doc.ok and engine.calls == 3
    assert pickle.loads(pickle.dumps(doc)).text == doc.text


def test_timeout_flags_the_page_and_does_not_crash(tmp_path: Path) -> None:
    options = OcrOptions(engine=SlowEngine(), page_timeout=0.2)
    start = time.perf_counter()
    doc = ocr_file(_tiff(tmp_path / "slow.tif", 2), options=options)
    assert time.perf_counter() - start < 3
    assert [p.timed_out for p in doc.pages] == [True, True]
    assert doc.errors[0].startswith(f"{tmp_path / 'slow.tif'} (page 1): tesseract timed out")
    assert doc.pages[1].error_kind == "EngineTimeout"


@pytest.mark.tesseract
def test_real_tesseract_timeout_is_a_flagged_page(tmp_path: Path) -> None:
    path = tmp_path / "page.png"
    text_page(["Căn cứ Luật Tổ chức chính quyền địa phương"] * 30).save(path)
    doc = ocr_file(path, options=OcrOptions(page_timeout=0.05))
    assert doc.pages[0].timed_out and "timed out" in doc.errors[0]


@pytest.mark.poppler
def test_text_layer_is_used_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "born-digital.pdf"
    path.write_bytes(text_layer_pdf(["Decision 84 on public assets", "Article 1. Scope"]))
    engine = EchoEngine()
    doc = ocr_file(path, options=OcrOptions(engine=engine))
    assert doc.pages[0].source == "text-layer" and engine.calls == 0
    assert "Decision 84 on public assets" in doc.text
    forced = ocr_file(path, options=OcrOptions(engine=engine, force_ocr=True, dpi=50))
    assert forced.pages[0].source == "ocr" and engine.calls == 1


@pytest.mark.poppler
def test_only_pages_without_text_layer_are_rasterised(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    layer = tmp_path / "layer.pdf"
    layer.write_bytes(text_layer_pdf(["Decision 84 on public assets", "Article 1. Scope"]))
    scan = tmp_path / "scan.pdf"
    text_page(["Trang quét"], size=40, page=(600, 300)).save(scan)
    writer = PdfWriter()
    for source in (layer, scan):
        writer.add_page(PdfReader(source).pages[0])
    mixed = tmp_path / "mixed.pdf"
    with open(mixed, "wb") as handle:
        writer.write(handle)
    engine = EchoEngine()
    doc = ocr_file(mixed, options=OcrOptions(engine=engine, dpi=72))
    assert [p.source for p in doc.pages] == ["text-layer", "ocr"] and engine.calls == 1


def test_corrupt_page_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "cut.png"
    text_page(["Trang"], size=40, page=(600, 300)).save(path)
    path.write_bytes(path.read_bytes()[:150])
    doc = ocr_file(path, options=OcrOptions(engine=EchoEngine()))
    assert doc.pages[0].error_kind == CorruptFileError.__name__
    assert "(page 1)" in doc.errors[0]


def test_debug_images_are_written_per_page_and_step(tmp_path: Path) -> None:
    folder = tmp_path / "debug"
    options = OcrOptions(engine=EchoEngine(), debug_images=str(folder))
    ocr_file(_tiff(tmp_path / "d.tif", 2), options=options)
    names = sorted(p.name for p in folder.iterdir())
    assert "d-p0001-00-input.png" in names and "d-p0002-01-grey.png" in names
