"""Chains the preprocessing steps for one page; each step is switchable and reported.

``auto`` steps run only where a cheap measurement says the page needs them (a clean page is
left as it is: binarising or flattening it does not help Tesseract and costs time).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from ocrfix.preprocess import binarize, cleanup, colour, denoise, illumination
from ocrfix.preprocess.deskew import deskew, skew_of_ink
from ocrfix.preprocess.ink import central, small_ink, to_grey
from ocrfix.preprocess.orientation import is_turned_ink, is_upside_down

Switch = Literal["on", "off", "auto"]
# Degrees; below this the page is not resampled. Tesseract levels small skews itself: on 6
# dev office pages, leaving 0.1°, 0.2° or 0.3° of skew scored as well as none (0.5° cost 0.2
# points), and a warp costs 7-20 ms of CPU (200-300 dpi).
MIN_SKEW = 0.15
DebugSink = Callable[[str, np.ndarray], None]


@dataclass(frozen=True)
class PreprocessOptions:
    """Which steps run. ``auto``: decided per page by measurement."""

    orientation: bool = True
    deskew: bool = True
    colour_marks: Switch = "off"  # measured: on photos it cost 0 and 4.7 points
    borders: bool = True
    punch_holes: bool = True
    illumination: Switch = "auto"
    denoise: Switch = "auto"
    binarise: Switch = "off"


@dataclass
class Prepared:
    """The page ready for OCR (grey), with what was done to it."""

    image: np.ndarray
    rotation: int = 0
    skew: float = 0.0
    steps: list[str] = field(default_factory=list)


def _wanted(switch: Switch, test: Callable[[], bool]) -> bool:
    return switch == "on" or (switch == "auto" and test())


def preprocess(
    image: np.ndarray,
    options: PreprocessOptions | None = None,
    *,
    dpi: int = 300,
    debug: DebugSink | None = None,
) -> Prepared:
    """Run the enabled steps on an RGB (or grey) page image."""
    opts = options or PreprocessOptions()
    done = Prepared(image)

    def step(name: str, result: np.ndarray) -> None:
        done.image = result
        done.steps.append(name)
        if debug is not None:
            debug(name, result)

    if debug is not None:
        debug("input", image)
    current = image
    if image.ndim == 3 and _wanted(opts.colour_marks, lambda: colour.has_colour_marks(image)):
        current = colour.remove_colour_marks(image)
        step("colour-marks", current)
    step("grey", to_grey(current))
    if opts.orientation or opts.deskew:
        # One low-resolution ink mask serves the quarter-turn test and the skew estimate.
        ink = small_ink(central(done.image))[0]
        if opts.orientation and is_turned_ink(ink):
            step("rotate-90", np.rot90(done.image, -1).copy())
            ink = np.rot90(ink, -1)
            done.rotation = 90
        angle = skew_of_ink(ink) if opts.deskew else 0.0
        if abs(angle) >= MIN_SKEW:
            done.skew = angle
            step("deskew", deskew(done.image, angle))
    if opts.orientation and is_upside_down(done.image):
        step("rotate-180", np.rot90(done.image, 2).copy())
        done.rotation = (done.rotation + 180) % 360
    grey = done.image
    paper = illumination.small_background(grey) if opts.illumination != "off" else None
    if _wanted(opts.illumination, lambda: illumination.is_uneven(grey, small=paper)):
        step("illumination", illumination.normalise_illumination(grey, paper))
    # After flattening, which already turns the dark surroundings of a photographed sheet
    # to paper: whitening them first left the sheet's edge as a dark outline that Tesseract
    # read as "|" and that split its columns (on 12 dev photo pages, 97.96 % mean syllable
    # accuracy with borders whitened first, 98.40 % after; two pages fell below raw before).
    if opts.borders or opts.punch_holes:
        cleaned = cleanup.clean_margins(
            done.image, dpi, borders=opts.borders, holes=opts.punch_holes
        )
        if cleaned is not done.image:
            step("borders-holes", cleaned)
    grey = done.image
    if _wanted(opts.denoise, lambda: denoise.is_speckled(grey)):
        step("denoise", denoise.remove_specks(done.image))
    if _wanted(opts.binarise, lambda: binarize.contrast(done.image) < 120):
        step("binarise", binarize.binarise(done.image, dpi))
    return done
