"""One page as the reader hands it on: an RGB image, or the reason it could not be read."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ocrfix.exceptions import OcrfixError

DEFAULT_DPI = 300
# A4 at 600 dpi is 35 Mpx; anything far beyond that is a mistake or a decompression bomb.
DEFAULT_MAX_PIXELS = 120_000_000


@dataclass(frozen=True)
class Page:
    """Page ``number`` (1-based) of a document: ``image`` (H×W×3 uint8 RGB) or ``error``."""

    number: int
    image: np.ndarray | None = None
    dpi: int = DEFAULT_DPI
    error: OcrfixError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None
