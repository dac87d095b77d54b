"""Degradations: deterministic per seed, parameters reported, geometry followed by matrix."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ocrfix.synth import KINDS, degrade
from ocrfix.synth.degrade import straighten


def _page(size=(620, 877)) -> Image.Image:
    """A page with a small black square at a known place, and some text-like bars."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for y in range(120, 700, 40):
        draw.rectangle((80, y, 540, y + 12), fill=0)
    draw.rectangle((400, 750, 430, 780), fill=0)
    return image


@pytest.mark.parametrize("kind", [*KINDS, "office+rotate", "fax+faded"])
def test_same_seed_same_page_other_seed_other_page(kind):
    page = _page()
    a = degrade(page, kind, seed=11, dpi=150)
    b = degrade(page, kind, seed=11, dpi=150)
    assert a.image.tobytes() == b.image.tobytes() and a.params == b.params
    if kind != "clean":
        others = [degrade(page, kind, seed=s, dpi=150) for s in (12, 13, 14)]
        assert any(o.image.tobytes() != a.image.tobytes() for o in others)


def test_unknown_kind_is_rejected():
    with pytest.raises(ValueError, match="unknown degradation"):
        degrade(_page(), "coffee", seed=1, dpi=150)


def test_office_is_200_dpi_grey_and_skewed_within_3_degrees():
    page = _page((1240, 1754))  # A4 at 150 dpi: office never upsamples
    angles = []
    for seed in range(6):
        out = degrade(page, "office", seed=seed, dpi=300)
        assert out.dpi == out.params["dpi"] == 200 and out.image.mode == "L"
        assert out.image.size == (827, 1169)
        assert 60 <= out.params["jpeg_quality"] <= 85
        angles.append(out.params["skew"])
    assert all(abs(a) <= 3 for a in angles) and len(set(angles)) == 6


def test_fax_is_black_and_white_at_150_dpi():
    out = degrade(_page(), "fax", seed=3, dpi=300)
    assert out.dpi == 150 and set(np.unique(np.asarray(out.image))) <= {0, 255}


def test_photo_is_colour_and_yellowish():
    out = degrade(_page(), "photo", seed=3, dpi=150)
    rgb = np.asarray(out.image).astype(int)
    assert out.image.mode == "RGB"
    paper = rgb[rgb.sum(axis=2) > 600]
    assert paper[:, 0].mean() > paper[:, 2].mean() + 15


def test_faded_ink_is_lighter():
    page = _page()
    out = degrade(page, "faded", seed=3, dpi=150)
    ink = np.asarray(page) == 0
    assert np.asarray(out.image)[ink].mean() > 60


def _dark_centre(image: Image.Image, near: tuple[float, float], radius: int = 40):
    grey = np.asarray(image.convert("L")).astype(float)
    x, y = round(near[0]), round(near[1])
    window = grey[max(0, y - radius) : y + radius, max(0, x - radius) : x + radius] < 100
    ys, xs = np.nonzero(window)
    return xs.mean() + max(0, x - radius), ys.mean() + max(0, y - radius)


@pytest.mark.parametrize("kind", ["office", "fax", "photo", "rotate", "office+rotate"])
def test_matrix_follows_the_square(kind):
    page = _page()
    for seed in (1, 2):
        out = degrade(page, kind, seed=seed, dpi=150)
        expected = out.from_clean(415, 765)
        found = _dark_centre(out.image, expected)
        assert np.hypot(found[0] - expected[0], found[1] - expected[1]) < 3
        back = out.to_clean(*expected)
        assert np.allclose(back, (415, 765), atol=1e-6)


def test_rotate_reports_the_angle_that_was_applied():
    page = _page()
    seen = set()
    for seed in range(12):
        out = degrade(page, "rotate", seed=seed, dpi=150)
        angle = out.params["rotation"]
        seen.add(angle)
        upright = out.image.rotate(-angle, expand=True)
        assert upright.tobytes() == page.tobytes()
    assert seen == {90, 180, 270}


def test_straighten_undoes_the_reported_skew():
    page = _page()
    out = straighten(degrade(page, "office", seed=4, dpi=150))
    assert out.params["skew"] == 0.0 and abs(out.params["straightened"]) > 0.1
    assert np.allclose(out.matrix[:2, :2], np.eye(2) * out.matrix[0, 0], atol=1e-9)


def test_positive_skew_turns_the_page_counter_clockwise():
    page = Image.new("L", (600, 600), 255)
    ImageDraw.Draw(page).rectangle((100, 295, 500, 305), fill=0)
    for seed in range(20):
        out = degrade(page, "office", seed=seed, dpi=200)
        if abs(out.params["skew"]) > 1:
            break
    ink = np.asarray(out.image) < 128
    rows = np.nonzero(ink)[0]
    cols = np.nonzero(ink)[1]
    left_y = rows[cols < 150].mean()
    right_y = rows[cols > 450].mean()
    rise = left_y - right_y  # > 0: the right end is higher on screen
    assert np.sign(rise) == np.sign(out.params["skew"])
    assert abs(np.degrees(np.arctan2(rise, 350)) - out.params["skew"]) < 0.3
