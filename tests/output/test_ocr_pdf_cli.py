"""``ocrfix ocr --format pdf`` end to end: a scan in, a searchable PDF of the repaired text out."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdf
import pytest

from ocrfix.cli import main
from ocrfix.synth import render_plain_page, write_pdf

STRIPPED = "Cong hoa xa hoi chu nghia Viet Nam"  # diacritics lost: repair restores them
REPAIRED = "Cộng hòa xã hội chủ nghĩa Việt Nam"
SECOND = "Điều 1. Quyết định này có hiệu lực kể từ ngày ký."


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-page 200-dpi A4 scan."""
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    pages = [render_plain_page([t], dpi=200, size_pt=14).image for t in (STRIPPED, SECOND)]
    write_pdf(path, pages, dpi=200)
    return path


def pdftotext(path: Path, page: int) -> str:
    args = ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"]
    return " ".join(subprocess.run(args, capture_output=True, text=True, check=True).stdout.split())


def test_help_shows_a_pdf_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ocr", "--help"]) == 0
    assert "ocrfix ocr scan.pdf --format pdf -o scan-ocr.pdf" in capsys.readouterr().out


def test_pdf_needs_an_output_file(scan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ocr", str(scan), "--format", "pdf"]) == 2
    assert "--format pdf needs -o" in capsys.readouterr().err


@pytest.mark.tesseract
@pytest.mark.poppler
@pytest.mark.parametrize("raw", [False, True])
def test_searchable_pdf_carries_the_repaired_text(scan: Path, tmp_path: Path, raw: bool) -> None:
    out = tmp_path / "out.pdf"
    assert main(["ocr", str(scan), "--format", "pdf", "-o", str(out), *(["--raw"] * raw)]) == 0
    source, made = pypdf.PdfReader(scan), pypdf.PdfReader(out)
    assert len(made.pages) == 2
    for a, b in zip(source.pages, made.pages, strict=True):
        assert float(b.mediabox.width) == pytest.approx(float(a.mediabox.width), abs=0.5)
        assert float(b.mediabox.height) == pytest.approx(float(a.mediabox.height), abs=0.5)
        # rasterised at 300 dpi for OCR, stored at the scan's 200
        assert [i.image.size for i in b.images] == [i.image.size for i in a.images]
    assert pdftotext(out, 1) == (STRIPPED if raw else REPAIRED)
    assert pdftotext(out, 2) == SECOND


@pytest.mark.tesseract
def test_tsv_has_the_repaired_words_beside_the_raw(
    scan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ocr", str(scan), "--format", "tsv", "--dpi", "150"]) == 0
    rows = [r.split("\t") for r in capsys.readouterr().out.splitlines()]
    assert rows[0][-3:] == ["text", "repaired", "repair_conf"]
    pairs = {(r[-3], r[-2]) for r in rows[1:]}
    assert {("Cong", "Cộng"), ("Viet", "Việt"), ("Điều", "Điều")} <= pairs
