"""Adaptive (local) binarisation for pages where one global threshold fails."""

from __future__ import annotations

import cv2
import numpy as np


def binarise(grey: np.ndarray, dpi: int = 300) -> np.ndarray:
    """Black-and-white page by a local mean threshold over a window about two text lines high."""
    block = max(15, int(dpi / 300 * 61) | 1)
    return cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, 15
    )


def contrast(grey: np.ndarray) -> float:
    """Spread between paper and ink (95th minus 5th percentile), 0–255."""
    low, high = np.percentile(grey, [1, 99])
    return float(high - low)
