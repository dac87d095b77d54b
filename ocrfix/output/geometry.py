"""Where an OCR word box lies on the page image as rasterised.

Preprocessing may turn a page a quarter (``rotation`` 90 or 270), deskew it (``rotate_bound``
about the centre, growing the canvas) and turn it upside down (``rotation`` 180 or 270),
in that order (``ocrfix.preprocess.pipeline``); Tesseract's boxes are in that final frame.

The searchable PDF shows the page as rasterised but levelled (:func:`straighten`: turned by
the skew about its centre, on a canvas of the same size) and leaves quarter turns to the
PDF's ``/Rotate``. Levelled text lines are what ``pdftotext`` and viewers group into lines:
words drawn along a slanted baseline came out as broken lines. Each word's baseline is
mapped from the OCR frame onto that image.

>>> frame = OcrFrame.of((200, 100), rotation=0, skew=0.0)
>>> frame.baseline((10, 20, 60, 40), 38)
((10.0, 38.0), 0.0, 50.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from ocrfix.ocr.model import Box


def _quarter_turn(width: float, height: float) -> np.ndarray:
    """``np.rot90(image, -1)`` (clockwise) as a map of points."""
    return np.array([[0.0, -1.0, height], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])


def _half_turn(width: float, height: float) -> np.ndarray:
    return np.array([[-1.0, 0.0, width], [0.0, -1.0, height], [0.0, 0.0, 1.0]])


def _deskew(width: float, height: float, degrees: float) -> tuple[np.ndarray, float, float]:
    """``ocrfix.preprocess.ink.rotate_bound`` as a map of points, and the canvas it makes."""
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(height * sin + width * cos + 0.5), int(height * cos + width * sin + 0.5)
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    return np.vstack([matrix, [0.0, 0.0, 1.0]]), new_w, new_h


def _level(width: float, height: float, degrees: float) -> np.ndarray:
    """Turn by ``degrees`` counter-clockwise about the centre, on the same canvas."""
    return np.vstack([cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0), [0, 0, 1]])


def straighten(image: np.ndarray, skew: float) -> np.ndarray:
    """The image levelled by ``skew`` degrees (what preprocessing measured), same size,
    uncovered corners paper white."""
    if not skew:
        return image
    height, width = image.shape[:2]
    matrix = _level(width, height, skew)[:2]
    white = (255,) * (3 if image.ndim == 3 else 1)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=white)  # fmt: skip


@dataclass(frozen=True)
class OcrFrame:
    """Maps points of the OCR frame onto the :func:`straighten`-ed image (pixels, y down)."""

    to_image: np.ndarray  # 3×3 affine

    @classmethod
    def of(cls, size: tuple[int, int], *, rotation: int, skew: float) -> OcrFrame:
        """The frame preprocessing made of an image of ``size`` (width, height)."""
        width, height = float(size[0]), float(size[1])
        shown = _level(width, height, skew)
        forward = np.eye(3)
        if rotation in (90, 270):
            forward = _quarter_turn(width, height) @ forward
            width, height = height, width
        if skew:
            matrix, width, height = _deskew(width, height, skew)
            forward = matrix @ forward
        if rotation in (180, 270):
            forward = _half_turn(width, height) @ forward
        return cls(shown @ np.linalg.inv(forward))

    def point(self, x: float, y: float) -> tuple[float, float]:
        mapped = self.to_image @ np.array([x, y, 1.0])
        return float(mapped[0]), float(mapped[1])

    def baseline(self, box: Box, base: float) -> tuple[tuple[float, float], float, float]:
        """Start of the baseline at height ``base`` under ``box`` on the image, its direction
        (degrees, counter-clockwise as seen on the image) and its length in pixels."""
        x0, y0 = self.point(box[0], base)
        x1, y1 = self.point(box[2], base)
        angle = round(math.degrees(math.atan2(y0 - y1, x1 - x0)), 6) + 0.0  # no -0.0
        return (round(x0, 3), round(y0, 3)), angle, round(math.hypot(x1 - x0, y1 - y0), 3)
