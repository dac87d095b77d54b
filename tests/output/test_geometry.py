"""OCR-frame points land where the same ink is on the levelled page image."""

from __future__ import annotations

import numpy as np
import pytest

from ocrfix.output.geometry import OcrFrame, straighten
from ocrfix.preprocess.ink import rotate_bound


def dot_page(width: int = 400, height: int = 300, at: tuple[int, int] = (90, 60)) -> np.ndarray:
    image = np.full((height, width), 255, np.uint8)
    x, y = at
    image[y - 4 : y + 5, x - 4 : x + 5] = 0
    return image


def centre(image: np.ndarray) -> tuple[float, float]:
    ys, xs = np.nonzero(image < 128)
    return float(xs.mean()) + 0.5, float(ys.mean()) + 0.5


def as_preprocessed(image: np.ndarray, rotation: int, skew: float) -> np.ndarray:
    """The turns ``ocrfix.preprocess.preprocess`` makes, in its order."""
    if rotation in (90, 270):
        image = np.rot90(image, -1)
    if skew:
        image = rotate_bound(image, skew)
    if rotation in (180, 270):
        image = np.rot90(image, 2)
    return np.ascontiguousarray(image)


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
@pytest.mark.parametrize("skew", [0.0, 2.5, -1.3])
def test_a_point_maps_back_onto_the_levelled_image(rotation: int, skew: float) -> None:
    original = dot_page()
    seen = as_preprocessed(original, rotation, skew)
    frame = OcrFrame.of((400, 300), rotation=rotation, skew=skew)
    x, y = frame.point(*centre(seen))
    want = centre(straighten(original, skew))
    assert x == pytest.approx(want[0], abs=1.0) and y == pytest.approx(want[1], abs=1.0)


@pytest.mark.parametrize(("rotation", "angle"), [(0, 0.0), (90, 90.0), (180, 180.0), (270, -90.0)])
def test_baselines_are_level_in_the_turned_frame(rotation: int, angle: float) -> None:
    frame = OcrFrame.of((400, 300), rotation=rotation, skew=1.7)
    _, direction, length = frame.baseline((10, 20, 110, 50), 45)
    assert direction == pytest.approx(angle, abs=1e-6) and length == pytest.approx(100)


def test_a_level_page_is_not_resampled() -> None:
    image = dot_page()
    assert straighten(image, 0.0) is image
    assert straighten(np.dstack([image] * 3), 3.0).shape == (300, 400, 3)
