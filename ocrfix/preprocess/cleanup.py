"""Scanner borders and punch holes: large dark shapes that are not text."""

from __future__ import annotations

import cv2
import numpy as np


def _dark_components(grey: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return count, labels, stats


def _is_border(stat: np.ndarray, width: int, height: int) -> bool:
    """Touches the page edge and reaches far along it or into it (the shadow of the scanner
    lid, a photocopy's black frame)."""
    x, y, w, h, _ = stat
    touches = x == 0 or y == 0 or x + w >= width or y + h >= height
    return bool(touches and (w > 0.25 * width or h > 0.25 * height))


def _is_punch_hole(stat: np.ndarray, width: int, height: int, dpi: int) -> bool:
    """A round dark blob 4–10 mm across lying within 25 mm of a page edge."""
    x, y, w, h, area = stat
    mm = dpi / 25.4
    if not (4 * mm <= w <= 10 * mm and 4 * mm <= h <= 10 * mm and 0.8 < w / h < 1.25):
        return False
    near = min(x, y, width - x - w, height - y - h) < 25 * mm
    return bool(near and area > 0.6 * np.pi * w * h / 4)


def clean_margins(
    grey: np.ndarray, dpi: int = 300, *, borders: bool = True, holes: bool = True
) -> np.ndarray:
    """White out scanner borders and punch holes (one connected-components pass for both);
    returns ``grey`` itself when there is nothing to remove."""
    height, width = grey.shape
    count, labels, stats = _dark_components(grey)
    drop = np.zeros(count, dtype=bool)
    for i in range(1, count):
        drop[i] = (borders and _is_border(stats[i], width, height)) or (
            holes and _is_punch_hole(stats[i], width, height, dpi)
        )
    if not drop.any():
        return grey
    out = grey.copy()
    out[drop[labels]] = 255
    return out
