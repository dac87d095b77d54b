"""The cheap paths of preprocessing: tests that skip work must not skip what the step is for."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from pagegen import BODY, text_page

from ocrfix.preprocess import PreprocessOptions, cleanup, preprocess
from ocrfix.preprocess.ink import rotate_bound, shrink, small_ink


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return np.asarray(text_page(BODY * 4))


def _no_components(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("connected components computed")

    monkeypatch.setattr(cleanup.cv2, "connectedComponentsWithStats", fail)


def test_analysis_copy_is_shrunk_by_a_whole_factor(page: np.ndarray) -> None:
    mask, scale = small_ink(page, side=800)
    factor = round(max(page.shape) / 800)
    assert mask.shape == shrink(page, factor).shape
    assert scale == pytest.approx(1 / factor, rel=0.01)
    assert small_ink(page, side=4 * max(page.shape))[0].shape == page.shape


def test_clean_page_needs_no_component_pass(
    page: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_components(monkeypatch)
    assert cleanup.clean_margins(page, dpi=300) is page


def test_fax_specks_on_the_edge_are_not_a_border(
    page: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    specked = page.copy()
    rng = np.random.default_rng(3)
    for edge in (specked[:2], specked[-2:], specked[:, :2].T, specked[:, -2:].T):
        cols = rng.integers(0, edge.shape[1], 60)
        edge[:, cols] = 0  # two-pixel specks all along the edge
    _no_components(monkeypatch)
    assert cleanup.clean_margins(specked, dpi=300) is specked


def test_smallest_punch_hole_passes_the_cheap_test(page: np.ndarray) -> None:
    holed = page.copy()
    cv2.circle(holed, (150, 1700), 24, 0, -1)  # 4.1 mm across, 10 mm from the edge
    cleaned = cleanup.clean_margins(holed, dpi=300, borders=False)
    assert cleaned[1670:1730, 120:180].min() == 255
    assert np.array_equal(cleaned[:, 236:], page[:, 236:])


def test_photographed_sheet_edge_leaves_no_dark_outline(page: np.ndarray) -> None:
    """Dark surroundings, uneven light, a soft edge: flattening comes before border
    whitening, which otherwise left the sheet's edge as a dark line (here in every row) that
    Tesseract read as "|"."""
    height, width = page.shape
    light = np.linspace(0.7, 1.0, width, dtype=np.float32)[None, :]
    photo = np.full((height + 400, width + 400), 70, np.uint8)
    photo[200:-200, 200:-200] = (page.astype(np.float32) * 0.8 * light).astype(np.uint8)
    photo = cv2.GaussianBlur(photo, (0, 0), 4.0)  # a phone camera's soft edge
    options = PreprocessOptions(orientation=False, deskew=False, denoise="off")
    out = preprocess(photo, options, dpi=300).image
    edge = out[400:-400, 185:215]  # the sheet's left edge, from above the text to below it
    assert (edge < 128).any(axis=1).mean() < 0.05


def test_tiny_skew_is_left_to_tesseract(page: np.ndarray) -> None:
    slight = rotate_bound(page, 0.08)
    prepared = preprocess(slight, PreprocessOptions(borders=False, punch_holes=False))
    assert prepared.skew == 0.0 and "deskew" not in prepared.steps
    assert prepared.image is not None and prepared.image.shape == slight.shape
    tilted = preprocess(rotate_bound(page, 0.6))
    assert abs(tilted.skew + 0.6) <= 0.15 and "deskew" in tilted.steps
