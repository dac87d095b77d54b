"""The number-and-symbol of the header, clean and garbled."""

from __future__ import annotations

import pytest

from ocrfix.extract import extract_record
from ocrfix.extract.symbols import is_well_formed, normalize_symbol, repair_codes, type_code
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
        ("_§ố: 318/BC-SYT", "318/BC-SYT"),  # fax specks; § for S
        ("_Số73/TB-VP", "73/TB-VP"),
        ("S&2207/STC-QLG", "2207/STC-QLG"),
        ("Số: B6/2025/NQ-HĐND", "86/2025/NQ-HĐND"),  # digits read as letters
        ("Số: 3O1/QĐ-UBND", "301/QĐ-UBND"),
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


def test_letters_after_so_are_not_made_digits_without_a_digit(make_doc):
    assert extract_record(make_doc(number="Số: BO/UBND"))["number"] is None


def test_citation_behind_specks_is_not_the_number(make_doc):
    text = make_doc(number="§ố61092025TTBTC", body=("| Căn cứ Luật Giá số 16/2023/QH15;",))
    assert extract_record(text)["number"] is None


def test_scan_doublings_are_undone():
    assert normalize_symbol("48/2025/QĐÐ-UBND") == "48/2025/QĐ-UBND"
    assert normalize_symbol("630/QĐ- QĐ-UBND") == "630/QĐ-UBND"
    assert normalize_symbol("17/TB-BQL") == "17/TB-BQL"
    assert normalize_symbol("4410/SYT-QĐ") == "4410/SYT-QĐ"


def test_d_read_as_db_is_repaired_in_marked_text_too(make_doc):
    record = extract_record(make_doc(number="Số: 718/QDB-UBND"))
    assert record["number"] == "718/QĐ-UBND"


def test_number_damaged_by_repair_is_read_from_the_raw_text(make_doc):
    raw = strip_diacritics(make_doc(number="S6: 4127/TTr-BCH", type_line="TỜ TRÌNH"))
    repaired = make_doc(number="Số: 4127/TTr-BCĐ", type_line="TỜ TRÌNH")
    record = extract_record(repaired, raw=raw)
    assert record["number"] == "4127/TTr-BCH"
    assert any(w["code"] == "read_from_raw" for w in record["warnings"])
    lost = extract_record(make_doc(number="Số: ", type_line="TỜ TRÌNH"), raw=raw)
    assert lost["number"] == "4127/TTr-BCH"
    digits = strip_diacritics(make_doc(number="So: 4127/TTr-BCH"))
    assert extract_record(repaired, raw=digits.replace("4127", "4121"))["number"] == (
        "4121/TTr-BCH"  # repair does not know digits better than OCR
    )


def test_raw_text_does_not_override_a_sound_repair(make_doc):
    raw = strip_diacritics(make_doc(number="S6: 93/QD-UBND"))
    record = extract_record(make_doc(number="Số: 93/QĐ-UBND"), raw=raw)
    assert record["number"] == "93/QĐ-UBND"
    assert not any(w["code"] == "read_from_raw" for w in record["warnings"])


def test_damaged_type_code_is_reconciled_with_the_title(make_doc):
    text = strip_diacritics(make_doc(number="Số: 37691/TE-CHQ", type_line="THÔNG BÁO"))
    record = extract_record(text)
    assert record["number"] == "37691/TB-CHQ" and record["doc_type_code"] == "TB"
    assert any(w["code"] == "code_repaired" for w in record["warnings"])
    kept = extract_record(make_doc(number="Số: 37691/TC-CHQ", type_line="THÔNG BÁO"))
    assert kept["number"] == "37691/TC-CHQ"  # TC is a code of its own: a mismatch, not damage
    assert any(w["code"] == "type_mismatch" for w in kept["warnings"])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Số: 12/QĐ~UBND", "12/QĐ-UBND"),  # the hyphen read as a tilde
        ("Số: 45/2025/TT–BTC", "45/2025/TT-BTC"),  # ... or as a dash
        ("Số: 7/QĐ ~ UBND", "7/QĐ-UBND"),
        ("S&6120/CT.QLT", "6120/CT-QLT"),  # ... or as a dot after a known code
        ("Số: 11554/VPCP-V.I", "11554/VPCP-V.I"),  # a dotted code of its own stays
    ],
)
def test_hyphens_scans_misread(make_doc, line, expected):
    assert extract_record(make_doc(number=line))["number"] == expected


def test_d_with_stroke_read_as_zero_or_o():
    assert normalize_symbol("12/Q0-UBND") == "12/QĐ-UBND"
    assert normalize_symbol("5/2025/NQ-H0ND") == "5/2025/NQ-HĐND"
    assert normalize_symbol("7/QO-UBND") == "7/QĐ-UBND"
    assert normalize_symbol("3/BOC-SO") == "3/BOC-SO"  # no known code comes of it


def test_dotted_codes_of_their_own_are_kept():
    assert normalize_symbol("128.2025/OL.WMCLV") == "128.2025/OL.WMCLV"
    assert normalize_symbol("9/TT.BYT") == "9/TT-BYT"


def test_symbol_broken_after_its_hyphen_goes_on_below(make_doc):
    text = make_doc(number="Số: 3174/QĐ- Ồ ị\n\nQĐ-UBND")
    record = extract_record(text)
    assert record["number"] == "3174/QĐ-UBND"
    span = record["evidence"]["number"]
    assert text[span["start"] : span["end"]] == "3174/QĐ- Ồ ị\n\nQĐ-UBND"
    title_below = make_doc(number="Số: 3174/QĐ-", type_line="QUYẾT ĐỊNH")
    assert extract_record(title_below)["number"] == "3174/QĐ"  # a title is no code line


def test_type_code_cut_from_the_issuer_code_by_a_misread_hyphen(make_doc):
    text = make_doc(number="Số: B0/2025/NQ. HĐND _`...")
    assert extract_record(text)["number"] == "80/2025/NQ-HĐND"
    # a complete symbol takes nothing more; an unknown word is no code
    assert extract_record(make_doc(number="Số: 12/QĐ-UBND. HĐND"))["number"] == "12/QĐ-UBND"
    assert extract_record(make_doc(number="Số: 12/QĐ. XYZQW"))["number"] == "12/QĐ"
    stripped = strip_diacritics(make_doc(number="So: 55/2025/NQ HDND"))
    assert extract_record(stripped)["number"] == "55/2025/NQ-HĐND"


def test_header_symbol_without_so_beats_a_citation_in_the_body(make_doc):
    text = make_doc(
        number="109/2025/TT-BTC ` - ` Hà Nội -ngày 18 tháng 11 năm 2025",
        date="",
        type_line="THÔNG TƯ",
        body=('" Căn. cứ Luật Quản: lý thuế số 38/2019/QH14;',),
    )
    assert extract_record(text)["number"] == "109/2025/TT-BTC"


def test_no_number_is_read_below_the_start_of_the_body(make_doc):
    text = make_doc(number="", body=("Kính gửi: Sở Tài chính", "Số: 12/QĐ-UBND"))
    assert extract_record(text)["number"] is None


def test_fraction_slash_and_a_number_split_where_ones_meet(make_doc):
    assert extract_record(make_doc(number="Số: 78/2025⁄NQ-HĐND"))["number"] == "78/2025/NQ-HĐND"
    record = extract_record(make_doc(number="Số: 1 1654/VPCP-CN"))
    assert record["number"] == "11654/VPCP-CN"
    span = record["evidence"]["number"]
    assert make_doc(number="Số: 1 1654/VPCP-CN")[span["start"] : span["end"]] == "1 1654/VPCP-CN"


def test_symbol_year_misread_is_settled_by_the_date_and_the_citations(make_doc):
    body = ("Căn cứ Nghị định số 12/2025/NĐ-CP ngày 05 tháng 3 năm 2025 của Chính phủ;",)
    date = "Hải Phòng, ngày 17 tháng 11 năm 2025"
    record = extract_record(make_doc(number="Số: 209/2028/QĐ-UBND", date=date, body=body))
    assert (record["number"], record["issued_date"]) == ("209/2025/QĐ-UBND", "2025-11-17")
    date_off = "Hải Phòng, ngày 17 tháng 11 năm 2028"
    record = extract_record(make_doc(number="Số: 209/2025/QĐ-UBND", date=date_off, body=body))
    assert (record["number"], record["issued_date"]) == ("209/2025/QĐ-UBND", "2025-11-17")
    # without citations to settle it, both stay as read and the mismatch is warned
    bare = extract_record(make_doc(number="Số: 209/2028/QĐ-UBND", date=date, body=()))
    assert bare["number"] == "209/2028/QĐ-UBND"
    assert any(w["code"] == "year_mismatch" for w in bare["warnings"])


def test_code_one_slip_from_the_issuer_initials_and_a_known_code(make_doc):
    assert repair_codes("5331/CFCS", {"CT"}) == "5331/CT-CS"  # T read as F, hyphen lost
    assert repair_codes("5282/TCS", {"CT"}) == "5282/CT-CS"  # a letter lost too
    assert repair_codes("5331/CFCS", {"BTC"}) is None  # nothing expected comes that close
    assert repair_codes("52/2025/QĐ-CTUBND", {"UBND", "QĐ"}) is None  # a compound as printed
    text = make_doc(issuer=("BỘ TÀI CHÍNH", "CỤC THUẾ"), number="Số: 5331/CFCS", type_line=None)
    record = extract_record(text)
    assert record["number"] == "5331/CT-CS"
    assert any(w["code"] == "code_repaired" for w in record["warnings"])


def test_citations_in_the_summary_or_the_title_are_not_the_number(make_doc):
    summary = make_doc(
        number="Số:", summary="V/v thực hiện Nghị định số 12/2025/NĐ-CP", type_line=None
    )
    assert extract_record(summary)["number"] is None
    title = make_doc(number="", title=("SỬA ĐỔI QUYẾT ĐỊNH SỐ 7/2024/QĐ-UBND",))
    assert extract_record(title)["number"] is None


def test_slash_lost_before_a_known_code(make_doc):
    assert extract_record(make_doc(number="Sẽ 2881QĐ-TTg"))["number"] == "2881/QĐ-TTg"
    assert extract_record(make_doc(number="Số5282XQZ"))["number"] is None  # no known code
