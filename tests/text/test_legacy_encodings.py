"""TCVN3, VNI and VIQR: every character round-trips; detection picks the right one or none."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from hypothesis import given, settings
from vn_strategies import VIETNAMESE_LETTERS, sentences

from ocrfix.text.legacy import (
    LEGACY_ENCODINGS,
    convert,
    decode_cp1252,
    detect_legacy,
    encode,
    encode_bytes,
)

NATIONAL_MOTTO = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"
ENGLISH = (
    "The committee met on Monday to review the budget. Members asked whether the new "
    "rules apply to schools, hospitals and roads; the chair said they do. I'm sure we'll "
    "agree, don't you think? Let's go."
)
FRENCH = "Café à la crème, où est-il? Il a été à Hà Nội en été."


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS)
def test_every_letter_round_trips_through_text_and_bytes(encoding, letter):
    encoded = encode(letter, encoding)
    assert convert(encoded, encoding) == letter
    in_word = f"b{letter}n"  # through cp1252, as a file read on Windows shows it
    shown = decode_cp1252(encode_bytes(in_word, encoding))
    assert convert(shown, encoding) == in_word


@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS)
def test_every_letter_round_trips_through_viqr(letter):
    word = f"b{letter}n" if letter not in "đĐ" else f"{letter}i"
    assert convert(encode(word, "viqr"), "viqr") == word
    assert encode(word, "viqr").isascii()


def test_tables_are_one_to_one():
    for encoding in ("tcvn3", "vni"):
        codes = [encode(c, encoding) for c in VIETNAMESE_LETTERS]
        assert len(set(codes)) == len(codes), encoding


@pytest.mark.parametrize(
    ("encoding", "legacy"),
    [
        ("tcvn3", "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc"),
        ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc"),
        (
            "viqr",
            "Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam\nDDo^.c la^.p - Tu+. do - Ha.nh phu'c",
        ),
    ],
)
def test_known_mojibake_converts_and_is_detected(encoding, legacy):
    assert convert(legacy, encoding) == NATIONAL_MOTTO
    assert detect_legacy(legacy) == encoding
    assert encode(NATIONAL_MOTTO, encoding) == legacy


def test_tcvn3_capitals_font_words_and_lines():
    # .VnTimeH: lower-case codes drawn as capitals; ASCII letters tell the case.
    assert convert("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "tcvn3") == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )
    assert convert("QUYÕT §ÞNH", "tcvn3") == "QUYẾT ĐỊNH"
    assert convert("Sè: 12/Q§-UBND", "tcvn3") == "Số: 12/QĐ-UBND"  # title case kept


def test_tcvn3_vn1_combining_tone_bytes():
    assert convert("Vi\xaa\xb4t Nam 30\xb0C", "tcvn3") == "Việt Nam 30°C"


def test_tcvn3_keeps_windows_punctuation_outside_words():
    assert convert("“§iÒu 1” – Quy ®Þnh…", "tcvn3") == "“Điều 1” – Quy định…"
    assert convert("C—NG", "tcvn3") == "CỘNG"  # VN1 capital (0x97) read as cp1252 inside a word


def test_viqr_punctuation_and_escapes():
    assert convert("Ta.i Ha` No^.i. DDi dda^u\\?\nSo^': 12/QDD-UBND, 5.000 dd", "viqr") == (
        "Tại Hà Nội. Đi đâu?\nSố: 12/QĐ-UBND, 5.000 đ"
    )
    assert convert("So+? GDDDT, VPDDKDDDD", "viqr") == "Sở GDĐT, VPĐKĐĐ"
    assert convert("nhau. kho^ng?", "viqr") == "nhaụ không?"  # RFC 1456: escape to mean "."
    assert convert("Ha.\\. a... d\\dos", "viqr") == "Hạ. a... ddos"
    assert encode("Hà Nội.", "viqr") == "Ha` No^.i\\."


@settings(max_examples=150, deadline=None)
@given(text=sentences())
def test_encode_then_convert_is_identity(text):
    for encoding in LEGACY_ENCODINGS:
        if encoding == "tcvn3" and _case_unknowable_in_tcvn3(text):
            continue  # see test_tcvn3_reads_a_line_without_ascii_small_letters_as_capitals
        assert convert(encode(text, encoding), encoding) == text, encoding


def _case_unknowable_in_tcvn3(text: str) -> bool:
    """TCVN3 gives marked capitals the small letters' codes, so a line whose only small
    letters are marked ones (``à IẾC OÁC.``) reads as a line of capitals."""
    return any(
        not any(c.isascii() and c.islower() for c in line) and any(c.islower() for c in line)
        for line in text.split("\n")
    )


def test_tcvn3_reads_a_line_without_ascii_small_letters_as_capitals():
    assert convert(encode("à IẾC OÁC.", "tcvn3"), "tcvn3") == "À IẾC OÁC."


@settings(max_examples=150, deadline=None)
@given(text=sentences(min_words=6))
def test_detection_finds_the_encoding_of_generated_sentences(text):
    words = set(regex.findall(r"\w+", text))
    for encoding in LEGACY_ENCODINGS:
        encoded = encode(text, encoding)
        changed = {w for w in words if encode(w, encoding) != w}
        if len(changed) >= max(4, len(words) / 2):  # real text: most words carry marks
            assert detect_legacy(encoded) == encoding, (encoding, encoded)


@settings(max_examples=150, deadline=None)
@given(text=sentences())
def test_unicode_vietnamese_is_never_detected_as_legacy(text):
    assert detect_legacy(text) is None
    assert detect_legacy(unicodedata.normalize("NFD", text)) is None


@pytest.mark.parametrize(
    "text",
    [NATIONAL_MOTTO, ENGLISH, FRENCH, "Ket qua thuc hien cong tac nam 2020", "", "12/2020/NĐ-CP"],
)
def test_plain_text_is_not_detected(text):
    assert detect_legacy(text) is None


def test_unknown_encoding_is_an_error():
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        convert("x", "koi8-r")
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        encode("x", "cp1258")
