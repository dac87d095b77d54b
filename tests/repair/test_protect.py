"""What is never changed, and codes repaired from the learned list."""

from __future__ import annotations

import pytest

from ocrfix.repair.lmtokens import NUM
from ocrfix.repair.protect import BREAK, CodeBook, code_of, context_keys
from ocrfix.repair.tokenize import tokenize

BOOK = CodeBook(
    {"QĐ": 100, "UBND": 90, "HĐND": 50, "HD": 20, "HĐ": 30, "TTĐT": 60, "TTg": 30, "CT": 40,
     "NĐ": 900, "ND": 40},
    {"đ": {"d", "b", "p"}},
)


def one(text: str):
    (token,) = tokenize(text)
    return token


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Qb-UBND", "QĐ-UBND"),
        ("1909/Qb-UBND", "1909/QĐ-UBND"),
        ("23/CT-TTg", "23/CT-TTg"),
        ("HDND", "HĐND"),
        ("TTDT", "TTĐT"),
        ("HD", "HD"),  # a known code of its own: kept
        ("15/2020/ND-CP", "15/2020/NĐ-CP"),  # known, but NĐ is far more frequent
        ("UBND", "UBND"),
    ],
)
def test_codes_are_kept_or_repaired(text, expected):
    assert code_of(one(text), BOOK) == expected


@pytest.mark.parametrize("text", ["HQP", "TAM", "Péc", "Xyz", "cong"])
def test_words_are_not_codes(text):
    assert code_of(one(text), BOOK) is None


@pytest.mark.parametrize("text", ["12/XYZQ-UBND", "V/v", "Đ/c", "b/c"])
def test_unknown_code_in_a_symbol_is_left_alone(text):
    assert code_of(one(text), BOOK) == text


def test_differences_outside_marked_letters_are_not_repairs():
    assert BOOK.repair_part("UBNP") is None
    assert BOOK.repair_part("HDNP") is None  # two differences in four letters
    assert BOOK.repair_part("QN") is None  # N is no reading of Đ
    assert BOOK.repair_part("v") is None  # single letters are never guessed


def test_context_keys():
    assert context_keys(one("2025")) == [NUM]
    assert context_keys(one("15/7/2021")) == [NUM, NUM, NUM]  # as the LM was trained
    assert context_keys(one("1909/BC-UBND")) == [NUM, "bc", "ubnd"]
    assert context_keys(one("31/2015/TT-BYT")) == [NUM, NUM, "tt", "byt"]
    assert context_keys(one("1.000.000")) == [NUM]
    assert context_keys(one(".")) == [BREAK]
    assert context_keys(one(",")) == []
    assert context_keys(one("https://a.vn")) == []


def test_shipped_code_list_has_the_common_codes():
    book = CodeBook.load()
    for code in ("UBND", "HĐND", "QĐ", "TTg", "CNTT", "TTĐT"):
        assert code in book.counts


def test_a_rare_marked_code_does_not_replace_an_unknown_one():
    book = CodeBook({"BCĐ": 5, "QĐ": 100, "TTr": 40}, {"đ": {"b", "d", "h"}})
    assert book.repair("TTr-BCH") == "TTr-BCH"  # Ban chỉ huy, not a garbled BCĐ
    assert book.repair("Qb") == "QĐ"
