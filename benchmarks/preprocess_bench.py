"""Preprocessing cost per step: CPU milliseconds per page, by degradation kind.

    OMP_THREAD_LIMIT=1 python benchmarks/preprocess_bench.py --docs 4
    OMP_THREAD_LIMIT=1 python benchmarks/preprocess_bench.py --docs 4 --at-300-dpi

Renders dev documents (never held-out ones) with ``ocrfix.synth`` as office, fax, photo,
photo-light and turned office scans, and times each step of ``ocrfix.preprocess`` with
``time.process_time`` (CPU, so other people's jobs on the machine do not count).
``--at-300-dpi`` resamples each scan to 300 dpi first, as ``ocrfix run`` sees a PDF of it.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np

import ocrfix.preprocess.pipeline as pipeline
from ocrfix.build.splits import is_heldout
from ocrfix.preprocess import cleanup, denoise, illumination
from ocrfix.synth import synthetic_scan

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("office", "fax", "photo", "photo-light", "office+rotate")
STEPS = (
    (pipeline, "small_ink", "ink mask"),
    (pipeline, "is_turned_ink", "quarter turn"),
    (pipeline, "skew_of_ink", "skew"),
    (pipeline, "deskew", "deskew warp"),
    (pipeline, "is_upside_down", "upside down"),
    (cleanup, "clean_margins", "margins"),
    (illumination, "small_background", "paper"),
    (illumination, "normalise_illumination", "flatten"),
    (denoise, "is_speckled", "speckle test"),
    (denoise, "remove_specks", "despeckle"),
)
spent: dict[str, float] = defaultdict(float)


def metered(fn: Callable[..., Any], label: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    return wrapper


def dev_texts(shared: Path, count: int) -> list[str]:
    folder = shared / "data" / "admin_docs"
    paths = [p for p in sorted(folder.glob("*.txt")) if not is_heldout(p.stem)]
    return [p.read_text(encoding="utf-8") for p in paths[:count]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--docs", type=int, default=4, help="dev documents per kind")
    parser.add_argument("--at-300-dpi", action="store_true", help="resample scans to 300 dpi")
    args = parser.parse_args(argv)
    for module, name, label in STEPS:
        setattr(module, name, metered(getattr(module, name), label))
    table: dict[str, dict[str, float]] = {}
    texts = dev_texts(args.shared, args.docs)
    for kind in KINDS:
        spent.clear()
        for index, text in enumerate(texts):
            layout = ("plain", "admin")[index % 2]
            scan = synthetic_scan(text, layout=layout, kind=kind, seed=index, dpi=300)
            grey, dpi = np.asarray(scan.image.convert("L")), scan.params.get("dpi", 300)
            if args.at_300_dpi and dpi != 300:
                grey = cv2.resize(grey, None, fx=300 / dpi, fy=300 / dpi,
                                  interpolation=cv2.INTER_LINEAR)  # fmt: skip
                dpi = 300
            metered(pipeline.preprocess, "TOTAL")(grey, dpi=dpi)
        table[kind] = {k: 1000 * v / len(texts) for k, v in spent.items()}
    labels = ["TOTAL", *(label for _, _, label in STEPS)]
    print("ms CPU per page".ljust(15) + "".join(f"{label[:12]:>13}" for label in labels))
    for kind, row in [*table.items(), ("MEAN", {})]:
        row = row or {k: float(np.mean([t.get(k, 0.0) for t in table.values()])) for k in labels}
        print(kind.ljust(15) + "".join(f"{row.get(k, 0.0):13.1f}" for k in labels))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
