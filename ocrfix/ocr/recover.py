"""A second look at ink that no recognised word covers.

Tesseract's page segmentation sometimes gives a whole block no words: the signature block
of an administrative page, whose capacity lines and signer's name sit under a seal and a
scribbled signature, is taken for a picture. Such blocks are found as ink left over once the
recognised words are masked out; each one is cut out (with those words, and the ink of
other regions whose box reaches into it, painted white, so nothing is read twice) and read
again as one uniform block of text (``--psm 6``). A grey seal under black print is faded
out of the crop first; crops of a fax are enlarged. A black seal (a fax) is lifted out
(:mod:`ocrfix.ocr.seal`) and the crop read as sparse text (``--psm 11``, which finds the
words left between the seal's remains). Only regions with a substantial amount of
leftover ink are re-read (on 20 dev pages: one region on most administrative pages, none
on clean single-column ones, where the step costs a few milliseconds).
"""

from __future__ import annotations

from collections.abc import Callable
from statistics import median

import cv2
import numpy as np

from ocrfix.ocr.model import Box, OcrWord
from ocrfix.ocr.seal import lift_seal

# a page's connected components of leftover ink, and which of them are regions to re-read
Labels = tuple[np.ndarray, np.ndarray]
_NO_LABELS: Labels = (np.zeros((0, 0), np.int32), np.zeros(1, bool))

MIN_INK = 3.0  # leftover ink, in squared word heights, for a region to be worth re-reading
MAX_DENSITY = 0.4  # a region this dark is a picture (text, seal and scribble: about 0.1)
MIN_CONF = 60.0  # recovered words below this confidence are the seal or the scribble
# Tesseract's words below this confidence are garbage (a garbled line; 0-26 on dev pages),
# re-read like uncovered ink; a right but unsure word scored 50 there.
COVER_CONF = 30.0
BLOCK_BASE = 1000  # block ids of recovered words start here (Tesseract's own are small)

Reader = Callable[[np.ndarray], list[OcrWord]]


def ink_mask(grey: np.ndarray) -> np.ndarray:
    """Dark pixels (Otsu's threshold over the page), as 0/255."""
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return mask


def _covered(shape: tuple[int, ...], words: list[OcrWord], pad: int) -> np.ndarray:
    mask = np.zeros(shape[:2], np.uint8)
    for word in words:
        left, top, right, bottom = word.box
        mask[max(0, top - pad) : bottom + pad, max(0, left - pad) : right + pad] = 255
    return mask


def _text_like(mask: np.ndarray, height: int) -> np.ndarray:
    """``mask`` without specks and thin rules (underlines, table borders), which are not
    text and would otherwise start a region."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    width, tall, area = stats[:, 2], stats[:, 3], stats[:, 4]
    keep = (area >= max(4, height * height // 60)) & (tall >= height // 3)
    keep &= ~((width < height // 3) & (tall > 2 * height))
    keep[0] = False
    return keep[labels].astype(np.uint8) * 255


def uncovered_regions(grey: np.ndarray, words: list[OcrWord]) -> list[Box]:
    """Boxes (with a margin) around ink that no word box covers, where that ink amounts to
    at least :data:`MIN_INK` squared word heights: text Tesseract did not read. Regions
    denser than :data:`MAX_DENSITY` are pictures: re-reading them would cost a page."""
    return [box for _, box in _regions(grey, words)[0]]


def _regions(grey: np.ndarray, words: list[OcrWord]) -> tuple[list[tuple[int, Box]], Labels]:
    """:func:`uncovered_regions` as (label, box) pairs, with the page's component labels and
    which of them are regions (looked up per crop by :func:`_own_crop`, not page-wide)."""
    if not words:
        return [], _NO_LABELS
    height = max(8, int(median(w.height for w in words)))
    leftover = cv2.bitwise_and(ink_mask(grey), cv2.bitwise_not(_covered(grey.shape, words,
                                                                        height // 4)))  # fmt: skip
    if np.count_nonzero(leftover) < MIN_INK * height * height:  # a fully read page
        return [], _NO_LABELS
    leftover = _text_like(leftover, height)
    joined = cv2.dilate(leftover, np.ones((height + 1, 2 * height + 1), np.uint8))
    count, components, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    page_h, page_w = grey.shape[:2]
    regions = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        ink = int(np.count_nonzero(leftover[y : y + h, x : x + w]))
        core = max(1, (w - 2 * height) * (h - height))  # the box before the dilation
        if ink < MIN_INK * height * height or h < height or ink > MAX_DENSITY * core:
            continue
        regions.append((i, (x, y, min(page_w, x + w), min(page_h, y + h))))
    is_region = np.zeros(count, bool)
    is_region[[label for label, _ in regions]] = True
    return regions, (components, is_region)


def _own_crop(blank: np.ndarray, labels: Labels, label: int, box: Box) -> np.ndarray:
    """``blank`` cut to ``box``, with the other regions reaching into it painted white: the
    box of a slanting region (a photographed sheet's edge) can span the page and take in a
    signature block that is its own region; that block was read three times on a dev page."""
    components, is_region = labels
    left, top, right, bottom = box
    crop = blank[top:bottom, left:right].copy()
    others = components[top:bottom, left:right]
    crop[is_region[others] & (others != label)] = 255
    return crop


def fade_light_marks(crop: np.ndarray) -> np.ndarray:
    """``crop`` with mid-grey ink (a seal printed in colour, scanned grey) turned to paper
    when the print on it is clearly darker; otherwise ``crop`` unchanged. Grey pixels next
    to dark ones stay: they are the soft edges of the print."""
    paper_level, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ink = crop[crop < paper_level]
    if ink.size < 100:
        return crop
    split, _ = cv2.threshold(ink.reshape(1, -1), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    dark, light = ink[ink <= split], ink[ink > split]
    if dark.size == 0 or light.size == 0 or float(light.mean() - dark.mean()) < 60:
        return crop
    near_print = cv2.dilate((crop <= split).astype(np.uint8), np.ones((5, 5), np.uint8))
    out = crop.copy()
    out[(crop > split) & (near_print == 0)] = 255
    return out


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _enlarged(crop: np.ndarray, scale: float) -> np.ndarray:
    if scale == 1.0:
        return crop
    return cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)


def _relined(words: list[OcrWord]) -> list[OcrWord]:
    """Sparse-text words (each its own block to Tesseract) in rows: a word whose middle lies
    within half a word height of the row's first word joins it; rows get line ids in order
    and their words are put left to right."""
    rows: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda w: w.box[1] + w.box[3]):
        middle = (word.box[1] + word.box[3]) / 2
        if rows:
            first = rows[-1][0]
            if abs(middle - (first.box[1] + first.box[3]) / 2) <= first.height / 2:
                rows[-1].append(word)
                continue
        rows.append([word])
    return [
        OcrWord(w.text, w.box, w.conf, 1, 1, number)
        for number, row in enumerate(rows, 1)
        for w in sorted(row, key=lambda w: w.box[0])
    ]


def _read_crop(
    crop: np.ndarray, read: Reader, sparse: Reader | None, scale: float, dpi: int
) -> list[OcrWord]:
    """Words of one region crop (enlarged crop pixels): a crop with a seal ring is read
    without the seal by ``sparse``, which finds the words left between the seal's remains
    (reading it with ``read`` as well and keeping the reading with more confident syllables
    found the signer on one more dev page of 42 and cost 0.24 x Tesseract's time on a fax);
    any other crop is read as it is by ``read``."""
    lifted = None if sparse is None else lift_seal(crop, dpi)
    if sparse is None or lifted is None:
        return read(_enlarged(crop, scale))
    return _relined(sparse(_enlarged(lifted, scale)))


def recover_words(
    grey: np.ndarray,
    words: list[OcrWord],
    read: Reader,
    *,
    min_conf: float = MIN_CONF,
    scale: float = 1.0,
    sparse: Reader | None = None,
    dpi: int = 300,
) -> list[OcrWord]:
    """``words`` with what re-reading each :func:`uncovered_regions` crop with ``read`` (a
    block-mode recogniser) found, in page coordinates. Words below :data:`COVER_CONF` do not
    cover their ink (a garbled line, a seal read as letters) and give way to recovered words
    that overlap them; the others are whited out of the crops, so nothing is read twice.
    Recovered words below ``min_conf`` (the seal, the scribble) are dropped. Crops are
    enlarged by ``scale`` before reading (on a fax, small print under a seal is read better
    twice as large; ``read`` must then be told the enlarged resolution). With a ``sparse``
    reader (Tesseract ``--psm 11``), a crop under a seal ring (:mod:`ocrfix.ocr.seal`; ``dpi``
    is the page's) is read by it without the seal instead."""
    sure = [w for w in words if w.conf >= COVER_CONF]
    regions, labels = _regions(grey, sure)
    if not regions:
        return words
    blank = grey.copy()
    blank[_covered(grey.shape, sure, 1) > 0] = 255
    found: list[OcrWord] = []
    for index, (label, (left, top, right, bottom)) in enumerate(regions):
        crop = fade_light_marks(_own_crop(blank, labels, label, (left, top, right, bottom)))
        for word in _read_crop(crop, read, sparse, scale, dpi):
            if word.conf < min_conf or not any(ch.isalnum() for ch in word.text):
                continue
            x0, y0, x1, y1 = (round(v / scale) for v in word.box)
            box = (x0 + left, y0 + top, x1 + left, y1 + top)
            found.append(
                OcrWord(word.text, box, word.conf, BLOCK_BASE + index, word.par, word.line)
            )
    kept = [
        w for w in words if w.conf >= COVER_CONF or not any(_overlaps(w.box, f.box) for f in found)
    ]
    return kept + found
