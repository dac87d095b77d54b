"""The only module that talks to Tesseract (through pytesseract), with a per-page timeout.

A timeout becomes :class:`EngineTimeout`, which the caller turns into a page flagged
``timed_out``; a missing binary or language model is a :class:`MissingDependencyError`.
"""

from __future__ import annotations

import os
import tempfile

import cv2
import numpy as np
import pytesseract

from ocrfix.exceptions import MissingDependencyError, OcrError
from ocrfix.ocr.model import OcrWord


class EngineTimeout(OcrError):
    """The engine ran past its time budget on a page."""


class TesseractEngine:
    """Word-level recognition with ``tesseract`` (``psm`` 3: automatic page segmentation)."""

    name = "tesseract"

    def __init__(self, psm: int = 3, extra_config: str = "") -> None:
        self.psm = psm
        self.extra_config = extra_config

    def recognise(
        self, image: np.ndarray, *, lang: str, timeout: float | None, dpi: int
    ) -> list[OcrWord]:
        """Words of ``image`` (grey or RGB uint8) in Tesseract's order."""
        config = f"--psm {self.psm} --dpi {dpi} {self.extra_config}".strip()
        # An uncompressed PNM costs ~10 ms to write; pytesseract's own PNG costs ~150 ms.
        with tempfile.TemporaryDirectory(prefix="ocrfix-") as tmp:
            path = os.path.join(tmp, "page.pnm")
            cv2.imwrite(path, image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
            return self._run(path, lang, config, timeout)

    def _run(self, path: str, lang: str, config: str, timeout: float | None) -> list[OcrWord]:
        try:
            data = pytesseract.image_to_data(
                path,
                lang=lang,
                config=config,
                timeout=timeout or 0,
                output_type=pytesseract.Output.DICT,
            )
        except pytesseract.TesseractNotFoundError:
            raise MissingDependencyError(
                "tesseract is not installed or not on PATH (apt install tesseract-ocr)"
            ) from None
        except pytesseract.TesseractError as exc:
            message = str(exc.message)
            if "Failed loading language" in message or "Error opening data file" in message:
                raise MissingDependencyError(
                    f"Tesseract language model '{lang}' is not installed "
                    f"(apt install tesseract-ocr-{lang.split('+')[0]})"
                ) from None
            raise OcrError(f"tesseract failed: {message.strip()}") from None
        except RuntimeError as exc:
            if "timeout" in str(exc).lower():
                raise EngineTimeout(f"tesseract timed out after {timeout:g} s") from None
            raise
        return _without_double_readings(_words(data))


def _shared_width(a: OcrWord, b: OcrWord) -> float:
    """Horizontal overlap of two words as a share of the narrower one."""
    overlap = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
    return overlap / max(1, min(a.box[2] - a.box[0], b.box[2] - b.box[0]))


def _without_double_readings(words: list[OcrWord], share: float = 0.6) -> list[OcrWord]:
    """Tesseract sometimes reads a stretch of a line twice (``HÀ HÀ TÌ TĨNH`` for ``HÀ
    TĨNH``): of two neighbouring words of one line lying mostly on top of each other, keep
    the more confident."""
    kept: list[OcrWord] = []
    for word in words:
        near = [
            k
            for k in kept[-2:]
            if (k.block, k.par, k.line) == (word.block, word.par, word.line)
            and _shared_width(k, word) > share
        ]
        if not near:
            kept.append(word)
        elif all(word.conf > k.conf for k in near):
            kept = [k for k in kept if k not in near] + [word]
    return kept


def _words(data: dict[str, list]) -> list[OcrWord]:
    words = []
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:
            continue
        left, top = int(data["left"][i]), int(data["top"][i])
        box = (left, top, left + int(data["width"][i]), top + int(data["height"][i]))
        words.append(
            OcrWord(
                text=text,
                box=box,
                conf=conf,
                block=int(data["block_num"][i]),
                par=int(data["par_num"][i]),
                line=int(data["line_num"][i]),
            )
        )
    return words


def tesseract_version() -> str:
    """Installed Tesseract version, or raise :class:`MissingDependencyError`."""
    try:
        return str(pytesseract.get_tesseract_version())
    except pytesseract.TesseractNotFoundError:
        raise MissingDependencyError("tesseract is not installed or not on PATH") from None
