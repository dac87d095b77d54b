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


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Thiếu tướng ‹ Đỗ ~ Minh Hải", "Đỗ Minh Hải"),  # seal and scribble read as debris
        ("1 Đỗ Minh Hải", "Đỗ Minh Hải"),
        ("guyễn Minh Hải", "Nguyễn Minh Hải"),  # the scribble hid its first letter
        ("Dao Thị Lan", "Đào Thị Lan"),  # the surname alone lost its marks
        ("Dạng Văn Tú", "Đặng Văn Tú"),
        ("ăng Văn Tú", None),  # Hoàng, Đặng, Tăng, Giang: no guess
        ("Bùi Bùi Quang Quang Huy Huy", "Bùi Quang Huy"),  # a ghosted photo
        ("Lương Quang Huy ống", "Lương Quang Huy"),
        ("T rần Quang Huy", "Trần Quang Huy"),  # first letter split off
        ("T trần Quang Huy", "Trần Quang Huy"),  # ... and repaired on its own
        ("T“ rần Quang Huy", "Trần Quang Huy"),  # ... with a speck
    ],
)
def test_name_read_through_scan_debris(make_doc, line, name):
    signer = extract_record(make_doc(signature=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", line)))["signer"]
    assert (signer and signer["name"]) == name


def test_scribble_read_as_a_name_gives_way_to_the_name_below(make_doc):
    block = ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Sư Ế", "Tạ Minh Châu")
    assert extract_record(make_doc(signature=block))["signer"]["name"] == "Tạ Minh Châu"
    two_names = ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Tạ Minh Châu", "Lê Văn Tám")
    assert extract_record(make_doc(signature=two_names))["signer"]["name"] == "Tạ Minh Châu"


def test_unmarked_name_keeps_its_spelling(make_doc):
    signer = extract_record(make_doc(signature=("GIAM DOC", "Dao Van Tu")))["signer"]
    assert signer["name"] == "Dao Van Tu"  # nothing says which marks the rest had


def test_name_alone_after_a_list_the_block_scattered(make_doc):
    text = make_doc(
        recipients=("- Như Điều 3;", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "- Sở Nội vụ;",
                    "- Lưu: VT, NC."),
        signature=("", "cao", "tô", "Trịnh Quốc Bảo"),
    )
    signer = extract_record(text)["signer"]
    assert signer["name"] == "Trịnh Quốc Bảo"
    assert signer["capacity"] == ["KT. CHỦ TỊCH"] and signer["position"] == "PHÓ CHỦ TỊCH"


def test_name_merged_into_a_list_item(make_doc):
    text = make_doc(
        recipients=("- Như trên;", "- Các sở, ban, ngành; Hà Thị Quỳnh", "- Lưu: VT."),
        signature=(),
    )
    assert extract_record(text)["signer"]["name"] == "Hà Thị Quỳnh"


def test_name_after_the_filed_item_when_the_recipients_heading_is_lost(make_doc):
    text = make_doc(recipients=(), signature=("- Như trên;", "- Lưu: VT, TH.", "", "Lò Văn Pâng"))
    assert extract_record(text)["signer"]["name"] == "Lò Văn Pâng"


def test_position_title_cased_by_repair_is_not_a_name(make_doc):
    text = make_doc(recipients=("- Như trên;", "- Lưu: VT."), signature=("Hệ Phó Chủ Tịch",))
    assert extract_record(text)["signer"] is None
    named = make_doc(recipients=("- Như trên;", "- Lưu: VT."), signature=("Vũ Trường Giang",))
    assert extract_record(named)["signer"]["name"] == "Vũ Trường Giang"


def test_list_items_naming_people_are_not_the_signer(make_doc):
    text = make_doc(recipients=("- Ông Nguyễn Văn Hùng;", "- Lưu: VT."), signature=())
    assert extract_record(text)["signer"] is None


def test_name_cut_by_the_seal_is_completed_from_the_recipients(make_doc):
    text = make_doc(
        recipients=("- Như trên;", "- PCT UBND tỉnh Khúc Thừa Dụ;", "- Lưu: VT."),
        signature=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Thừa Dụ"),
    )
    record = extract_record(text)
    assert record["signer"]["name"] == "Khúc Thừa Dụ"
    assert any(w["code"] == "name_completed" for w in record["warnings"])
    two = text.replace("- Như trên;", "- Bà Đinh Thừa Dụ;")
    assert extract_record(two)["signer"]["name"] == "Thừa Dụ"  # two candidates: no guess


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("ê Thị Bích Ngọc", "Lê Thị Bích Ngọc"),  # one marked vowel left: only Lê ends so
        ("ào Minh Quân", "Đào Minh Quân"),  # a toned fragment as printed
        ("hung Văn Hậu", "Phùng Văn Hậu"),  # marks ignored: only Phùng ends in "hung"
        ("lủng Văn Hậu", "Phùng Văn Hậu"),  # ... and one letter misread
        ("ân Văn Hòa", None),  # Trần, Thân, Phan, Doãn: no guess
        ("âm Văn Hòa", None),  # Phạm, Đàm, Lâm (repair may invent the circumflex)
        ('"hung Văn Hậu', "Phùng Văn Hậu"),  # a speck before the fragment
        (".ê Văn Hậu", "Lê Văn Hậu"),
        ("Trịnh Văn L.ong", "Trịnh Văn Long"),  # a speck inside a word
        ("Phạnĩ Văn Đức", "Phạm Văn Đức"),  # "m" read as "nĩ"
        ("Phạrn Thu Hà", "Phạm Thu Hà"),  # ... or as "rn"
        ("Hoàng a Minh 2 Tuấn", "Hoàng Minh Tuấn"),  # scribble read inside the name
        ("Thiếu tướng Hoàng a Minh Tuấn", "Hoàng Minh Tuấn"),
        ("Tíô x Đức Phớc", None),  # not without a family name to start it
        ("Văn Trần Hậu", "Trần Văn Hậu"),  # the middle name read first
        ("Thị Nguyễn Thu Hà", "Nguyễn Thị Thu Hà"),
        ("Đỗ Thi Mai Anh", "Đỗ Thị Mai Anh"),  # the middle name alone lost its mark
        ("Đỗ Xuan Hòa", "Đỗ Xuân Hòa"),
        ("Phạm Thị Phạm Thị Minh Hiền", "Phạm Thị Minh Hiền"),  # a ghosted photo: read twice
        ("Nguyễn Thị Thi", "Nguyễn Thị Thi"),  # the same letters, not the same word
        ("Anguyễn Sỹ Hiệp", "Nguyễn Sỹ Hiệp"),  # a stray mark glued to the family name
        ("Aliên Sỹ Hiệp", "Aliên Sỹ Hiệp"),  # kept when its rest is no family name
    ],
)
def test_cut_and_misread_names(make_doc, line, name):
    signer = extract_record(make_doc(signature=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", line)))["signer"]
    assert (signer and signer["name"]) == name


def test_plain_middle_name_stays_plain_in_unmarked_text(make_doc):
    signer = extract_record(make_doc(signature=("GIAM DOC", "Do Thi Mai Anh")))["signer"]
    assert signer["name"] == "Do Thi Mai Anh"


def test_name_under_a_mangled_position_line(make_doc):
    block = ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "\\ƯỞNG", "Kiều Văn Toàn")
    signer = extract_record(make_doc(signature=block))["signer"]
    assert signer["name"] == "Kiều Văn Toàn" and signer["capacity"] == ["KT. BỘ TRƯỞNG"]
    prose = ("KT. BỘ TRƯỞNG", "- Bộ Tư pháp;", "Kiều Văn Toàn")  # a list item is no debris
    assert extract_record(make_doc(recipients=(), signature=prose))["signer"]["capacity"] == []


def test_capacity_whose_dot_was_lost(make_doc):
    block = ("TM ỦY BAN NHÂN DÂN", "KT: CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lục Văn Bảo")
    signer = extract_record(make_doc(signature=block))["signer"]
    assert signer["capacity"] == ["TM ỦY BAN NHÂN DÂN", "KT: CHỦ TỊCH"]
    assert signer["position"] == "PHÓ CHỦ TỊCH"


def test_capacity_with_a_comma_and_a_cut_position(make_doc):
    block = ("TM, ỦY BAN NHÂN DÂN", "J TỊCH", "Lục Văn Bảo")
    signer = extract_record(make_doc(signature=block))["signer"]
    assert signer["capacity"] == ["TM, ỦY BAN NHÂN DÂN"]
    assert signer["position"] == "J TỊCH" and signer["name"] == "Lục Văn Bảo"


def test_name_after_the_filed_item_on_its_line(make_doc):
    text = make_doc(recipients=("- Như trên;", "- Lưu: VT, NC. Hồ Văn Mừng"), signature=())
    assert extract_record(text)["signer"]["name"] == "Hồ Văn Mừng"


def test_lone_name_when_the_footer_is_lost(make_doc):
    text = make_doc(recipients=(), signature=("Nơi đây là đoạn cuối.", "Mai Thị Thu Hằng"))
    record = extract_record(text)
    assert record["signer"]["name"] == "Mai Thị Thu Hằng"
    assert record["confidence"]["signer"] <= 0.3
    assert any(w["code"] == "guessed" for w in record["warnings"])
    place = make_doc(recipients=(), signature=("Hà Nội",))  # two words may be a place
    assert extract_record(place)["signer"] is None


def test_block_opening_a_page(make_doc):
    text = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nMai Văn Sơn\nPHỤ LỤC\nDANH MỤC THỦ TỤC\n"
    assert extract_record(text)["signer"]["name"] == "Mai Văn Sơn"


def test_signer_read_from_the_raw_text_when_repair_damaged_it(make_doc):
    raw = make_doc(signature=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "ê Anh Tuấn"))
    repaired = raw.replace("ê Anh", "e Anh")  # repair dropped the mark that told Lê
    record = extract_record(repaired, raw=raw)
    assert record["signer"]["name"] == "Lê Anh Tuấn"
    assert any(w["code"] == "read_from_raw" and w["field"] == "signer" for w in record["warnings"])
    assert extract_record(repaired)["signer"] is None
    clean = make_doc()
    assert "read_from_raw" not in str(extract_record(clean, raw=clean)["warnings"])


def test_fragment_no_family_name_completes_is_completed_from_the_text(make_doc):
    text = make_doc(
        recipients=("- Như trên;", "- Thứ trưởng Lưu Hải Đăng;", "- Lưu: VT."),
        signature=("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "ư Hải Đăng"),  # Vũ, Lưu, Chu, Hầu...
    )
    assert extract_record(text)["signer"]["name"] == "Lưu Hải Đăng"
    alone = text.replace("- Thứ trưởng Lưu Hải Đăng;", "- Thứ trưởng;")
    assert extract_record(alone)["signer"] is None
