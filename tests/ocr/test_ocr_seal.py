"""Lifting a black seal out of a signature-block crop before it is re-read (faxes)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from pagegen import BODY, FOOTER_LEFT, FOOTER_RIGHT, HEADER_LEFT, HEADER_RIGHT, font
from PIL import Image, ImageDraw

from ocrfix.ocr import OcrOptions, OcrWord
from ocrfix.ocr.document import ocr_page
from ocrfix.ocr.recover import recover_words
from ocrfix.ocr.seal import find_rings, lift_seal
from ocrfix.ocr.tesseract import TesseractEngine
from ocrfix.pages import Page

DPI = 150
CENTRE, OUTER, INNER = (200, 160), 110, 75  # a 37 mm seal at 150 dpi


def _seal_crop(*, rim: bool = True) -> np.ndarray:
    """A crop with a black two-ring seal, a bar across it (a letter's stem the ring crosses),
    a round emblem in the middle and, between the rings, small rim marks."""
    crop = np.full((330, 520), 255, np.uint8)
    cv2.circle(crop, CENTRE, OUTER, 0, 4)
    cv2.circle(crop, CENTRE, INNER, 0, 2)
    cv2.circle(crop, CENTRE, 25, 0, -1)
    cv2.rectangle(crop, (250, 20), (261, 85), 0, -1)  # crosses the outer ring, top
    if rim:
        for angle in np.linspace(3.6, 4.4, 5):  # on the upper left rim: no text on those rows
            x, y = (round(c + 92 * f(angle)) for c, f in zip(CENTRE, (np.cos, np.sin), strict=True))
            cv2.rectangle(crop, (x - 3, y - 4), (x + 3, y + 4), 0, -1)
    return crop


def _on_circle(radius: int) -> tuple[np.ndarray, np.ndarray]:
    angles = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    xs = np.round(CENTRE[0] + radius * np.cos(angles)).astype(int)
    ys = np.round(CENTRE[1] + radius * np.sin(angles)).astype(int)
    return ys, xs


def test_both_rings_are_found_once() -> None:
    ink = (_seal_crop() < 128).astype(np.uint8)
    rings = sorted(find_rings(ink, DPI), key=lambda r: r.radius)
    assert len(rings) == 2
    for ring, radius in zip(rings, (INNER, OUTER), strict=True):
        assert abs(ring.x - CENTRE[0]) <= 2 and abs(ring.y - CENTRE[1]) <= 2
        assert ring.inner - 1 <= radius <= ring.outer + 1


def test_no_ring_in_plain_text_or_an_arc() -> None:
    crop = np.full((330, 520), 255, np.uint8)
    cv2.putText(crop, "TRAN BAU HA", (40, 170), cv2.FONT_HERSHEY_SIMPLEX, 1.8, 0, 5)
    cv2.ellipse(crop, CENTRE, (OUTER, OUTER), 0, 0, 200, 0, 4)  # a scribble's loop, not a ring
    assert lift_seal(crop, DPI) is None


def test_rings_emblem_and_rim_marks_go_and_a_crossing_stem_stays() -> None:
    crop = _seal_crop()
    lifted = lift_seal(crop, DPI)
    assert lifted is not None
    for radius in (OUTER, INNER):
        ys, xs = _on_circle(radius)
        assert (lifted[ys, xs] == 255).mean() > 0.95
    stem = lifted[20:86, 250:262]
    assert (stem == 0).mean() > 0.97  # including where the ring crossed it
    x, y = CENTRE
    assert (lifted[y - 25 : y + 26, x - 25 : x + 26] == 255).all()  # the emblem
    left_rim = lifted[60:150, 100:160]  # between the rings, upper left
    assert (left_rim == 255).all() and (crop[60:150, 100:160] == 0).any()


def test_rim_marks_on_a_text_row_stay() -> None:
    """A mark between the rings on a row that runs on past the seal may be a letter or a
    tone mark of a capacity line: it stays."""
    crop = _seal_crop(rim=False)
    cv2.rectangle(crop, (112, 150), (118, 158), 0, -1)  # between the rings, left
    cv2.rectangle(crop, (330, 148), (500, 160), 0, -1)  # the rest of its line, outside
    lifted = lift_seal(crop, DPI)
    assert lifted is not None and (lifted[150:159, 112:119] == 0).all()


class _Reader:
    """Answers fixed words over the crop's ink, recording what it was shown."""

    def __init__(self, texts: list[str], conf: float = 90.0) -> None:
        self.texts, self.conf, self.crops = texts, conf, []

    def __call__(self, crop: np.ndarray) -> list[OcrWord]:
        self.crops.append(crop)
        width = crop.shape[1] // max(1, len(self.texts))
        # sparse text mode: every word its own block, right to left as Tesseract may list them
        return [
            OcrWord(text, (i * width, 250, (i + 1) * width - 5, 280), self.conf, 1 + i, 1, 1)
            for i, text in reversed(list(enumerate(self.texts)))
        ]


def _page_with_seal() -> tuple[np.ndarray, list[OcrWord]]:
    page = np.full((700, 900), 255, np.uint8)
    page[300:630, 300:820] = _seal_crop()
    cv2.putText(page, "Noi nhan", (40, 120), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    words = [OcrWord("Nơi", (35, 90, 130, 130), 95, 1, 1, 1)]
    return page, words


def test_under_a_seal_the_sparse_reader_reads_the_lifted_crop_in_rows() -> None:
    page, words = _page_with_seal()
    block, sparse = _Reader(["~~"]), _Reader(["Trần", "Báu", "Hà", "~~"])
    found = recover_words(page, words, block, sparse=sparse, dpi=DPI)[1:]
    assert [w.text for w in found] == ["Trần", "Báu", "Hà"] and not block.crops
    assert len({(w.block, w.par, w.line) for w in found}) == 1  # one row, left to right
    (crop,) = sparse.crops
    assert (crop == 0).sum() < (page == 0).sum() / 2  # the seal is gone from it


def test_without_a_seal_the_sparse_reader_is_not_asked() -> None:
    page, words = _page_with_seal()
    page[300:630, 300:820] = 255
    image = Image.fromarray(page)
    for y, line in ((340, "TM. ỦY BAN NHÂN DÂN"), (410, "CHỦ TỊCH"), (560, "Trần Báu Hà")):
        ImageDraw.Draw(image).text((340, y), line, fill=0, font=font(48, bold=True))
    page = np.asarray(image)
    block, sparse = _Reader(["Trần"]), _Reader(["Hà"])
    found = recover_words(page, words, block, sparse=sparse, dpi=DPI)[1:]
    assert [w.text for w in found] == ["Trần"] and not sparse.crops


def _admin_text() -> str:
    header = [*HEADER_LEFT[:2], *HEADER_RIGHT[:2], HEADER_LEFT[2], HEADER_RIGHT[2]]
    return "\n".join([*header, *BODY, *FOOTER_LEFT, *FOOTER_RIGHT])


class _Counting:
    """An engine that counts the pages it is asked to read."""

    def __init__(self, engine: TesseractEngine) -> None:
        self.engine, self.name, self.calls = engine, engine.name, 0

    def recognise(self, image, *, lang, timeout, dpi):
        self.calls += 1
        return self.engine.recognise(image, lang=lang, timeout=timeout, dpi=dpi)


@pytest.mark.tesseract
def test_signer_under_a_black_fax_seal_is_read() -> None:
    from ocrfix.synth import synthetic_scan

    # A fax on which the block re-read with the seal in it lost the signer's name (dev, 2026-11).
    scan = synthetic_scan(_admin_text(), layout="admin", kind="fax", seed=0, dpi=300)
    page = Page(1, np.asarray(scan.image.convert("L")), dpi=scan.params["dpi"])
    sparse = _Counting(TesseractEngine(psm=11))
    text = ocr_page(page, Path("fax.png"), OcrOptions(sparse_engine=sparse)).text
    assert sparse.calls == 1  # the seal was found in the crop and lifted
    assert text.splitlines()[-1] == FOOTER_RIGHT[-1]
