"""Black-and-white scans stay 1-bit (CCITT G4) in the searchable PDF, text layer and all."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np
import pypdf
import pytest
from PIL import Image

from ocrfix.output.bilevel import bilevel_pages
from ocrfix.output.searchable_pdf import PdfPage, pdf_bytes
from ocrfix.synth import write_pdf


def fax_like(width: int = 1240, height: int = 1754) -> np.ndarray:
    """White paper with black bars, as a 150-dpi fax rasterises (grey H×W)."""
    image = np.full((height, width), 255, np.uint8)
    for top in range(200, 1400, 80):
        image[top : top + 30, 150:1100] = 0
    return image


def test_black_and_white_pages_are_found_in_pdfs_and_tiffs(tmp_path: Path) -> None:
    bw, grey = Image.new("1", (620, 877), 1), Image.linear_gradient("L").resize((620, 877))
    pdf = tmp_path / "mixed.pdf"
    write_pdf(pdf, [grey, bw], dpi=75)
    tiff = tmp_path / "fax.tif"
    bw.save(tiff, compression="tiff_deflate", save_all=True, append_images=[grey, bw])
    png = tmp_path / "scan.png"
    grey.save(png)
    assert bilevel_pages(pdf) == {2}
    assert bilevel_pages(tiff) == {1, 3}
    assert bilevel_pages(png) == set()


def test_a_black_and_white_page_is_stored_in_one_bit() -> None:
    words = [[("Việt", (150, 200, 500, 230)), ("Nam", (550, 200, 800, 230))]]
    pages = [PdfPage(fax_like(), 150, words, skew=0.4, bilevel=True), PdfPage(fax_like(), 150)]
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(pages)))
    kinds = []
    for page in reader.pages:
        (image,) = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
        kinds.append((image["/BitsPerComponent"], str(image["/Filter"])))
    assert kinds == [(1, "['/CCITTFaxDecode']"), (8, "['/DCTDecode']")]
    assert float(reader.pages[0].mediabox.width) == pytest.approx(595.2)


@pytest.mark.poppler
def test_the_text_layer_survives_the_swap(tmp_path: Path) -> None:
    words = [[("Việt", (150, 200, 500, 230)), ("Nam", (550, 200, 800, 230))]]
    path = tmp_path / "fax.pdf"
    path.write_bytes(pdf_bytes([PdfPage(fax_like(), 150, words, bilevel=True)]))
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert out.stdout.split() == ["Việt", "Nam"]
