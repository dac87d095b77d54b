"""The OCR-engine interface, so tests and plugins can swap Tesseract for a fake."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from ocrfix.ocr.model import OcrWord


class OcrEngine(Protocol):
    """Recognises the words of one page image; raises ``EngineTimeout`` past ``timeout``."""

    name: str

    def recognise(
        self, image: np.ndarray, *, lang: str, timeout: float | None, dpi: int
    ) -> list[OcrWord]: ...
