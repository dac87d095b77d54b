"""Image-only PDFs of synthetic scans, and the one-call synthetic_scan."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from ocrfix.synth import pdf_bytes, write_pdf
from ocrfix.synth.scan import synthetic_scan

TEXT = "\n".join([
    "ỦY BAN NHÂN DÂN",
    "XÃ TÂN HỢP",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/TB-UBND",
    "Tân Hợp, ngày 5 tháng 12 năm 2025",
    "THÔNG BÁO",
    "Về việc tiếp công dân định kỳ",
    "Ủy ban nhân dân xã thông báo lịch tiếp công dân định kỳ tháng 12 năm 2025.",
    "Nơi nhận:",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Lê Văn An",
])


def test_pdf_has_one_a4_page_per_image_and_no_text_layer(tmp_path):
    office = synthetic_scan(TEXT, kind="office", seed=1, dpi=150)
    fax = synthetic_scan(TEXT, kind="fax", seed=1, dpi=150)
    path = tmp_path / "scan.pdf"
    write_pdf(path, [office.image, fax.image], dpi=[office.scan.dpi, fax.scan.dpi])
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595) < 3 and abs(height - 842) < 3
        assert page.extract_text().strip() == ""


def test_empty_pdf_is_refused():
    with pytest.raises(ValueError):
        pdf_bytes([], dpi=200)


def test_synthetic_scan_truth_and_params():
    scan = synthetic_scan(TEXT, kind="office", seed=5, dpi=150)
    assert scan.truth.splitlines()[0] == "ỦY BAN NHÂN DÂN"
    assert scan.truth.splitlines()[-1] == "Lê Văn An"
    assert abs(scan.params["skew"]) <= 3 and scan.image.mode == "L"
    assert synthetic_scan(TEXT, kind="office", seed=5, dpi=150).image.tobytes() == \
        scan.image.tobytes()
    plain = synthetic_scan(TEXT, layout="plain", kind="clean", dpi=100)
    assert plain.truth.split() == TEXT.split()
    assert len(io.BytesIO(pdf_bytes([plain.image], dpi=100)).getvalue()) > 1000
