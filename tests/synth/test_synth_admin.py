"""Administrative pages: parts found, two-column header/footer, truth in the documented order."""

from __future__ import annotations

import random
import unicodedata

import numpy as np

from ocrfix.synth.admin_page import render_admin_page
from ocrfix.synth.admin_parts import parse_admin
from ocrfix.synth.layout import a4_size, mm

DOC = "\n".join([
    "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
    "CỤC THỦY LỢI",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 217/TL-QLCT",
    "V/v báo cáo tình hình công trình thủy lợi mùa mưa bão",
    "Hà Nội, ngày 3 tháng 10 năm 2025",
    "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố.",
    "Thực hiện chỉ đạo của Bộ trưởng, Cục Thủy lợi đề nghị các địa phương rà soát hồ chứa.",
    "Đề nghị gửi báo cáo về Cục Thủy lợi trước ngày 15 tháng 10 năm 2025./.",
    "Nơi nhận:",
    "- Như trên;",
    "- Bộ trưởng (để b/c);",
    "- Lưu: VT, QLCT.",
    "KT. CỤC TRƯỞNG",
    "PHÓ CỤC TRƯỞNG",
    "Nguyễn Văn Bình",
    "PHỤ LỤC",
    "Danh sách hồ chứa",
])


def test_parse_finds_every_part():
    parts = parse_admin(DOC)
    assert parts.issuer == ["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CỤC THỦY LỢI"]
    assert parts.nation == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert parts.number == "Số: 217/TL-QLCT"
    assert parts.subject.startswith("V/v báo cáo")
    assert parts.place_date == "Hà Nội, ngày 3 tháng 10 năm 2025"
    assert parts.title == []
    assert parts.body[0].startswith("Kính gửi") and len(parts.body) == 3
    assert parts.recipients == ["Nơi nhận:", "- Như trên;", "- Bộ trưởng (để b/c);",
                                "- Lưu: VT, QLCT."]
    assert parts.signature == ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"]
    assert parts.signer == "Nguyễn Văn Bình"


def test_parse_keeps_a_title_and_wrapped_recipients():
    text = DOC.replace("V/v báo cáo tình hình công trình thủy lợi mùa mưa bão\n",
                       "").replace("Kính gửi", "QUYẾT ĐỊNH\nVề việc kiểm tra hồ chứa\nKính gửi")
    text = text.replace("- Như trên;", "- Ủy ban nhân dân các tỉnh,\nthành phố;")
    parts = parse_admin(text)
    assert parts.title == ["QUYẾT ĐỊNH", "Về việc kiểm tra hồ chứa"]
    assert parts.recipients[1:3] == ["- Ủy ban nhân dân các tỉnh,", "thành phố;"]
    assert parts.signer == "Nguyễn Văn Bình"


def test_parse_finds_the_signature_past_stray_lines_after_the_recipients():
    text = DOC.replace("- Như trên;", "- Các đồng chí Ủy viên\nBan Chấp hành Trung ương")
    text = text.replace("KT. CỤC TRƯỞNG", "05 bản, QĐ164.\nKý bởi: Trần Văn An\nKT. CỤC TRƯỞNG")
    parts = parse_admin(text)
    assert parts.recipients[1:3] == ["- Các đồng chí Ủy viên", "Ban Chấp hành Trung ương"]
    assert parts.signature == ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"]
    assert parts.signer == "Nguyễn Văn Bình"


def test_parse_finds_a_signature_closing_the_body_without_recipients():
    head, tail = DOC.split("Nơi nhận:\n")
    parts = parse_admin(head + tail.split("- Lưu: VT, QLCT.\n")[1])
    assert parts.recipients == []
    assert parts.body[-1].startswith("Đề nghị gửi")
    assert parts.signature == ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"]
    assert parts.signer == "Nguyễn Văn Bình"


def test_parse_splits_a_capacity_line_run_into_the_name_and_keeps_a_rank():
    merged = parse_admin(DOC.replace("PHÓ CỤC TRƯỞNG\nNguyễn", "PHÓ CỤC TRƯỞNG Nguyễn"))
    assert merged.signature == ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"]
    assert merged.signer == "Nguyễn Văn Bình"
    ranked = parse_admin(DOC.replace("Nguyễn Văn Bình", "Thượng tướng Nguyễn Văn Bình"))
    assert ranked.signer == "Thượng tướng Nguyễn Văn Bình"


def _page():
    return render_admin_page(DOC, dpi=100, size_pt=14, rng=random.Random(2))


def test_truth_order_is_left_header_right_header_body_footer_left_right():
    page = _page()
    lines = page.truth.splitlines()
    assert unicodedata.is_normalized("NFC", page.truth)
    assert lines[:2] == ["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CỤC THỦY LỢI"]
    assert lines.index("Số: 217/TL-QLCT") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert lines.index("Độc lập - Tự do - Hạnh phúc") < lines.index(
        "Hà Nội, ngày 3 tháng 10 năm 2025") < lines.index("Nơi nhận:")
    assert lines[-3:] == ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "Nguyễn Văn Bình"]
    assert "PHỤ LỤC" not in lines
    regions = [line.region for line in page.lines]
    order = ["header-left", "header-right", "body", "footer-left", "footer-right"]
    assert regions == sorted(regions, key=order.index)


def test_columns_sit_side_by_side():
    page = _page()
    by_text = {line.text: line.box for line in page.lines}
    issuer, nation = by_text["CỤC THỦY LỢI"], by_text["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert issuer[2] < nation[0]  # left column ends before the right one starts
    assert abs(by_text["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"][1] - nation[1]) <= 2  # same top
    recipients, signer = by_text["Nơi nhận:"], by_text["KT. CỤC TRƯỞNG"]
    assert recipients[2] < signer[0] and abs(recipients[1] - signer[1]) <= 2


def test_page_has_a_red_seal_and_black_text():
    page = _page()
    assert page.image.size == a4_size(100) and page.image.mode == "RGB"
    rgb = np.asarray(page.image).astype(int)
    red = (rgb[..., 0] > 150) & (rgb[..., 1] < 110) & (rgb[..., 2] < 110)
    assert red.sum() > 200
    footer_top = min(line.box[1] for line in page.lines if line.region == "footer-right")
    ys, xs = np.nonzero(red)  # the seal sits on the signature block, over its lines at most
    assert ys.min() >= footer_top - mm(5, 100) and xs.min() > page.image.width * 0.4


def test_without_marks_no_colour():
    page = render_admin_page(DOC, dpi=100, seal=False, signature=False)
    rgb = np.asarray(page.image).astype(int)
    assert (np.ptp(rgb, axis=2) < 40).all()


def test_table_and_handwritten_number_keep_the_truth():
    rows = [["STT", "Nội dung", "Ghi chú"], ["1", "Rà soát hồ chứa trước mùa mưa bão", "Xong"]]
    page = render_admin_page(DOC, dpi=100, rng=random.Random(3), table=rows,
                             handwritten_number=True, seal=False, signature=False)
    lines = page.truth.splitlines()
    assert "Số: 217/TL-QLCT" in lines
    at = lines.index("STT")
    assert lines[at : at + 6] == ["STT", "Nội dung", "Ghi chú", "1",
                                  "Rà soát hồ chứa trước mùa mưa bão", "Xong"]
    assert lines.index("Nơi nhận:") > at > lines.index("Kính gửi: Ủy ban nhân dân các tỉnh, "
                                                       "thành phố.")
    number_box = next(line.box for line in page.lines if line.text.startswith("Số:"))
    rgb = np.asarray(page.image).astype(int)
    x0, y0, x1, y1 = number_box
    patch = rgb[y0 - 5 : y1 + 5, x0:x1]
    blue = (patch[..., 2] > 90) & (patch[..., 0] < 80)
    assert blue.sum() > 10  # the digits are in the clerk's blue ink
