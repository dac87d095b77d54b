"""Place and ISO date from the "<place>, ngày ... tháng ... năm ..." line."""

from __future__ import annotations

import pytest

from ocrfix.extract import extract_record


@pytest.mark.parametrize(
    ("line", "place", "iso"),
    [
        ("Tam Hợp, ngày 24 tháng 12 năm 2024", "Tam Hợp", "2024-12-24"),
        ("Hà Nội, ngày 05 tháng 03 năm 2025", "Hà Nội", "2025-03-05"),
        ("Hà Nội, ngày 5 tháng 3 năm 2025", "Hà Nội", "2025-03-05"),
        ("Cần Thơ, ngày 01 tháng12 năm 2025", "Cần Thơ", "2025-12-01"),
        ("Hà Nội ngày 01 tháng 12 năm 2025.", "Hà Nội", "2025-12-01"),
        ("Thành phố Hồ Chí Minh, ngày 9 tháng 7 năm 2024", "Thành phố Hồ Chí Minh", "2024-07-09"),
        ("Tam Hop, ngay 24 thang 12 nam 2024", "Tam Hop", "2024-12-24"),
        ("Ha N6i, ngdy 2O thang 11 nam 2025", "Ha N6i", "2025-11-20"),
        ("Vĩnh Long, ng? 3 tháng i 10 năm 2025", "Vĩnh Long", "2025-10-03"),
        ("Sơn La, ngày 14 tháng 8 năm 2025_ ` _", "Sơn La", "2025-08-14"),
        ("Huế, ngày 9 12 năm 2025", "Huế", "2025-12-09"),  # "tháng" lost
        ("Hà Nội, ngày 24 tháng 1l năm 20 25", "Hà Nội", "2025-11-24"),  # split where ones meet
    ],
)
def test_place_and_date(make_doc, line, place, iso):
    record = extract_record(make_doc(date=line))
    assert record["issued_date"] == iso
    assert record["place"] == place
    span = record["evidence"]["issued_date"]
    text = make_doc(date=line)
    assert "2" in text[span["start"] : span["end"]]


def test_impossible_date_is_null_and_warned(make_doc):
    record = extract_record(make_doc(date="Tam Hợp, ngày 31 tháng 02 năm 2024"))
    assert record["issued_date"] is None
    assert any(w["code"] == "impossible_date" for w in record["warnings"])


def test_missing_date_is_null_and_warned(make_doc):
    record = extract_record(make_doc(date=""))
    assert record["issued_date"] is None and record["place"] is None
    assert any(w["field"] == "issued_date" for w in record["warnings"])


def test_date_in_the_body_is_not_the_issue_date(make_doc):
    text = make_doc(
        date="", body=("Căn cứ Nghị định số 1/2020/NĐ-CP ngày 3 tháng 4 năm 2020;",) * 8
    )
    assert extract_record(text)["issued_date"] is None


def test_month_split_by_a_speck(make_doc):
    assert extract_record(make_doc(date="Huế, ngày 21 tháng 1 1 năm 2025"))["issued_date"] == (
        "2025-11-21"
    )


def test_year_wrapped_to_the_next_line(make_doc):
    text = make_doc(date="Thành phố Hồ Chí Minh, ngày 19 tháng 11 năm\n2025")
    record = extract_record(text)
    assert record["issued_date"] == "2025-11-19"
    assert record["place"] == "Thành phố Hồ Chí Minh"
    span = record["evidence"]["issued_date"]
    assert text[span["start"] : span["end"]] == "ngày 19 tháng 11 năm\n2025"


def test_lost_year_is_taken_from_the_symbol_with_a_warning(make_doc):
    text = make_doc(number="Số: 31/2025/QĐ-UBND", date="Hà Nội, ngày 19 tháng 11 năm _")
    record = extract_record(text)
    assert record["issued_date"] == "2025-11-19"
    assert any(w["code"] == "year_from_number" for w in record["warnings"])
    assert not any(w["code"] == "year_mismatch" for w in record["warnings"])
    no_year = make_doc(
        number="Số: 31/QĐ-UBND", date="Hà Nội, ngày 19 tháng 11 năm _", body=("Căn cứ Luật;",)
    )
    assert extract_record(no_year)["issued_date"] is None


def test_lost_year_is_the_latest_cited_one_when_the_symbol_has_none(make_doc):
    body = (
        "Căn cứ Nghị định số 12/2023/NĐ-CP ngày 05 tháng 3 năm 2023 của Chính phủ;",
        "Xét Tờ trình số 408/TTr-UBND ngày 20/10/2025 của Ủy ban nhân dân;",
    )
    text = make_doc(number="Số: 31/QĐ-UBND", date="Hà Nội, ngày 19 tháng 11 năm", body=body)
    record = extract_record(text)
    assert record["issued_date"] == "2025-11-19"
    assert any(w["code"] == "year_from_references" for w in record["warnings"])


def test_year_cut_short_is_completed_only_by_a_hint_it_begins(make_doc):
    cut = make_doc(number="Số: 31/2025/QĐ-UBND", date="Hà Tĩnh, ngày 20 tháng 11 năm 202")
    assert extract_record(cut)["issued_date"] == "2025-11-20"
    other = make_doc(number="Số: 31/2025/QĐ-UBND", date="Hà Tĩnh, ngày 20 tháng 11 năm 19")
    assert extract_record(other)["issued_date"] is None


@pytest.mark.parametrize(
    "line", ["Hà Nội, ngày tháng 11 năm 2025", "Hà Nội, ngày 19 tháng năm 2025"]
)
def test_day_or_month_lost_is_no_date(make_doc, line):
    assert extract_record(make_doc(number="Số: 31/2025/QĐ-UBND", date=line))["issued_date"] is None
