"""Digits are data: a repair never drops a digit or changes a number glued to a word; a short
stand-alone number is read as a word only where OCR damage and context make it likely."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocrfix.repair import fix
from ocrfix.repair.lattice import Params, number_readings, word_choices
from ocrfix.repair.tokenize import Token
from ocrfix.text import strip_diacritics

WORDS = [
    "tháng", "thang", "ngày", "ngay", "năm", "nam", "Hà", "Nội", "Ha", "Noi", "số", "so",
    "khoản", "khoan", "Điều", "Dieu", "xã", "xa", "UBND", "QH", "là", "la", "a", "ủy",
]  # fmt: skip
NUMBER = st.from_regex(r"\A[0-9]{1,5}\Z")
LONG_NUMBER = st.from_regex(r"\A[0-9]{2,5}\Z")
SEPARATOR = st.sampled_from([" ", "  ", "\n", "\r\n", "\t", ", ", ". ", ": ", "/", "-", " (", ") "])


@st.composite
def documents(draw) -> str:
    """Words and numbers; a number of two or more digits may be glued to a word."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.booleans()):
            glued = parts and not parts[-1][-1:].isdigit() and draw(st.booleans())
            parts.append(draw(LONG_NUMBER if glued else NUMBER))
            if not glued:
                parts[-1] = " " + parts[-1]
        else:
            glued = parts and parts[-1][-1:].isdigit() and len(parts[-1].strip()) > 1
            word = draw(st.sampled_from(WORDS))
            parts.append(word if glued and draw(st.booleans()) else " " + word)
        parts.append(draw(SEPARATOR) if draw(st.booleans()) else "")
    return "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_digits_and_line_breaks_survive_repair(text):
    out = fix(text)
    assert regex.findall(r"\d", out) == regex.findall(r"\d", text)
    assert out.count("\n") == text.count("\n")
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ha Noi, ngay 24 thang11 nam 2025", "Hà Nội, ngày 24 tháng11 năm 2025"),
        ("ngay24/12/2024", "ngày24/12/2024"),
        ("Luat so 54/2014/QH13 va QH15", "Luật số 54/2014/QH13 và QH15"),
    ],
)
def test_numbers_glued_to_words_are_kept_as_printed(text, expected):
    assert fix(text) == expected


def test_numbers_with_one_letter_are_kept_whole():
    out = fix("mau 03b luc 18h00, model SAC305")
    assert "03b" in out and "18h00" in out and "SAC305" in out


def test_runs_of_digits_are_never_read_as_letters():
    channel = {
        "S06": [("số", -0.5), ("sáu", -1.0)],
        "S": [("số", -3.0)],
        "thang06": [("tháng", -4.0)],
        "thang": [("tháng", -0.2), ("thắng", -0.5)],
    }
    texts, _ = word_choices("S06", lambda w: channel.get(w, []), Params())
    assert texts == ["s06"]  # "06" is not "ố": only the word as printed is left
    texts, logps = word_choices("thang06", lambda w: channel.get(w, []), Params())
    assert dict(zip(texts, logps, strict=True)) == {
        "tháng 06": -0.2, "thắng 06": -0.5, "thang06": Params().keep_logp
    }  # fmt: skip


def test_word_choices_put_ignored_edge_digits_back():
    channel = {"thang1": [("tháng", -4.0), ("thanh", -5.0)], "thang": [("tháng", -0.2)],
               "S6": [("số", -0.5)], "S": [("sở", -2.0)]}  # fmt: skip

    def candidates(word: str):
        return channel.get(word, [])

    texts, logps = word_choices("thang1", candidates, Params())
    assert texts[0] == "tháng 1" and logps[0] == pytest.approx(-4.0)  # the 1 stays a number
    assert "thanh" in texts  # reads the 1 as h: a repair, allowed
    texts, _ = word_choices("S6", candidates, Params())
    assert texts[0] == "số"  # 6 read as ố, as the error model learned
    assert all(
        strip_diacritics(t) != "thang" for t in word_choices("thang1", candidates, Params())[0]
    )


def test_short_numbers_in_damaged_text_may_be_words_but_stay_numbers_by_default():
    assert fix("chat lugng khong khi 6 mtc “Xau” tré lén.") == (
        "chất lượng không khí ở mức “Xấu” trở lên."
    )
    assert fix("Diéu 14 va khoan 16 ctia Luat nay") == "Điều 14 và khoản 16 của Luật này"


def test_number_readings_are_penalised_and_only_for_short_plain_numbers():
    def channel(word: str) -> list[tuple[str, float]]:
        return [("số", -2.0), ("s0", -1.0)]

    params = Params()
    readings = number_readings(Token("number", "86", 0, 2), channel, params)
    assert readings == {"số": params.w_channel * -2.0 + params.digit_word_logp}  # no digits
    for text in ("2024", "1.000", "3,5"):
        assert number_readings(Token("number", text, 0, len(text)), channel, params) == {}
    assert number_readings(Token("word", "S6", 0, 2), channel, params) == {}


def test_a_misread_symbol_number_is_left_for_extraction():
    assert fix("Số: B0/2025/NQ-HĐND ngay 5").startswith("Số: B0/2025/NQ-HĐND ngày")
