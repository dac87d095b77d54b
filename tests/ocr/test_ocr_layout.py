"""Reading order: two-column header and footer split into blocks, left column first."""

from __future__ import annotations

import numpy as np
import pytest
from pagegen import admin_page

from ocrfix.ocr.layout import order_blocks, page_text
from ocrfix.ocr.model import OcrWord

H = 40  # word height in pixels


def _line(y: int, x: int, text: str) -> list[OcrWord]:
    words, cursor = [], x
    for token in text.split():
        width = 22 * len(token)
        words.append(OcrWord(token, (cursor, y, cursor + width, y + H), 95.0))
        cursor += width + 14
    return words


def _header_words() -> list[OcrWord]:
    rows = [
        ("BỘ TÀI CHÍNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("CỤC THUẾ", "Độc lập - Tự do - Hạnh phúc"),
        ("Số: 5348/CT-CS", "Hà Nội, ngày 20 tháng 11 năm 2025"),
    ]
    words = []
    for i, (left, right) in enumerate(rows):
        words += _line(100 + 60 * i, 100, left) + _line(100 + 60 * i, 1100, right)
    words += _line(280, 100, "V/v hướng dẫn góp vốn")  # under the left column only
    words += _line(420, 300, "Kính gửi: Thuế tỉnh Quảng Trị và các đơn vị liên quan.")
    return words


def test_header_columns_become_separate_blocks_left_first() -> None:
    blocks = order_blocks(_header_words())
    assert [b.kind for b in blocks] == ["left", "right", "rows"]
    assert blocks[0].text == "BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5348/CT-CS\nV/v hướng dẫn góp vốn"
    assert blocks[1].text.splitlines()[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert blocks[2].text.startswith("Kính gửi")


def test_no_line_glues_issuer_and_motto() -> None:
    for line in page_text(_header_words()).splitlines():
        assert not ("CHÍNH" in line and "CỘNG" in line)


def test_input_order_does_not_matter() -> None:
    words = _header_words()
    shuffled = [words[i] for i in np.random.default_rng(3).permutation(len(words))]
    assert page_text(shuffled) == page_text(words)


def test_single_column_text_keeps_its_lines() -> None:
    words = _line(100, 100, "Điều 1. Phạm vi điều chỉnh") + _line(160, 100, "Điều 2. Hiệu lực")
    assert page_text(words) == "Điều 1. Phạm vi điều chỉnh\nĐiều 2. Hiệu lực"


def test_empty_page_has_no_blocks() -> None:
    assert order_blocks([]) == [] and page_text([]) == ""


@pytest.mark.tesseract
def test_rendered_header_and_footer_come_out_in_reading_order() -> None:
    from ocrfix.ocr import OcrOptions
    from ocrfix.ocr.document import ocr_page
    from ocrfix.pages import Page

    image, order = admin_page()
    page = Page(1, np.asarray(image.convert("RGB")))
    result = ocr_page(page, path=__import__("pathlib").Path("admin.png"), options=OcrOptions())
    lines = [line for line in result.text.splitlines() if line.strip()]
    position = {text: lines.index(text) for text in order if text in lines}
    assert len(position) >= len(order) - 3  # a few lines may carry an OCR slip
    found = [text for text in order if text in position]
    assert [position[t] for t in found] == sorted(position[t] for t in found)
    assert not any("ỦY BAN NHÂN DÂN" in ln and "CỘNG HÒA" in ln for ln in lines)
