"""Document type and code: every Appendix III type, legal types, công văn, disagreements."""

from __future__ import annotations

import pytest

from ocrfix.extract import extract_record
from ocrfix.extract.doc_type import APPENDIX_III, OTHER_TYPES

ALL_TYPES = APPENDIX_III + tuple(t for t in OTHER_TYPES if t[0] != "Văn bản hợp nhất")


@pytest.mark.parametrize(("name", "code"), ALL_TYPES)
def test_every_type_from_its_type_line_and_symbol(make_doc, name, code):
    text = make_doc(number=f"Số: 27/{code}-UBND", type_line=name.upper())
    record = extract_record(text)
    assert (record["doc_type"], record["doc_type_code"]) == (name, code)
    assert record["number"] == f"27/{code}-UBND"
    assert not [w for w in record["warnings"] if w["code"] == "type_mismatch"]


@pytest.mark.parametrize(("name", "code"), APPENDIX_III[:6])
def test_type_from_symbol_when_there_is_no_type_line(make_doc, name, code):
    record = extract_record(make_doc(number=f"Số: 8/{code}-UBND", type_line=None, title=()))
    assert (record["doc_type"], record["doc_type_code"]) == (name, code)
    assert record["confidence"]["doc_type"] < 0.9


def test_cong_van_has_no_code(make_doc):
    text = make_doc(
        number="Số: 1909/UBND-VP",
        summary="V/v tổ chức hội nghị tổng kết",
        type_line=None,
        title=(),
        addressees=("Kính gửi: Các phòng chuyên môn.",),
    )
    record = extract_record(text)
    assert record["doc_type"] == "Công văn"
    assert record["doc_type_code"] is None
    assert record["title"] == "V/v tổ chức hội nghị tổng kết"


def test_type_line_disagreeing_with_symbol_is_warned(make_doc):
    record = extract_record(make_doc(number="Số: 3/BC-UBND", type_line="KẾ HOẠCH"))
    assert record["doc_type"] == "Kế hoạch"
    assert any(w["code"] == "type_mismatch" for w in record["warnings"])


def test_consolidated_text_is_typed_by_its_vbhn_symbol(make_doc):
    record = extract_record(make_doc(number="Số: 92/VBHN-BQP", type_line="QUYẾT ĐỊNH"))
    assert (record["doc_type"], record["doc_type_code"]) == ("Văn bản hợp nhất", "VBHN")


def test_garbled_type_line(make_doc):
    record = extract_record(make_doc(type_line="QUYET DJNH", number="S6: 4/QD-UBND"))
    assert record["doc_type"] == "Quyết định"


def test_letter_without_summary_line_is_a_cong_van(make_doc):
    text = make_doc(
        number="Số: 77/SGDĐT-VP",
        type_line=None,
        title=(),
        addressees=("Kính gửi: Hiệu trưởng các trường trung học phổ thông.",),
    )
    record = extract_record(text)
    assert (record["doc_type"], record["doc_type_code"]) == ("Công văn", None)


def test_type_line_with_specks_after_it(make_doc):
    record = extract_record(make_doc(type_line="_ ' - QUYẾT ĐỊNH non", number="Số: 4/QĐ-TTg"))
    assert record["doc_type"] == "Quyết định"
    assert record["evidence"]["doc_type"] is not None  # read from the line, not the symbol


def test_type_line_with_a_colon_counts_when_the_symbol_agrees(make_doc):
    record = extract_record(make_doc(number="Số: 9/2025/TT-BTC", type_line="THÔNG TƯ :"))
    assert record["doc_type"] == "Thông tư"
    assert record["evidence"]["doc_type"] is not None  # read from the line, not the symbol
    # without the symbol's word, "QUYẾT ĐỊNH:" is the enacting line, not a type line
    enacting = make_doc(number="Số: 9/UBND-VP", type_line="QUYẾT ĐỊNH:", title=())
    assert extract_record(enacting)["doc_type"] != "Quyết định"


def test_title_opening_with_a_type_name_yields_to_the_symbol(make_doc):
    text = make_doc(
        number="Số: 37/2025/TT-BXD",
        type_line="QUY ĐỊNH CƠ CHẾ, CHÍNH SÁCH QUẢN LÝ GIÁ",
        title=("DỊCH VỤ KIỂM TRA SẢN PHẨM",),
    )
    record = extract_record(text)
    assert (record["doc_type"], record["doc_type_code"]) == ("Thông tư", "TT")
    assert record["title"].startswith("QUY ĐỊNH CƠ CHẾ")
    # without a symbol code to overrule it, the opening type name stands
    plain = make_doc(number="Số: 37/UBND-VP", type_line="THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH")
    assert extract_record(plain)["doc_type"] == "Thông báo"
