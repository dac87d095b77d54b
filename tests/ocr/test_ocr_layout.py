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


def test_issuer_printed_close_to_the_national_name_is_cut_off() -> None:
    """The first header row's column gap is narrower than a column break, but it lies in the
    free band of the two-column rows under it."""
    words = _line(100, 100, "THỦ TƯỚNG CHÍNH PHỦ") + _line(100, 570, "CỘNG HÒA XÃ HỘI")
    words += _line(160, 100, "Số: 1/CĐ-TTg") + _line(160, 620, "Độc lập - Tự do")
    blocks = order_blocks(words)
    assert [b.text for b in blocks] == [
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 1/CĐ-TTg",
        "CỘNG HÒA XÃ HỘI\nĐộc lập - Tự do",
    ]


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


def _engine_line(y: int, x: int, text: str, block: int, line: int, tilt: float = 0.0):
    """A line as Tesseract reports it: its ids on every word, the line rising by ``tilt``
    pixels per pixel to the right (a phone photo's perspective)."""
    return [
        OcrWord(w.text, (w.box[0], w.box[1] - round(tilt * (w.box[0] - x)), w.box[2],
                         w.box[3] - round(tilt * (w.box[0] - x))), w.conf, block, 1, line)
        for w in _line(y, x, text)
    ]  # fmt: skip


def test_small_print_closer_than_a_word_is_tall_keeps_its_lines() -> None:
    body = _engine_line(100, 100, "Căn cứ Luật Tổ chức chính quyền địa phương", 1, 1)
    recipients = ["Nơi nhận:", "- Bộ Công Thương;", "- Bộ Tư pháp;", "- Lưu: VT."]
    small = [w for i, t in enumerate(recipients) for w in _engine_line(200 + 22 * i, 100, t, 2, i)]
    assert page_text(body + small).splitlines()[-4:] == recipients


def test_a_tilted_line_stays_one_line() -> None:
    title = "CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH"
    words = _engine_line(100, 600, "QUYẾT ĐỊNH", 1, 1) + _engine_line(145, 100, title, 2, 1, 0.03)
    assert page_text(words).splitlines() == ["QUYẾT ĐỊNH", title]


def test_tone_marks_read_on_their_own_are_dropped() -> None:
    words = _engine_line(100, 100, "THUỘC THẨM QUYỀN GIẢI QUYẾT", 1, 1)
    marks = [OcrWord(t, (300 + 90 * i, 88, 310 + 90 * i, 95), 60.0, 2, 1, 1)
             for i, t in enumerate("2^~")]  # fmt: skip
    assert page_text(words + marks) == "THUỘC THẨM QUYỀN GIẢI QUYẾT"


def test_a_mark_without_letters_makes_no_column() -> None:
    """The edge of a photographed sheet read as ``|`` far left of a list line: the list is
    still one block, read before the signature row below it."""
    words = _line(100, 30, "|") + _line(100, 300, "- Văn phòng Quốc hội;")
    words += _line(150, 300, "- Các Bộ: Tài chính;")
    words += _line(200, 300, "- Thường trực Thành ủy;") + _line(200, 1400, "Phùng Thị Hà")
    texts = [b.text for b in order_blocks(words)]
    assert texts[0].splitlines()[1:] == ["- Các Bộ: Tài chính;", "- Thường trực Thành ủy;"]
    assert texts[-1] == "Phùng Thị Hà"


def test_a_line_lying_across_another_at_nearly_its_height_is_a_row_of_its_own() -> None:
    """A title line found only by re-reading uncovered ink (taller boxes, another block)
    just under a line of the first reading: the two are not merged word by word."""
    first = _line(100, 100, "ĐỔI BỔ SUNG TRONG LĨNH VỰC")
    again = [OcrWord(w.text, (w.box[0] + 9, 104, w.box[2] + 9, 104 + 2 * H), 93.0, 1000, 1, 1)
             for w in _line(0, 100, "CÔNG NGHỆ THUỘC PHẠM VI")]  # fmt: skip
    assert page_text(first + again + _line(400, 100, "Căn cứ")).splitlines()[:2] == [
        "ĐỔI BỔ SUNG TRONG LĨNH VỰC",
        "CÔNG NGHỆ THUỘC PHẠM VI",
    ]
