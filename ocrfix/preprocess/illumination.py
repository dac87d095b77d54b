"""Flatten uneven lighting and paper tint: divide the page by an estimate of its background."""

from __future__ import annotations

import cv2
import numpy as np

from ocrfix.preprocess.ink import shrink


def small_background(grey: np.ndarray) -> np.ndarray:
    """Paper brightness at quarter size (it varies slowly): a closing that erases strokes,
    then a wide median."""
    small = shrink(grey, 4)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15))
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    return cv2.medianBlur(closed, 21)


def normalise_illumination(grey: np.ndarray, small: np.ndarray | None = None) -> np.ndarray:
    """Grey page on white paper: background divided out, then ink stretched to full black.
    ``small`` is the page's :func:`small_background` when already measured. Stays in uint8
    (a division with saturation, then a lookup table): float copies of the page cost twice
    as much."""
    small = small_background(grey) if small is None else small
    size = (grey.shape[1], grey.shape[0])
    bg = cv2.max(cv2.resize(small, size, interpolation=cv2.INTER_LINEAR), 1)
    flat = cv2.divide(grey, bg, scale=255.0)
    dark = float(np.percentile(flat[::4, ::4], 0.5))
    if dark >= 200:
        return flat
    levels = np.arange(256, dtype=np.float32)
    lut = np.clip((levels - dark) * 255.0 / (255.0 - dark), 0, 255).astype(np.uint8)
    return cv2.LUT(flat, lut)


def is_uneven(grey: np.ndarray, spread: float = 25.0, small: np.ndarray | None = None) -> bool:
    """Whether the paper's brightness varies enough across the page to be worth flattening
    (``small``: its :func:`small_background`, when already measured)."""
    small = small_background(grey) if small is None else small
    low, high = np.percentile(small, [5, 95])
    return bool(high - low > spread or high < 215)
