"""Build target ``samples``: make the garbled inputs in ``samples/text/`` from their truth.

Nothing in the samples is hand-garbled: for each ``samples/truth/text/<name>``, the input
``samples/text/<name>`` is what Tesseract's English model really reads from a rendering of
the truth when the name contains ``.eng`` (the legacy-OCR situation), and the truth with its
diacritics removed when the name contains ``stripped``.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from ocrfix.io.atomic import atomic_write_text
from ocrfix.synth.render import render_plain_pages
from ocrfix.text import strip_diacritics

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def english_ocr(truth: str, *, dpi: int = 200, seed: int = 1) -> str:
    """Render the truth lines and OCR them with ``eng``: an old English-model OCR."""
    import pytesseract

    paragraphs = [line for line in truth.splitlines() if line.strip()]
    pages = render_plain_pages(paragraphs, dpi=dpi, size_pt=13, rng=random.Random(seed))
    texts = [pytesseract.image_to_string(p.image, lang="eng", config="--psm 4") for p in pages]
    return "\n".join(t.strip() for t in texts) + "\n"


def build(folder: Path = SAMPLES) -> list[Path]:
    """(Re)write every derived text sample; return the paths written."""
    written = []
    for truth_path in sorted((folder / "truth" / "text").glob("*.txt")):
        truth = truth_path.read_text(encoding="utf-8")
        if "stripped" in truth_path.name:
            text = strip_diacritics(truth)
        elif ".eng" in truth_path.name:
            text = english_ocr(truth)
        else:
            continue
        out = folder / "text" / truth_path.name
        atomic_write_text(out, text)
        written.append(out)
    return written


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("samples", help="garbled sample inputs from samples/truth/text/")
    parser.add_argument("--folder", type=Path, default=SAMPLES)
    parser.set_defaults(handler=lambda args: print(*build(args.folder), sep="\n") or 0)
