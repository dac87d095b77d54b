"""Red and blue marks (seals, signatures, handwritten numbers) removed by colour, so they do
not bleed into the text; black print underneath stays because it is dark, not saturated."""

from __future__ import annotations

import cv2
import numpy as np


def colour_mask(rgb: np.ndarray, min_saturation: int = 70, min_value: int = 60) -> np.ndarray:
    """Pixels that are clearly red or blue."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, sat, val = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    coloured = (sat >= min_saturation) & (val >= min_value)
    red = (hue <= 12) | (hue >= 165)
    blue = (hue >= 95) & (hue <= 135)
    return coloured & (red | blue)


def has_colour_marks(rgb: np.ndarray, min_share: float = 0.0005) -> bool:
    return rgb.ndim == 3 and float(colour_mask(rgb[::4, ::4]).mean()) > min_share


def remove_colour_marks(rgb: np.ndarray) -> np.ndarray:
    """``rgb`` with red and blue pixels painted paper white."""
    mask = colour_mask(rgb)
    out = rgb.copy()
    out[mask] = 255
    return out
