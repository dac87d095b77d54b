"""Each preprocessing step on generated pages: it fixes what it targets and spares the text."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from pagegen import BODY, admin_page, font, text_page
from PIL import Image, ImageDraw

from ocrfix.preprocess import PreprocessOptions, preprocess
from ocrfix.preprocess.binarize import binarise
from ocrfix.preprocess.cleanup import clean_margins
from ocrfix.preprocess.colour import colour_mask, remove_colour_marks
from ocrfix.preprocess.denoise import is_speckled, remove_specks
from ocrfix.preprocess.deskew import estimate_skew
from ocrfix.preprocess.illumination import is_uneven, normalise_illumination
from ocrfix.preprocess.ink import rotate_bound
from ocrfix.preprocess.orientation import is_turned, is_upside_down


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return np.asarray(text_page(BODY * 4))


@pytest.fixture(scope="module")
def header_page() -> np.ndarray:
    return np.asarray(admin_page()[0])


@pytest.mark.parametrize("angle", [-5.0, -2.5, -0.8, 1.2, 3.0, 5.0])
def test_skew_is_measured_within_a_third_of_a_degree(page: np.ndarray, angle: float) -> None:
    skewed = rotate_bound(page, angle)
    assert abs(estimate_skew(skewed) + angle) <= 0.3


@pytest.mark.parametrize("angle", [-4.0, 2.5])
def test_deskewed_page_is_level(header_page: np.ndarray, angle: float) -> None:
    prepared = preprocess(rotate_bound(header_page, angle))
    residual = estimate_skew(prepared.image)
    assert abs(residual) <= 0.3
    assert abs(prepared.skew + angle) <= 0.3


@pytest.mark.parametrize("quarters", [1, 2, 3])
def test_turned_page_comes_back_upright(header_page: np.ndarray, quarters: int) -> None:
    prepared = preprocess(np.rot90(header_page, quarters).copy())
    assert prepared.rotation == 90 * quarters
    assert np.array_equal(prepared.image, header_page)


def test_upright_page_is_not_turned(page: np.ndarray) -> None:
    assert not is_turned(page) and is_turned(np.rot90(page))
    assert not is_upside_down(page)
    assert is_upside_down(np.rot90(page, 2))
    assert preprocess(page).rotation == 0


def test_red_seal_and_blue_signature_go_black_text_stays(page: np.ndarray) -> None:
    rgb = cv2.cvtColor(page, cv2.COLOR_GRAY2RGB)
    cv2.circle(rgb, (900, 500), 250, (200, 30, 40), 12)  # red seal ring over the text
    cv2.line(rgb, (300, 900), (1400, 800), (30, 50, 190), 8)  # blue signature stroke
    assert colour_mask(rgb).sum() > 10_000
    cleaned = remove_colour_marks(rgb)
    assert cleaned.ndim == 2 and cleaned[colour_mask(rgb)].min() >= 190
    assert ((cleaned < 100) == (page < 100)).mean() > 0.999


def test_scanner_border_is_removed(page: np.ndarray) -> None:
    framed = page.copy()
    framed[:, :60] = 0
    framed[:80, :] = 0
    cleaned = clean_margins(framed, holes=False)
    assert cleaned[:80, :].min() == 255 and cleaned[:, :60].min() == 255
    assert np.array_equal(cleaned[200:, 200:], page[200:, 200:])


def test_punch_holes_are_removed_and_letters_kept(page: np.ndarray) -> None:
    holed = page.copy()
    for y in (1200, 2200):
        cv2.circle(holed, (110, y), 38, 0, -1)  # 6.4 mm holes, 9 mm from the edge
    cleaned = clean_margins(holed, dpi=300, borders=False)
    assert cleaned[:, :160].min() == 255
    assert np.array_equal(cleaned[:, 200:], page[:, 200:])


def test_uneven_light_is_flattened(page: np.ndarray) -> None:
    ramp = np.linspace(0.45, 1.0, page.shape[1], dtype=np.float32)[None, :]
    dim = (page.astype(np.float32) * ramp).astype(np.uint8)
    assert is_uneven(dim) and not is_uneven(page)
    flat = normalise_illumination(dim)
    paper = flat[page == 255]
    assert np.percentile(paper, 5) > 230
    assert np.median(flat[page < 60]) < 80


def test_specks_go_diacritic_dots_stay(page: np.ndarray) -> None:
    rng = np.random.default_rng(1)
    noisy = page.copy()
    ys, xs = rng.integers(0, page.shape[0], 4000), rng.integers(0, page.shape[1], 4000)
    noisy[ys, xs] = 0
    assert is_speckled(noisy) and not is_speckled(page)
    cleaned = remove_specks(noisy)
    assert (cleaned[ys, xs] == 255).mean() > 0.9
    text = page < 128
    assert (cleaned[text] < 128).mean() > 0.995


def test_binarised_page_is_black_and_white(page: np.ndarray) -> None:
    grey = (page.astype(np.float32) * 0.6 + 60).astype(np.uint8)
    out = binarise(grey)
    assert set(np.unique(out)) <= {0, 255}
    assert ((out == 0) == (page < 128)).mean() > 0.97


def test_debug_sink_sees_every_step(page: np.ndarray) -> None:
    seen: list[str] = []
    options = PreprocessOptions(binarise="on", illumination="on", denoise="on")
    preprocess(rotate_bound(page, 2.0), options, debug=lambda name, _img: seen.append(name))
    assert seen[:2] == ["input", "grey"]
    assert {"deskew", "illumination", "denoise", "binarise"} <= set(seen)


def test_switched_off_steps_leave_the_page_alone(page: np.ndarray) -> None:
    off = PreprocessOptions(orientation=False, deskew=False, colour_marks="off", borders=False,
                            punch_holes=False, illumination="off", denoise="off")  # fmt: skip
    skewed = rotate_bound(page, 3.0)
    assert np.array_equal(preprocess(skewed, off).image, skewed)


def test_thick_bold_letters_near_the_edge_are_not_punch_holes() -> None:
    """At 200 dpi with toner-thickened strokes, bold letters are 4-5 mm blobs close to the
    edge: searched at too low a resolution they fill in and would be wiped as holes."""
    sheet = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(sheet)
    for i in range(12):
        draw.text((60, 300 + 90 * i), "ĐỘC LẬP QUYẾT ĐỊNH ỦY BAN", fill=0, font=font(44, bold=True))
    page = cv2.erode(np.asarray(sheet), np.ones((3, 3), np.uint8))
    cleaned = clean_margins(page, dpi=200)
    assert np.array_equal(cleaned, page)


def test_letters_of_a_thickened_fax_line_are_not_punch_holes() -> None:
    """A bold or ink-filled letter of a 150-dpi fax is a round 4-10 mm blob within 25 mm of
    the edge, like a hole, but it has neighbours; a real hole stands alone."""
    from pagegen import BODY

    from ocrfix.synth import synthetic_scan

    scan = synthetic_scan("\n".join(BODY * 3), layout="plain", kind="fax", seed=5, dpi=150)
    fax = np.asarray(scan.image)
    assert np.array_equal(clean_margins(fax, dpi=150), fax)
    holed = fax.copy()
    cv2.circle(holed, (50, 900), 19, 0, -1)  # a 6.4 mm hole in the margin
    assert clean_margins(holed, dpi=150)[880:920, 30:70].min() == 255


def test_deskew_resamples_linearly_and_leaves_tiny_angles() -> None:
    """Linear resampling: as good for Tesseract as cubic on grey pages, no overshoot rings on
    a fax's hard edges, and 2.5 times cheaper."""
    from pagegen import BODY

    from ocrfix.preprocess.deskew import deskew
    from ocrfix.synth import synthetic_scan

    scan = synthetic_scan("\n".join(BODY), layout="plain", kind="fax", seed=1, dpi=150)
    fax = np.asarray(scan.image)
    linear = rotate_bound(fax, 1.0, interpolation=cv2.INTER_LINEAR)
    assert np.array_equal(deskew(fax, 1.0), linear)
    assert not np.array_equal(linear, rotate_bound(fax, 1.0, interpolation=cv2.INTER_CUBIC))
    assert deskew(fax, 0.01) is fax


def test_shared_ink_mask_gives_the_same_turn_and_skew(header_page: np.ndarray) -> None:
    turned = np.rot90(rotate_bound(header_page, 1.5), -1).copy()
    prepared = preprocess(turned, PreprocessOptions(borders=False, punch_holes=False))
    assert prepared.rotation == 270 and is_turned(turned)
    assert abs(prepared.skew + 1.5) <= 0.3
    assert abs(estimate_skew(prepared.image)) <= 0.3
