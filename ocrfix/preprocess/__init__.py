"""OpenCV page preprocessing: colour marks, orientation, deskew, borders, punch holes,
illumination, denoising, binarisation. Each step is a pure function on a numpy image;
:func:`preprocess` chains the enabled ones."""

from __future__ import annotations

from ocrfix.preprocess.pipeline import Prepared, PreprocessOptions, preprocess

__all__ = ["Prepared", "PreprocessOptions", "preprocess"]
