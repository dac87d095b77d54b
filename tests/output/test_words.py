"""Repaired words: each OCR word gets the repair of its own span of the page text."""

from __future__ import annotations

import itertools

import pytest

from ocrfix.ocr import OcrPage, OcrWord
from ocrfix.ocr.layout import page_text
from ocrfix.output.words import layout_spans, repair_lines, repair_page
from ocrfix.repair import RepairedToken, RepairResult

_LINE_IDS = itertools.count(1)


def line(y: int, *texts: str, x: int = 100) -> list[OcrWord]:
    """Words side by side on one row at height ``y``, 40 px tall, a word's gap apart: one
    Tesseract line (block, paragraph and line ids of its own)."""
    words, block = [], next(_LINE_IDS)
    for text in texts:
        width = 22 * len(text)
        words.append(OcrWord(text, (x, y, x + width, y + 40), 80.0, block, 1, 1))
        x += width + 18
    return words


def fake_repair(table: dict[str, tuple[str, float]]):
    """A repair that rewrites whole whitespace-separated tokens found in ``table``."""

    def repair(text: str) -> RepairResult:
        tokens, pieces, last, pos = [], [], 0, 0
        for part in text.split(" "):
            for chunk in part.split("\n"):
                start = text.index(chunk, pos) if chunk else pos
                pos = start + len(chunk)
                if chunk in table:
                    new, conf = table[chunk]
                    tokens.append(RepairedToken(chunk, new, start, pos, conf))
                    pieces += [text[last:start], new]
                    last = pos
        pieces.append(text[last:])
        return RepairResult("".join(pieces), tuple(tokens))

    return repair


def texts(page) -> list[list[str]]:
    return [[w.text for w in row] for row in page.lines]


def test_spans_rebuild_the_layout_text_of_a_two_column_header() -> None:
    words = [
        *line(100, "ỦY", "BAN", "NHÂN", "DÂN", x=100),
        *line(100, "CỘNG", "HÒA", "XÃ", "HỘI", x=1200),
        *line(160, "Số:", "84/QĐ-UBND", x=100),
        *line(160, "Độc", "lập", "-", "Tự", "do", x=1200),
        *line(400, "Điều", "1.", "Phạm", "vi"),
    ]
    text, lines = layout_spans(words)
    assert text == page_text(words)
    assert text.startswith("ỦY BAN NHÂN DÂN\nSố: 84/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI")
    for row in lines:
        for word, start, end in row:
            assert text[start:end] == word.text


def test_spans_are_nfc_when_the_words_are_decomposed() -> None:
    decomposed = "Vie\u0323\u0302t"  # Việt with combining marks
    text, lines = layout_spans(line(100, "Cộng", decomposed, "Nam"))
    word, start, end = lines[0][1]
    assert text[start:end] == "Việt" and word.text == decomposed


def test_a_glued_token_split_in_two_stays_on_its_word() -> None:
    words = line(100, "Xét", "làxã", "loại", "1")
    page = repair_lines(words, fake_repair({"làxã": ("là xã", 0.7)}))
    assert texts(page) == [["Xét", "là xã", "loại", "1"]]
    assert [w.confidence for w in page.lines[0]] == [1.0, 0.7, 1.0, 1.0]
    assert [w.changed for w in page.lines[0]] == [False, True, False, False]
    assert page.text == "Xét là xã loại 1"


def test_punctuation_glued_to_a_word_is_kept_around_its_repair() -> None:
    words = line(100, "(Ha", "Nôi,", "ngay")

    def repair(text: str) -> RepairResult:
        tokens = (
            RepairedToken("Ha", "Hà", 1, 3, 0.9),
            RepairedToken("Nôi", "Nội", 4, 7, 0.8),
            RepairedToken("ngay", "ngày", 9, 13, 0.95),
        )
        return RepairResult("(Hà Nội, ngày", tokens)

    page = repair_lines(words, repair)
    assert texts(page) == [["(Hà", "Nội,", "ngày"]]
    assert [w.confidence for w in page.lines[0]] == [0.9, 0.8, 0.95]


@pytest.mark.parametrize(
    ("repaired", "expected"),
    [
        ("9476 /BNNMT-CNTY", ["9476", "/BNNMT-CNTY"]),  # kept as a code
        ("9476 /BNNMT-CNTT", ["9476", "/BNNMT-CNTT"]),  # letters repaired, pieces kept
        ("9476/BNNMT-CNTY", ["9476/BNNMT-CNTY", ""]),  # joined: all on the first word
    ],
)
def test_a_code_across_two_words_is_shared_between_them(repaired: str, expected: list[str]) -> None:
    words = line(100, "Số:", "9476", "/BNNMT-CNTY", "về")

    def repair(text: str) -> RepairResult:
        token = RepairedToken("9476 /BNNMT-CNTY", repaired, 4, 20, 0.9)
        return RepairResult(text[:4] + repaired + text[20:], (token,))

    page = repair_lines(words, repair)
    assert texts(page) == [["Số:", *expected, "về"]]


def test_words_repair_leaves_alone_are_unchanged_and_sure() -> None:
    words = line(100, "Điều", "2.", "Quyết", "định")
    page = repair_lines(words, fake_repair({}))
    assert texts(page) == [["Điều", "2.", "Quyết", "định"]]
    assert all(w.confidence == 1.0 and not w.changed for w in page.lines[0])


def test_aligned_follows_ocr_order_and_keeps_blank_words() -> None:
    blank = OcrWord(" ", (900, 100, 910, 140), 0.0)
    right = line(100, "Nam", x=1500)
    left = line(100, "Viet", x=100)
    words = [*right, blank, *left]
    page = repair_page(OcrPage(1, words=words), fake_repair({"Viet": ("Việt", 0.9)}))
    assert [w.text for w in page.aligned(words)] == ["Nam", " ", "Việt"]
    assert [w.word for w in page.aligned(words)] == words


def test_a_page_without_words_is_repaired_as_text() -> None:
    page = repair_page(OcrPage(1, text="Viet Nam", source="text-layer"),
                       fake_repair({"Viet": ("Việt", 0.9)}))  # fmt: skip
    assert page.text == "Việt Nam" and page.lines == []


def test_the_module_examples_hold() -> None:
    import doctest

    from ocrfix.output import geometry, words

    for module in (words, geometry):
        assert doctest.testmod(module).failed == 0
