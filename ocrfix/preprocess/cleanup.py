"""Scanner borders and punch holes: large dark shapes that are not text.

They are searched for at 150 dpi (on a 300-dpi page, a quarter of the connected-components
work; both shapes are millimetres wide), then their dark pixels are whited out at full
resolution. Below 150 dpi, bold letters fill in and pass for punch holes.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocrfix.preprocess.ink import shrink

SEARCH_DPI = 150


def _search_copy(grey: np.ndarray, dpi: int) -> np.ndarray:
    """The page at about :data:`SEARCH_DPI`: averaged down by a whole factor where the dpi
    allows (OpenCV's fast path), else resampled linearly (area resampling by a fraction
    costs 8 ms on a 200-dpi page, linear 1.5 ms; the shapes sought are millimetres wide)."""
    if dpi >= 2 * SEARCH_DPI:
        return shrink(grey, dpi // SEARCH_DPI)
    if dpi <= SEARCH_DPI:
        return grey
    scale = SEARCH_DPI / dpi
    return cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_LINEAR)


def _touches_edge(dark: np.ndarray, dpi: float) -> bool:
    """Whether dark pixels run along an outermost row or column for at least a millimetre: a
    border must touch the edge, and a fax's specks on it are shorter."""
    run = np.ones((1, max(2, round(dpi / 25.4))), np.uint8)
    edges = (dark[:1], dark[-1:], dark[:, :1].T, dark[:, -1:].T)
    return any(cv2.erode(edge, run, borderValue=0).any() for edge in edges)


def _has_solid_blob(dark: np.ndarray, dpi: float) -> bool:
    """Whether some dark shape within 35 mm of an edge is solid over a 2.5 mm square: a punch
    hole (a disc 4–10 mm across, within 25 mm of an edge) is; strokes of text, even a fax's
    ink-filled letters, are not, and a seal or signature further in does not count. A cheap
    test before looking for holes."""
    mm = dpi / 25.4
    side, band = max(3, int(2.5 * mm)), int(35 * mm)
    core = cv2.erode(dark, np.ones((side, side), np.uint8))
    height, width = core.shape
    inside = core[band : max(band, height - band), band : max(band, width - band)]
    return np.count_nonzero(core) > np.count_nonzero(inside)


def _borders(stats: np.ndarray, width: int, height: int) -> np.ndarray:
    """Components touching the page edge and reaching far along it or into it (the shadow of
    the scanner lid, a photocopy's black frame)."""
    x, y, w, h = (stats[:, i] for i in range(4))
    touches = (x == 0) | (y == 0) | (x + w >= width) | (y + h >= height)
    return touches & ((w > 0.25 * width) | (h > 0.25 * height))


def _punch_holes(stats: np.ndarray, labels: np.ndarray, dpi: float) -> np.ndarray:
    """Round dark blobs 4–10 mm across lying within 25 mm of a page edge, alone: a bold
    letter of a fax's header line has that size and place too, but other letters beside it."""
    height, width = labels.shape
    x, y, w, h, area = (stats[:, i].astype(np.float64) for i in range(5))
    mm = dpi / 25.4
    sized = (w >= 4 * mm) & (w <= 10 * mm) & (h >= 4 * mm) & (h <= 10 * mm)
    round_ = (w > 0.8 * h) & (w < 1.25 * h) & (area > 0.6 * np.pi * w * h / 4)
    near = np.minimum.reduce([x, y, width - x - w, height - y - h]) < 25 * mm
    holes = sized & round_ & near
    for i in np.nonzero(holes)[0]:
        left, top, right, bottom = (int(v) for v in (x[i] - w[i], y[i] - h[i],
                                                     x[i] + 2 * w[i], y[i] + 2 * h[i]))  # fmt: skip
        around = labels[max(0, top) : bottom, max(0, left) : right]
        holes[i] = np.count_nonzero((around != 0) & (around != i)) < 0.1 * area[i]
    return holes


def clean_margins(
    grey: np.ndarray, dpi: int = 300, *, borders: bool = True, holes: bool = True
) -> np.ndarray:
    """White out scanner borders and punch holes (one connected-components pass for both, and
    none when cheap tests rule both out); returns ``grey`` itself when there is nothing to
    remove."""
    small = _search_copy(grey, dpi)
    scale = small.shape[0] / grey.shape[0]
    height, width = small.shape
    level, dark = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    borders = borders and _touches_edge(dark, dpi * scale)
    holes = holes and _has_solid_blob(dark, dpi * scale)
    if not (borders or holes):  # most pages: no connected-components pass needed
        return grey
    count, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    frame = _borders(stats, width, height) if borders else np.zeros(count, dtype=bool)
    hole = _punch_holes(stats, labels, dpi * scale) if holes else np.zeros(count, dtype=bool)
    frame[0] = hole[0] = False  # the paper
    if not (frame.any() or hole.any()):
        return grey
    mask = np.zeros_like(dark)
    if frame.any():
        # The frame is opened with a ~1.2 mm disc: letters touching the dark surroundings of
        # a photographed sheet join its component, but their strokes are thinner and stay.
        side = int(1.2 * dpi * scale / 25.4) | 1
        disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
        mask = cv2.morphologyEx(frame[labels].astype(np.uint8) * 255, cv2.MORPH_OPEN, disc)
    if hole.any():
        mask |= hole[labels].astype(np.uint8) * 255
    if scale < 1.0:  # grown by a pixel to cover the full-resolution outline
        mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
        mask = cv2.resize(mask, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_NEAREST)
    # Only the shape's dark pixels, as found, turn white (uint8 operations, no boolean copies).
    _, shape_dark = cv2.threshold(grey, level, 255, cv2.THRESH_BINARY_INV)
    return cv2.max(grey, cv2.bitwise_and(mask, shape_dark))
