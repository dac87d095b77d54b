"""Flatten uneven lighting and paper tint: divide the page by an estimate of its background."""

from __future__ import annotations

import cv2
import numpy as np


def small_background(grey: np.ndarray) -> np.ndarray:
    """Paper brightness at quarter size (it varies slowly): a closing that erases strokes,
    then a wide median."""
    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (15, 15))
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    return cv2.medianBlur(closed, 21)


def normalise_illumination(grey: np.ndarray, small: np.ndarray | None = None) -> np.ndarray:
    """Grey page on white paper: background divided out, then ink stretched to full black.
    ``small`` is the page's :func:`small_background` when already measured."""
    small = small_background(grey) if small is None else small
    size = (grey.shape[1], grey.shape[0])
    bg = cv2.resize(small, size, interpolation=cv2.INTER_LINEAR).astype(np.float32)
    flat = np.clip(grey.astype(np.float32) / np.maximum(bg, 1.0) * 255.0, 0, 255)
    dark = float(np.percentile(flat[::4, ::4], 0.5))
    if dark < 200:
        flat = np.clip((flat - dark) * 255.0 / (255.0 - dark), 0, 255)
    return flat.astype(np.uint8)


def is_uneven(grey: np.ndarray, spread: float = 25.0, small: np.ndarray | None = None) -> bool:
    """Whether the paper's brightness varies enough across the page to be worth flattening
    (``small``: its :func:`small_background`, when already measured)."""
    small = small_background(grey) if small is None else small
    low, high = np.percentile(small, [5, 95])
    return bool(high - low > spread or high < 215)
