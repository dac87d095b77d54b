"""Red and blue marks (seals, signatures, handwritten numbers) removed by colour, so they do
not bleed into the text; black print underneath stays because it is dark in every channel."""

from __future__ import annotations

import cv2
import numpy as np


def colour_mask(rgb: np.ndarray, min_chroma: int = 70) -> np.ndarray:
    """Pixels that are clearly red or blue. Chroma (max minus min channel) rather than HSV
    saturation: dark print photographed under warm light has a high saturation but a low
    chroma, and must stay."""
    channels = rgb.astype(np.int16)
    chroma = channels.max(axis=2) - channels.min(axis=2)
    hue = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)[..., 0]
    red = (hue <= 12) | (hue >= 165)
    blue = (hue >= 95) & (hue <= 135)
    return (chroma >= min_chroma) & (red | blue)


def has_colour_marks(rgb: np.ndarray, min_share: float = 0.0005) -> bool:
    return rgb.ndim == 3 and float(colour_mask(rgb[::4, ::4]).mean()) > min_share


def remove_colour_marks(rgb: np.ndarray) -> np.ndarray:
    """Grey page in which red and blue ink turn to paper: each pixel's brightest channel.

    Red ink is bright in the red channel and blue ink in the blue one, while black print is
    dark in all three; unlike painting masked pixels white, this leaves no hard-edged ghosts
    on tinted paper and keeps the black strokes that cross a seal.
    """
    return rgb.max(axis=2)
