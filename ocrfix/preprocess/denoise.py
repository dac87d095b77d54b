"""Speckle removal (fax and dirty-scan noise) without eating diacritics."""

from __future__ import annotations

import cv2
import numpy as np

from ocrfix.preprocess.ink import central


def speckle_ratio(grey: np.ndarray, max_area: int = 4) -> float:
    """Share of dark connected components no bigger than ``max_area`` pixels."""
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return 0.0
    areas = stats[1:, cv2.CC_STAT_AREA]
    return float((areas <= max_area).mean())


def remove_specks(grey: np.ndarray, max_area: int = 4) -> np.ndarray:
    """Paint dark components of at most ``max_area`` pixels white (a dot on an "i" at
    150 dpi is still about 9 px, so it survives)."""
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    small = np.zeros(count, dtype=bool)
    small[1:] = stats[1:, cv2.CC_STAT_AREA] <= max_area
    out = grey.copy()
    out[small[labels]] = 255
    return out


def is_speckled(grey: np.ndarray, threshold: float = 0.3) -> bool:
    """Whether specks are common; measured on the middle half of the page in each direction
    (a quarter of the pixels: noise from a fax or a dirty glass is spread all over)."""
    return speckle_ratio(central(grey, 0.25)) > threshold
