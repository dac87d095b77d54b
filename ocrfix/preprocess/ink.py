"""Shared helpers for page analysis: grey conversion and a cheap ink mask at low resolution."""

from __future__ import annotations

import cv2
import numpy as np

ANALYSIS_SIDE = 1600  # long side of the downscaled copy used for measuring, never for OCR


def to_grey(image: np.ndarray) -> np.ndarray:
    """Grey uint8 view of an RGB or grey image."""
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def central(grey: np.ndarray, margin: float = 0.1) -> np.ndarray:
    """The page without its outer ``margin`` on each side, where scanner edges, the table
    under a photographed sheet and punch holes live."""
    height, width = grey.shape[:2]
    dy, dx = int(height * margin), int(width * margin)
    return grey[dy : height - dy, dx : width - dx]


def small_ink(grey: np.ndarray, side: int = ANALYSIS_SIDE) -> tuple[np.ndarray, float]:
    """Boolean ink mask of a copy downscaled to ``side`` pixels, and the scale used.

    The threshold is local (darker than the neighbourhood mean), so a dark table or the
    surroundings of a photographed sheet do not count as ink, while strokes do.
    """
    scale = min(1.0, side / max(grey.shape))
    small = (
        grey
        if scale == 1.0
        else cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    )
    block = max(15, int(max(small.shape) / 60) | 1)
    mask = cv2.adaptiveThreshold(
        small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15
    )
    return mask > 0, scale


def rotate_bound(
    image: np.ndarray, degrees: float, fill: int = 255, interpolation: int = cv2.INTER_CUBIC
) -> np.ndarray:
    """Rotate by ``degrees`` counter-clockwise about the centre, keeping the whole page and
    filling the uncovered corners with paper white. Cubic interpolation by default: measured
    on 7 grey dev pages, +0.1 point over linear."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(height * sin + width * cos + 0.5), int(height * cos + width * sin + 0.5)
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    border = (fill,) * (3 if image.ndim == 3 else 1)
    return cv2.warpAffine(
        image,
        matrix,
        (new_w, new_h),
        flags=interpolation,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )
