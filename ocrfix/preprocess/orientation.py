"""Page orientation from the shape of text lines, with no extra Tesseract call (its OSD
was measured here at about as long as a whole page's OCR, and wrong on faxes).

Quarter turns: letters smeared along the rows join into long thin lines only when the rows
run along the text (:func:`is_turned`).

In a level text line most ink sits in the x-height band; Latin capitals, ascenders and,
in Vietnamese, most tone marks stick out *above* it, while only descenders and the dot below
stick out under it. Each line votes with its ratio of ink above the band to ink below it;
the median says upright (> 1) or upside down (:func:`is_upside_down`).
"""

from __future__ import annotations

import cv2
import numpy as np

from ocrfix.preprocess.ink import central, small_ink, to_grey, whole_factor

CORE = 0.5  # rows at least this fraction of a line's peak density form its core band
FULL_SIDE = 2400  # long side of the ink mask whose lines vote
QUICK_SIDE = 1200  # the quick look; at 300 dpi on 30 dev pages, ratios there were at most
CLEARLY_UPRIGHT = 1.5  # 1.13 for pages turned upside down, so above this a page is upright


def _line_spans(hist: np.ndarray) -> list[tuple[int, int]]:
    on = hist > max(1.0, 0.02 * hist.max())
    spans, start = [], None
    for i, flag in enumerate(on):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(on)))
    return spans


def ascender_ratio(mask: np.ndarray) -> float:
    """Median over text lines of (ink above the core band + 1) / (ink below it + 1): above 1
    for upright text. Lines far taller than the typical one (a seal, a signature, lines run
    together) and rules without ascenders or descenders do not vote."""
    hist = mask.sum(axis=1).astype(np.float64)
    spans = [(a, b) for a, b in _line_spans(hist) if b - a >= 4]
    if not spans:
        return 1.0
    typical = float(np.median([b - a for a, b in spans]))
    votes = []
    for start, end in spans:
        if not 0.5 * typical <= end - start <= 1.6 * typical:
            continue
        line = hist[start:end]
        core = np.nonzero(line >= CORE * line.max())[0]
        above, below = line[: core[0]].sum(), line[core[-1] + 1 :].sum()
        if above + below >= 0.05 * line.sum():
            votes.append(np.log((above + 1) / (below + 1)))
    return float(np.exp(np.median(votes))) if votes else 1.0


def _line_like_share(mask: np.ndarray) -> float:
    """Share of ink in blobs at least four times wider than tall once letters are smeared
    together along the rows: text lines when the rows run along the text."""
    smear = max(5, max(mask.shape) // 180)
    joined = cv2.dilate(mask.astype(np.uint8), np.ones((1, smear), np.uint8))
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    width, height, area = (stats[1:, i] for i in (2, 3, 4))
    return float(area[width > 4 * height].sum() / max(1, area.sum()))


def is_turned(image: np.ndarray) -> bool:
    """True when the text runs vertically (page turned by a quarter)."""
    return is_turned_ink(small_ink(central(to_grey(image)))[0])


def is_turned_ink(mask: np.ndarray) -> bool:
    """:func:`is_turned` on the page's :func:`~ocrfix.preprocess.ink.small_ink` mask of its
    :func:`~ocrfix.preprocess.ink.central` part: smearing across the columns builds more
    line-like blobs than smearing across the rows. On 48 generated dev pages (800-pixel
    mask) the ratio was at most 0.23 upright and at least 5.4 turned."""
    return _line_like_share(mask.T.copy()) > _line_like_share(mask)


def is_upside_down(image: np.ndarray, threshold: float = 0.65) -> bool:
    """True when the page reads better turned by 180°. A copy at half the resolution first
    settles the usual case, a clearly upright page, for a third of the cost on a 300-dpi
    page; anything else is measured in full."""
    grey = central(to_grey(image))
    halved = whole_factor(grey.shape, QUICK_SIDE) > whole_factor(grey.shape, FULL_SIDE)
    if halved and ascender_ratio(small_ink(grey, side=QUICK_SIDE)[0]) >= CLEARLY_UPRIGHT:
        return False
    return ascender_ratio(small_ink(grey, side=FULL_SIDE)[0]) < threshold
