"""The orientation check after OCR: a Vietnamese page read as nonsense is read again turned
over, and the better reading is kept (no Tesseract needed: a fake engine that reads the
page only the right way up)."""

from __future__ import annotations

import numpy as np

from ocrfix.ocr.document import OcrOptions, _read_upright
from ocrfix.ocr.model import OcrWord
from ocrfix.ocr.upright import looks_upside_down, syllable_share
from ocrfix.preprocess import Prepared, PreprocessOptions

VIETNAMESE = ["Ủy", "ban", "nhân", "dân", "xã", "Tam", "Hợp", "báo", "cáo", "kết", "quả", "thực",
              "hiện", "công", "tác", "tuyên", "truyền"]
NONSENSE = ["ʇɐɯ", "dɔɥ", "qnx", "uɐp", "uɐɥu", "ubɐq", "ʞnl", "ənb", "ʇǝʞ", "oɐɔ", "nuoqt",
            "Tgbdx", "rrqw"]


def _words(texts: list[str]) -> list[OcrWord]:
    return [OcrWord(t, (10 * i, 0, 10 * i + 8, 10), 90.0) for i, t in enumerate(texts)]


class UprightOnly:
    """Reads Vietnamese when the page's dark corner is at the top left, nonsense otherwise."""

    name = "upright-only"

    def __init__(self) -> None:
        self.calls = 0

    def recognise(self, image, *, lang, timeout, dpi):
        self.calls += 1
        upright = image[:10, :10].mean() < 128
        return _words(2 * (VIETNAMESE if upright else NONSENSE))


def _page(upright: bool) -> Prepared:
    image = np.full((100, 80), 255, np.uint8)
    image[:10, :10] = 0
    return Prepared(image if upright else np.rot90(image, 2).copy(), rotation=90)


def test_vietnamese_reads_as_syllables_and_nonsense_does_not() -> None:
    assert syllable_share(_words(VIETNAMESE))[0] == 1.0
    assert looks_upside_down(_words(2 * NONSENSE))
    assert not looks_upside_down(_words(NONSENSE[:5]))  # too few words to judge


def test_a_page_read_upside_down_is_turned_over_and_read_again() -> None:
    engine, page = UprightOnly(), _page(upright=False)
    words = _read_upright(page, engine, OcrOptions(), dpi=300)
    assert [w.text for w in words[:3]] == VIETNAMESE[:3]
    assert page.rotation == 270 and page.image[:10, :10].mean() == 0 and engine.calls == 2


def test_an_upright_page_costs_one_reading() -> None:
    engine, page = UprightOnly(), _page(upright=True)
    _read_upright(page, engine, OcrOptions(), dpi=300)
    assert engine.calls == 1 and page.rotation == 90


def test_no_second_reading_for_another_language_or_with_orientation_off() -> None:
    for options in (OcrOptions(lang="eng"),
                    OcrOptions(preprocess=PreprocessOptions(orientation=False))):
        engine, page = UprightOnly(), _page(upright=False)
        _read_upright(page, engine, options, dpi=300)
        assert engine.calls == 1 and page.rotation == 90
