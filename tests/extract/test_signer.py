"""Signature blocks: TM./KT./TL./TUQ./Q. capacities, position, name, flattened layouts."""

from __future__ import annotations

import pytest

from ocrfix.extract import extract_record


@pytest.mark.parametrize(
    ("block", "capacity", "position", "name"),
    [
        (
            ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Thị Hồng Nhung"),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
            "PHÓ CHỦ TỊCH",
            "Lê Thị Hồng Nhung",
        ),
        (
            ("TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ", "Trần Quốc Bảo"),
            ["TL. BỘ TRƯỞNG"],
            "VỤ TRƯỞNG VỤ PHÁP CHẾ",
            "Trần Quốc Bảo",
        ),
        (
            ("TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Đỗ Minh Khoa"),
            ["TUQ. CHỦ TỊCH"],
            "CHÁNH VĂN PHÒNG",
            "Đỗ Minh Khoa",
        ),
        (("Q. GIÁM ĐỐC", "Phạm Thu Trang"), ["Q. GIÁM ĐỐC"], None, "Phạm Thu Trang"),
        (("CHỦ TỊCH", "Hoàng Văn Thái"), [], "CHỦ TỊCH", "Hoàng Văn Thái"),
        (
            ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Đình Hải"),
            ["KT. CHỦ TỊCH"],
            "PHÓ CHỦ TỊCH",
            "Vũ Đình Hải",
        ),
        (
            ("KT. BỘ TRƯỞNG,", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Ngô Bảo Châu"),
            ["KT. BỘ TRƯỞNG, CHỦ NHIỆM"],
            "PHÓ CHỦ NHIỆM",
            "Ngô Bảo Châu",
        ),
        (
            ("TL. CỤC TRƯỞNG", "KT. TRƯỞNG BAN NGHIỆP VỤ", "VỀ THUẾ PHÓ TRƯỞNG BAN", "Mai Lan Chi"),
            ["TL. CỤC TRƯỞNG", "KT. TRƯỞNG BAN NGHIỆP VỤ VỀ THUẾ"],
            "PHÓ TRƯỞNG BAN",
            "Mai Lan Chi",
        ),
        (
            ("KT.", "GIÁM ĐỐC SỞ PHÓ", "GIÁM ĐỐC Lý Thanh Tùng"),
            ["KT. GIÁM ĐỐC SỞ"],
            "PHÓ GIÁM ĐỐC",
            "Lý Thanh Tùng",
        ),
    ],
)
def test_signature_blocks(make_doc, block, capacity, position, name):
    signer = extract_record(make_doc(signature=block))["signer"]
    assert signer["capacity"] == capacity
    assert signer["position"] == position
    assert signer["name"] == name


def test_rank_is_kept_apart_from_the_name(make_doc):
    block = ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Thượng tướng Hoàng Xuân Chiến")
    signer = extract_record(make_doc(signature=block))["signer"]
    assert (signer["rank"], signer["name"]) == ("Thượng tướng", "Hoàng Xuân Chiến")


def test_appendix_after_signature_is_ignored(make_doc):
    block = (
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn An",
        "PHỤ LỤC",
        "DANH MỤC",
        "TT",
        "Tên thủ tục",
        "CHỦ TỊCH",
        "Bảng Kê Khai",
    )
    assert extract_record(make_doc(signature=block))["signer"]["name"] == "Nguyễn Văn An"


def test_signature_without_recipients_block(make_doc):
    record = extract_record(
        make_doc(recipients=(), signature=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đinh Thị Mai"))
    )
    assert record["signer"]["name"] == "Đinh Thị Mai"
    assert record["recipients"] is None


def test_party_style_capacity(make_doc):
    block = ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lương Văn Sơn")
    signer = extract_record(make_doc(signature=block))["signer"]
    assert signer["capacity"] == ["T/M BAN THƯỜNG VỤ"] and signer["position"] == "BÍ THƯ"


def test_missing_signer_is_null_and_warned(make_doc):
    record = extract_record(make_doc(signature=()))
    assert record["signer"] is None
    assert any(w["field"] == "signer" for w in record["warnings"])


def test_garbled_signature_block(make_doc):
    signer = extract_record(
        make_doc(signature=("TM. UY BAN NHAN DAN", "KT. CHU TICH", "PHO CHU TICH", "Tran Van Binh"))
    )["signer"]
    assert signer["position"] == "PHO CHU TICH" and signer["name"] == "Tran Van Binh"
