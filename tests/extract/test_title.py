"""Summary (trích yếu): multi-line titles, V/v lines, and where the title ends."""

from __future__ import annotations

from ocrfix.extract import extract_record


def test_multi_line_title_is_joined(make_doc):
    title = ("BAN HÀNH QUY CHẾ LÀM VIỆC", "CỦA ỦY BAN NHÂN DÂN XÃ TAM HỢP", "NHIỆM KỲ 2021 - 2026")
    record = extract_record(make_doc(title=title))
    assert record["title"] == " ".join(title)


def test_title_stops_at_the_authority_line(make_doc):
    text = make_doc(
        title=("VỀ VIỆC GIAO CHỈ TIÊU", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TAM HỢP"),
        body=("Căn cứ Luật Tổ chức chính quyền địa phương;",),
    )
    assert extract_record(text)["title"] == "VỀ VIỆC GIAO CHỈ TIÊU"


def test_title_containing_a_date_and_symbol(make_doc):
    line = "SỬA ĐỔI QUYẾT ĐỊNH SỐ 10/2016/QĐ-UBND NGÀY 21 THÁNG 3 NĂM 2016 CỦA UBND XÃ"
    assert extract_record(make_doc(title=(line,)))["title"] == line


def test_official_letter_summary_over_two_lines(make_doc):
    text = make_doc(
        number="Số: 88/UBND-VP",
        summary="V/v đẩy nhanh tiến độ giải ngân\nvốn đầu tư công năm 2025",
        type_line=None,
        title=(),
    )
    assert (
        extract_record(text)["title"] == "V/v đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2025"
    )


def test_missing_title_is_null_and_warned(make_doc):
    record = extract_record(make_doc(title=()))
    assert record["title"] is None
    assert any(w["field"] == "title" for w in record["warnings"])


def test_sentence_case_summary_as_the_decree_prescribes():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 12/BC-UBND\nAn Phú, ngày 3 tháng 4 năm 2023\n"
        "BÁO CÁO\nTình hình thu ngân sách quý I\ntrên địa bàn xã An Phú\n"
        "Thực hiện chỉ đạo của huyện, Ủy ban nhân dân xã báo cáo như sau:\n"
        "I. KẾT QUẢ\n"
    )
    record = extract_record(text)
    assert record["title"] == "Tình hình thu ngân sách quý I trên địa bàn xã An Phú"


def test_double_spaced_ocr_text_keeps_title_and_evidence_positions():
    lines = ["ỦY BAN NHÂN DÂN", "XÃ AN PHÚ", "Số: 12/BC-UBND", "An Phú, ngày 3 tháng 4 năm 2023",
             "BÁO CÁO", "TÌNH HÌNH THU NGÂN SÁCH", "QUÝ I NĂM 2023", "Căn cứ Luật Ngân sách;"]
    text = "\n\n".join(lines) + "\n"
    record = extract_record(text)
    assert record["title"] == "TÌNH HÌNH THU NGÂN SÁCH QUÝ I NĂM 2023"
    span = record["evidence"]["title"]
    assert text[span["start"] : span["end"]].startswith("TÌNH HÌNH")
