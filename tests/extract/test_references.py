"""Cited documents: type, number, date, issuer; laws by name and date; broken symbols."""

from __future__ import annotations

from ocrfix.extract.references import extract_references


def _pairs(text: str, own: str | None = None) -> set[tuple]:
    return {(r["number"] or r["name"], r["date"]) for r in extract_references(text, own_number=own)}


def test_reference_with_type_date_and_issuer():
    refs = extract_references(
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về chương trình;"
    )
    assert refs == [
        {
            "doc_type": "Nghị quyết",
            "number": "76/NQ-CP",
            "date": "2021-07-15",
            "issuer": "Chính phủ",
            "name": None,
        }
    ]


def test_symbol_broken_across_a_line():
    text = "Thực hiện Quyết định số 5158/QĐ-\nUBND ngày 03/12/2024 của Ủy ban nhân dân tỉnh;"
    assert _pairs(text) == {("5158/QĐ-UBND", "2024-12-03")}


def test_laws_cited_by_name_and_date():
    text = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19/02/2025; Luật sửa đổi, bổ sung "
        "một số điều của Luật Ban hành văn bản quy phạm pháp luật ngày 25/6/2025;"
    )
    assert _pairs(text) == {
        ("Luật Tổ chức chính quyền địa phương", "2025-06-16"),
        ("Luật Ban hành văn bản quy phạm pháp luật", "2025-02-19"),
        (
            "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật",
            "2025-06-25",
        ),
    }


def test_law_with_number_keeps_its_name():
    refs = extract_references("Căn cứ Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020;")
    assert refs[0]["name"] == "Luật Doanh nghiệp" and refs[0]["number"] == "59/2020/QH14"


def test_own_number_forms_and_effective_dates_are_not_references():
    text = (
        "(Kèm theo Quyết định số 12/QĐ-UBND ngày 5/3/2025 của UBND xã)\n"
        "Khai theo mẫu số 01/TK-SDDPNN.\n"
        "Luật Thuế giá trị gia tăng số 48/2024/QH15 (có hiệu lực từ ngày 01/7/2025)."
    )
    assert _pairs(text, own="12/QĐ-UBND") == {("48/2024/QH15", None)}


def test_same_document_cited_twice_is_one_reference():
    text = (
        "Căn cứ Nghị định số 78/2025/NĐ-CP ngày 01/4/2025 của Chính phủ;\n"
        "Nghị định số 78/2025/NĐ-CP quy định chi tiết; văn bản số 9476 /BNNMT-CNTY ngày 2/10/2025."
    )
    assert _pairs(text) == {("78/2025/NĐ-CP", "2025-04-01"), ("9476/BNNMT-CNTY", "2025-10-02")}


def test_party_symbols_and_list_of_letters():
    text = (
        "Kết luận số 203-KL/TW ngày 04 tháng 11 năm 2025 của Bộ Chính trị; các công văn số "
        "695/TCHQ-GSQL ngày 05/02/2021, 4032/TCHQ-GSQL ngày 16/8/2021 của Tổng cục Hải quan."
    )
    assert _pairs(text) == {
        ("203-KL/TW", "2025-11-04"),
        ("695/TCHQ-GSQL", "2021-02-05"),
        ("4032/TCHQ-GSQL", "2021-08-16"),
    }


def test_upper_case_title_reference():
    text = "BÃI BỎ THÔNG TƯ SỐ 31/2015/TT-BYT NGÀY 14 THÁNG 10 NĂM 2015 CỦA BỘ TRƯỞNG BỘ Y TẾ"
    refs = extract_references(text)
    assert (refs[0]["doc_type"], refs[0]["date"]) == ("Thông tư", "2015-10-14")
