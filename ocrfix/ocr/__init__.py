"""Scan OCR stage: page images → preprocessing → Tesseract words → reading-order text.

``ocr_file(path, options=OcrOptions(...))`` returns an :class:`OcrDocument` whose pages carry
text, word boxes and confidences, or the error (or timeout) of that page.
"""

from __future__ import annotations

from ocrfix.ocr.document import OcrOptions, ocr_file, ocr_page
from ocrfix.ocr.model import OcrDocument, OcrPage, OcrWord

__all__ = ["OcrDocument", "OcrOptions", "OcrPage", "OcrWord", "ocr_file", "ocr_page"]
