"""The number-and-symbol of the header, clean and garbled."""

from __future__ import annotations

import pytest

from ocrfix.extract import extract_record
from ocrfix.extract.symbols import is_well_formed, normalize_symbol, type_code
from ocrfix.text import strip_diacritics


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Số: 1909/BC-UBND", "1909/BC-UBND"),
        ("Số: 01/2023/TT-VPCP", "01/2023/TT-VPCP"),
        ("Số 05-NQ/TU", "05-NQ/TU"),
        ("Số:10988/BNV-CQĐP", "10988/BNV-CQĐP"),
        ("Số: 3565 /QĐ -UBND", "3565/QĐ-UBND"),
        ("Số: 11554/VPCP-V.I", "11554/VPCP-V.I"),
        ("S6: 84/2025/Qb-UBND", "84/2025/QĐ-UBND"),
        ("$6: 12/QÐ-UBND", "12/QĐ-UBND"),
        ("s6 7/ND-CP", "7/NĐ-CP"),
        ("So: 55/2025/NQ-HDND", "55/2025/NQ-HĐND"),
    ],
)
def test_number_line(make_doc, line, expected):
    text = make_doc(number=line)
    if not any(ch in line for ch in "ốĐ"):  # a garbled line comes in a garbled document
        text = strip_diacritics(text)
    assert extract_record(text)["number"] == expected


def test_dia_in_clean_text_is_not_turned_into_de_an():
    # "DA" (dự án) and "ĐA" (đề án) are both codes: clean text is never "repaired"
    assert normalize_symbol("5/DA-UBND") == "5/DA-UBND"
    assert normalize_symbol("5/ĐA-UBND") == "5/ĐA-UBND"


def test_type_codes_and_shapes():
    assert type_code("12/2024/QĐ-UBND") == "QĐ"
    assert type_code("05-NQ/TU") == "NQ"
    assert type_code("5348/CT-CS") == "CT"
    assert type_code("4085/UBND-ĐT") is None
    assert is_well_formed("84/2025/QĐ-UBND") and is_well_formed("221-KL/TW")
    assert not is_well_formed("84/2025/")


def test_missing_number_is_null_with_warning(make_doc):
    record = extract_record(make_doc(number=""))
    assert record["number"] is None
    assert any(w["field"] == "number" for w in record["warnings"])


def test_symbol_year_disagreeing_with_date_is_warned(make_doc):
    record = extract_record(make_doc(number="Số: 15/2023/QĐ-UBND"))
    assert any(w["code"] == "year_mismatch" for w in record["warnings"])


def test_ocr_readings_of_d_with_stroke():
    assert normalize_symbol("2533/QDB-UBND", stripped=True) == "2533/QĐ-UBND"
    assert normalize_symbol("97/2025/QB-UBND", stripped=True) == "97/2025/QĐ-UBND"
    assert normalize_symbol("5/DA-UBND", stripped=True) == "5/DA-UBND"  # a code as it stands
    assert normalize_symbol("3/BB-UBND", stripped=True) == "3/BB-UBND"


def test_damaged_type_code_is_reconciled_with_the_title(make_doc):
    text = strip_diacritics(make_doc(number="Số: 37691/TE-CHQ", type_line="THÔNG BÁO"))
    record = extract_record(text)
    assert record["number"] == "37691/TB-CHQ" and record["doc_type_code"] == "TB"
    assert any(w["code"] == "code_repaired" for w in record["warnings"])
    kept = extract_record(make_doc(number="Số: 37691/TC-CHQ", type_line="THÔNG BÁO"))
    assert kept["number"] == "37691/TC-CHQ"  # TC is a code of its own: a mismatch, not damage
    assert any(w["code"] == "type_mismatch" for w in kept["warnings"])
