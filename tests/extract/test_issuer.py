"""Issuer and parent body from the header's left column, also when OCR merged the columns."""

from __future__ import annotations

import pytest

from ocrfix.extract import extract_record
from ocrfix.extract.header import split_motto
from ocrfix.extract.issuer import initials
from ocrfix.extract.places import restore_place


@pytest.mark.parametrize(
    ("issuer_lines", "issuer", "parent"),
    [
        (("ỦY BAN NHÂN DÂN", "XÃ TAM HỢP"), "Ủy ban nhân dân xã Tam Hợp", None),
        (("BỘ TÀI CHÍNH", "CỤC THUẾ"), "Cục Thuế", "Bộ Tài chính"),
        (
            ("UBND TỈNH NGHỆ AN", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
            "Sở Khoa học và Công nghệ",
            "Ủy ban nhân dân tỉnh Nghệ An",
        ),
        (
            ("HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"),
            "Hội đồng nhân dân thành phố Hải Phòng",
            None,
        ),
        (("CHÍNH PHỦ",), "Chính phủ", None),
        (("BỘ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"), "Bộ Văn hóa, Thể thao và Du lịch", None),
    ],
)
def test_issuer_and_parent(make_doc, issuer_lines, issuer, parent):
    record = extract_record(make_doc(issuer=issuer_lines))
    assert (record["issuer"], record["issuer_parent"]) == (issuer, parent)


def test_two_columns_read_as_one_line():
    text = (
        "UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\n"
        "XA TAM HQP Péc 1ap - Tu do - Hanh phic\n"
        "S6: 15/QD-UBND Tam Hop, ngay 24 thang 12 nam 2024\n"
        "QUYET DINH\nVE VIEC THANH LAP TO CONG TAC\nCan cu Luat To chuc chinh quyen dia phuong;\n"
    )
    record = extract_record(text)
    assert record["issuer"] == "Uy ban nhan dan xa Tam Hqp"
    assert record["number"] == "15/QĐ-UBND"
    assert record["issued_date"] == "2024-12-24"
    assert record["place"] == "Tam Hợp"  # diacritics restored from the admin-unit list
    assert record["doc_type"] == "Quyết định"
    assert record["confidence"]["number"] < 1.0  # diacritic-free input is less certain


def test_split_motto_keeps_the_left_column():
    assert split_motto("BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").left == "BỘ TÀI CHÍNH"
    assert split_motto("CỤC THUẾ Độc lập - Tự do - Hạnh phúc").left == "CỤC THUẾ"
    assert not split_motto("SỞ TƯ PHÁP").has_motto


def test_place_names_get_their_diacritics_back():
    assert restore_place("Ha N6i") == "Hà Nội"
    assert restore_place("TP. Ho Chi Minh") == "TP. Hồ Chí Minh"
    assert restore_place("Khong Co Noi Nay") == "Khong Co Noi Nay"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Cục Hải quan", "CHQ"),
        ("Cục Thuế", "CT"),
        ("Ủy ban nhân dân tỉnh Hà Tĩnh", "UBND"),
        ("Hội đồng nhân dân thành phố Hà Nội", "HĐND"),
        ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
    ],
)
def test_initials_are_the_code_decree_30_abbreviates_a_body_to(name, code):
    assert initials(name) == code
