"""``python -m ocrfix.synth``: write a synthetic scan of one document and its truth.

Example (the sample in ``samples/scan/``)::

    python -m ocrfix.synth ../shared/data/admin_docs/020bddd030400bd2.txt \\
        --kind office --seed 7 --out samples/scan/quyet-dinh-office.pdf

writes the PDF (or a ``.png``/``.tif`` image, by the suffix) and ``<name>.truth.txt`` beside
it, and prints the degradation parameters (skew angle etc.) as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ocrfix.io.atomic import atomic_write_text
from ocrfix.synth.degrade import KINDS
from ocrfix.synth.pdf import write_pdf
from ocrfix.synth.scan import LAYOUTS, synthetic_scan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ocrfix.synth",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("text", type=Path, help="a UTF-8 document text (one paragraph per line)")
    parser.add_argument("--out", type=Path, required=True, help="output .pdf, .png or .tif")
    parser.add_argument("--kind", default="office",
                        help=f"degradation, e.g. office or fax+rotate ({', '.join(KINDS)})")
    parser.add_argument("--layout", choices=LAYOUTS, default="admin")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dpi", type=int, default=300, help="rendering resolution")
    parser.add_argument("--font", default=None, help="font family, e.g. 'Liberation Serif'")
    parser.add_argument("--size", type=float, default=None, help="body size in points")
    parser.add_argument("--quality", type=int, default=75, help="JPEG quality inside the PDF")
    args = parser.parse_args(argv)
    text = args.text.read_text("utf-8")
    scan = synthetic_scan(text, layout=args.layout, kind=args.kind, seed=args.seed,
                          dpi=args.dpi, font=args.font, size_pt=args.size)
    if args.out.suffix.lower() == ".pdf":
        write_pdf(args.out, [scan.image], dpi=scan.scan.dpi, quality=args.quality)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        scan.image.save(args.out, dpi=(scan.scan.dpi, scan.scan.dpi))
    atomic_write_text(args.out.with_suffix(".truth.txt"), scan.truth + "\n")
    json.dump({"font": scan.page.font, "size_pt": scan.page.size_pt, **scan.params}, sys.stdout,
              ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
