"""Scanner borders and punch holes: large dark shapes that are not text.

They are searched for at 150 dpi (on a 300-dpi page, a quarter of the connected-components
work; both shapes are millimetres wide), then their dark pixels are whited out at full
resolution. Below 150 dpi, bold letters fill in and pass for punch holes.
"""

from __future__ import annotations

import cv2
import numpy as np

SEARCH_DPI = 150


def _dark_components(grey: np.ndarray) -> tuple[float, int, np.ndarray, np.ndarray]:
    """Otsu's threshold and the connected components darker than it."""
    level, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return level, count, labels, stats


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
    """White out scanner borders and punch holes (one connected-components pass for both);
    returns ``grey`` itself when there is nothing to remove."""
    scale = min(1.0, SEARCH_DPI / dpi)
    small = grey if scale == 1.0 else cv2.resize(grey, None, fx=scale, fy=scale,
                                                 interpolation=cv2.INTER_AREA)  # fmt: skip
    height, width = small.shape
    level, count, labels, stats = _dark_components(small)
    frame = _borders(stats, width, height) if borders else np.zeros(count, dtype=bool)
    hole = _punch_holes(stats, labels, dpi * scale) if holes else np.zeros(count, dtype=bool)
    frame[0] = hole[0] = False  # the paper
    if not (frame.any() or hole.any()):
        return grey
    # The frame is opened with a ~1.2 mm disc: letters touching the dark surroundings of a
    # photographed sheet join its component, but their strokes are thinner and stay.
    side = int(1.2 * dpi * scale / 25.4) | 1
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (side, side))
    mask = cv2.morphologyEx(frame[labels].astype(np.uint8), cv2.MORPH_OPEN, disc)
    mask |= hole[labels].astype(np.uint8)
    if scale < 1.0:  # grown by a pixel to cover the full-resolution outline
        mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
        mask = cv2.resize(mask, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_NEAREST)
    out = grey.copy()
    out[(mask > 0) & (grey <= level)] = 255  # only the shape's dark pixels, as found
    return out
