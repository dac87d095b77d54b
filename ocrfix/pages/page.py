"""One page as the reader hands it on: an RGB (or grey) image, or why it could not be read."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from ocrfix.exceptions import OcrfixError

DEFAULT_DPI = 300
# A4 at 600 dpi is 35 Mpx; anything far beyond that is a mistake or a decompression bomb.
DEFAULT_MAX_PIXELS = 120_000_000


@dataclass(frozen=True)
class Page:
    """Page ``number`` (1-based) of a document: ``image`` (H×W×3 uint8 RGB, or H×W grey when
    the reader was asked for grey, or for pages as scanned and this one is grey) or ``error``."""

    number: int
    image: np.ndarray | None = None
    dpi: int = DEFAULT_DPI
    error: OcrfixError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class PageRequest:
    """How the readers hand pages on: resolution (for PDFs, and images without one), the
    pixel limit, which 1-based pages (all when None), and grey (H×W) instead of RGB (None: as
    scanned, grey where the source is grey)."""

    dpi: int = DEFAULT_DPI
    max_pixels: int = DEFAULT_MAX_PIXELS
    only: Collection[int] | None = None
    grey: bool | None = False

    def numbers(self, count: int) -> list[int]:
        """The wanted page numbers of a document of ``count`` pages."""
        return [n for n in range(1, count + 1) if self.only is None or n in self.only]
