"""Cleaning Tesseract's word list before layout."""

from __future__ import annotations

from ocrfix.ocr.model import OcrWord
from ocrfix.ocr.tesseract import _without_double_readings


def _word(text: str, left: int, right: int, conf: float, line: int = 1) -> OcrWord:
    return OcrWord(text, (left, 100, right, 140), conf, 2, 1, line)


def test_a_stretch_read_twice_keeps_the_more_confident_reading() -> None:
    words = [_word("TỈNH", 252, 321, 92), _word("HÀ", 336, 371, 93), _word("TÌ", 386, 421, 22),
             _word("HÀ", 342, 386, 95), _word("TĨNH", 394, 474, 96)]  # fmt: skip
    assert [w.text for w in _without_double_readings(words)] == ["TỈNH", "HÀ", "TĨNH"]


def test_neighbours_and_other_lines_are_kept() -> None:
    words = [_word("Hà", 100, 150, 90), _word("Nội", 160, 220, 40),
             _word("ngày", 100, 180, 30, line=2)]  # fmt: skip
    assert _without_double_readings(words) == words
