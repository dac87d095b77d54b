""" "Kính gửi" and "Nơi nhận" lists: dashes and separators dropped, broken items re-joined."""

from __future__ import annotations

from ocrfix.extract import extract_record


def test_inline_addressee(make_doc):
    record = extract_record(
        make_doc(
            addressees=("Kính gửi: Thuế tỉnh Quảng Trị.",),
            body=(
                "Cục Thuế nhận được công văn số 12/QTR-KTr2 của Thuế tỉnh "
                "Quảng Trị về việc hoàn thuế giá trị gia tăng.",
            ),
        )
    )
    assert record["addressees"] == ["Thuế tỉnh Quảng Trị"]


def test_dash_list_of_addressees(make_doc):
    lines = (
        "Kính gửi:",
        "- Bộ Xây dựng;",
        "- Ủy ban nhân dân các tỉnh: Hưng Yên, Ninh",
        "Bình, Bắc Ninh;",
        "- Tập đoàn Điện lực Việt Nam.",
    )
    record = extract_record(make_doc(addressees=lines))
    assert record["addressees"] == [
        "Bộ Xây dựng",
        "Ủy ban nhân dân các tỉnh: Hưng Yên, Ninh Bình, Bắc Ninh",
        "Tập đoàn Điện lực Việt Nam",
    ]


def test_no_addressees_is_null(make_doc):
    assert extract_record(make_doc())["addressees"] is None


def test_recipients_one_item_per_line(make_doc):
    items = (
        "- Như Điều 3;",
        "- Thường trực HĐND xã;",
        "- Các đồng chí Ủy viên",
        "Ban Thường vụ Đảng ủy;",
        "- Lưu: VT, VP.",
    )
    record = extract_record(make_doc(recipients=items))
    assert record["recipients"] == [
        "Như Điều 3",
        "Thường trực HĐND xã",
        "Các đồng chí Ủy viên Ban Thường vụ Đảng ủy",
        "Lưu: VT, VP",
    ]
    assert record["signer"]["name"] == "Nguyễn Văn An"


def test_garbled_recipients_keyword(make_doc):
    text = make_doc(recipients=("- Nhu tren;", "- Luu: VT.")).replace("Nơi nhận:", "Noi nh@n:")
    assert extract_record(text)["recipients"] == ["Nhu tren", "Luu: VT"]


def test_bare_name_after_list_when_the_block_is_lost(make_doc):
    record = extract_record(make_doc(signature=("Phung Thi Hong Ha",)))
    assert record["signer"]["name"] == "Phung Thi Hong Ha"
    assert record["confidence"]["signer"] <= 0.5


def test_keywords_behind_scan_specks(make_doc):
    text = make_doc(
        type_line=None,
        number="Số: 77/STC-NS",
        addressees=("| Kính gột: Ủy ban nhân dân huyện.",),
        body=("Sở Tài chính trả lời về việc lập dự toán ngân sách năm 2026 như sau.",),
        recipients=(),
        signature=("` nhận:", "- Như trên;", "- Lưu: VT.", "GIÁM ĐỐC", "Kim Văn Long"),
    )
    record = extract_record(text)
    assert record["addressees"] == ["Ủy ban nhân dân huyện"]
    assert record["doc_type"] == "Công văn"
    assert record["recipients"] == ["Như trên", "Lưu: VT"]
