"""Re-reading ink that no word covers: the signature block under a seal."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from pagegen import BODY, FOOTER_LEFT, FOOTER_RIGHT, HEADER_LEFT, HEADER_RIGHT, text_page

from ocrfix.ocr import OcrOptions, OcrWord
from ocrfix.ocr.document import ocr_page
from ocrfix.ocr.recover import BLOCK_BASE, fade_light_marks, recover_words, uncovered_regions
from ocrfix.ocr.tesseract import TesseractEngine
from ocrfix.pages import Page

LINES = [
    "Căn cứ Luật Tổ chức chính quyền",
    "Điều 1. Ban hành kèm theo",
    "TM. ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH",
    "Trần Báu Hà",
]
SIZE, STEP, TOP, LEFT = 54, 81, 236, 236  # pagegen.text_page's geometry


def _page() -> np.ndarray:
    return np.asarray(text_page(LINES, size=SIZE, page=(1400, 700)))


def _line_word(index: int, conf: float = 95.0) -> OcrWord:
    """One word box over the whole of printed line ``index``."""
    top = TOP + index * STEP
    return OcrWord(LINES[index], (LEFT - 4, top + 4, 1300, top + SIZE + 4), conf, 1, 1, index + 1)


class CropReader:
    """Answers one word per crop, where the crop's ink is; records the crops."""

    def __init__(self, conf: float = 92.0) -> None:
        self.conf = conf
        self.crops: list[np.ndarray] = []

    def __call__(self, crop: np.ndarray) -> list[OcrWord]:
        self.crops.append(crop)
        ys, xs = np.nonzero(crop < 128)
        box = (int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max()))
        return [OcrWord("Hà", box, self.conf, 1, 1, 1)]


def test_fully_read_page_has_no_region_and_costs_no_reading() -> None:
    reader = CropReader()
    words = [_line_word(i) for i in range(4)]
    assert uncovered_regions(_page(), words) == []
    assert recover_words(_page(), words, reader) == words and not reader.crops


def test_an_unread_line_is_cropped_read_and_placed_on_the_page() -> None:
    grey, reader = _page(), CropReader()
    words = [_line_word(0), _line_word(1)]
    (region,) = uncovered_regions(grey, words)
    assert region[1] > TOP + 2 * STEP - 60 and region[3] > TOP + 3 * STEP + SIZE  # lines 3-4
    result = recover_words(grey, words, reader)
    (found,) = result[2:]
    assert result[:2] == words and found.block >= BLOCK_BASE
    left, top, right, bottom = found.box  # the crop's ink, back in page coordinates
    assert abs(top - (TOP + 2 * STEP)) < 25 and abs(bottom - (TOP + 3 * STEP + SIZE)) < 25
    assert abs(left - LEFT) < 10 and right < 1300


def test_recovered_words_of_low_confidence_are_dropped() -> None:
    words = [_line_word(0), _line_word(1)]
    assert recover_words(_page(), words, CropReader(conf=30.0)) == words


def test_garbled_words_give_way_to_the_second_reading() -> None:
    words = [_line_word(0), _line_word(1), _line_word(2, conf=10.0), _line_word(3, conf=5.0)]
    result = recover_words(_page(), words, CropReader())
    assert result[:2] == words[:2] and [w.text for w in result[2:]] == ["Hà"]
    unsure = [_line_word(0), _line_word(1), _line_word(2, conf=50.0), _line_word(3, conf=50.0)]
    assert recover_words(_page(), unsure, CropReader()) == unsure  # unsure is not garbage


def test_ink_is_read_once_when_one_region_box_holds_another() -> None:
    grey, reader = _page().copy(), CropReader()
    grey[20:690, 40:62] = 0  # a photographed sheet's edges: one region around the page
    grey[668:690, 40:1390] = 0
    words = [_line_word(0), _line_word(1)]
    regions = sorted(uncovered_regions(grey, words), key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    assert len(regions) == 2
    (inner, outer) = regions
    assert outer[0] <= inner[0] and outer[1] <= inner[1] and inner[3] <= outer[3]
    recover_words(grey, words, reader)
    big = max(reader.crops, key=lambda crop: crop.size)
    lines = big[
        inner[1] - outer[1] : inner[3] - outer[1], inner[0] - outer[0] : inner[2] - outer[0]
    ]
    assert lines.min() == 255 and big.min() == 0  # the edges stay, lines 3-4 are read once


def test_specks_and_rules_do_not_start_a_region() -> None:
    grey = _page().copy()
    words = [_line_word(i) for i in range(4)]
    cv2.line(grey, (300, 520), (1200, 520), 0, 3)  # an underline
    rng = np.random.default_rng(1)
    grey[rng.integers(0, 600, 300), rng.integers(0, 1400, 300)] = 0  # fax speckle
    assert uncovered_regions(grey, words) == []


def test_a_picture_is_not_re_read() -> None:
    grey = _page().copy()
    rng = np.random.default_rng(2)
    grey[560:690, 300:900] = np.where(rng.random((130, 600)) < 0.6, 30, 230)  # halftone
    words = [_line_word(i) for i in range(4)]
    assert uncovered_regions(grey, words) == []


def test_grey_seal_fades_and_black_print_stays() -> None:
    crop = np.full((200, 400), 255, np.uint8)
    cv2.circle(crop, (200, 100), 80, 120, 6)  # a red seal scanned grey
    cv2.putText(crop, "TRAN", (110, 115), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 20, 4)
    faded = fade_light_marks(crop)
    ring = (crop == 120) & (np.abs(np.hypot(*np.mgrid[-100:100, -200:200]) - 80) < 2)
    assert (faded[ring] == 255).mean() > 0.8
    assert np.array_equal(faded[crop < 60], crop[crop < 60])
    plain = np.full((200, 400), 255, np.uint8)
    cv2.putText(plain, "TRAN", (110, 115), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 20, 4)
    assert np.array_equal(fade_light_marks(plain), plain)  # soft edges of print stay


def test_switch_and_custom_engines() -> None:
    """A custom page engine gets the second look only with a block engine of its own."""

    class LinesEngine:
        name = "lines"

        def recognise(self, image, *, lang, timeout, dpi):
            return [_line_word(0), _line_word(1)]

    page = Page(1, _page(), dpi=300)
    path = Path("p.png")
    block = CropReaderEngine()
    plain = ocr_page(page, path, OcrOptions(engine=LinesEngine()))
    both = ocr_page(page, path, OcrOptions(engine=LinesEngine(), block_engine=block))
    off = OcrOptions(engine=LinesEngine(), block_engine=block, recover_uncovered=False)
    assert "Hà" not in plain.text.split() and both.text.split()[-1] == "Hà"
    assert ocr_page(page, path, off).text == plain.text and block.calls == 1


class CropReaderEngine:
    """:class:`CropReader` behind the engine interface, counting its calls."""

    name = "crops"

    def __init__(self) -> None:
        self.calls = 0

    def recognise(self, image, *, lang, timeout, dpi):
        self.calls += 1
        return CropReader()(image)


def _admin_text() -> str:
    header = [*HEADER_LEFT[:2], *HEADER_RIGHT[:2], HEADER_LEFT[2], HEADER_RIGHT[2]]
    return "\n".join([*header, *BODY, *FOOTER_LEFT, *FOOTER_RIGHT])


class BlindToSignature:
    """Tesseract as its page segmentation behaves on some scans: the signature block (right
    of the middle, below the recipients' heading) gets no words."""

    name = "tesseract-blind"

    def recognise(self, image, *, lang, timeout, dpi):
        words = TesseractEngine().recognise(image, lang=lang, timeout=timeout, dpi=dpi)
        heading = next(w for w in words if w.text.startswith("Nơi"))
        middle = image.shape[1] // 2
        return [w for w in words if w.box[0] < middle or w.box[3] < heading.box[1]]


@pytest.mark.tesseract
def test_signature_block_under_a_seal_is_read() -> None:
    from ocrfix.synth import synthetic_scan

    scan = synthetic_scan(_admin_text(), layout="admin", kind="office", seed=2, dpi=200)
    page = Page(1, np.asarray(scan.image.convert("L")), dpi=scan.params["dpi"])
    path = Path("admin.png")
    engines = {"engine": BlindToSignature(), "block_engine": TesseractEngine(psm=6)}
    without = ocr_page(page, path, OcrOptions(recover_uncovered=False, **engines)).text
    text = ocr_page(page, path, OcrOptions(**engines)).text
    assert "Trần Báu Hà" not in without
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[-3:] == FOOTER_RIGHT  # capacity lines and signer, last in reading order
    assert lines.index(FOOTER_LEFT[0]) < lines.index(FOOTER_RIGHT[0])
