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
