"""Searchable-PDF benchmark (issue 4 stretch): cost and fidelity of ``ocrfix ocr --format pdf``.

One OCR run per input; CPU seconds of the PDF step against OCR + repair, file sizes per
page, and how well ``pdftotext`` (poppler) gives back the repaired text (word agreement,
1 - word edit distance / words) and the truth.

    python benchmarks/searchable_pdf_bench.py                 # the sample scans
    python benchmarks/searchable_pdf_bench.py scan.pdf:truth.txt ... --out DIR
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from ocrfix.ocr import OcrOptions, ocr_file
from ocrfix.output.searchable_pdf import document_pdf
from ocrfix.output.words import repair_page
from ocrfix.repair import fix_and_explain

ROOT = Path(__file__).resolve().parents[1]


def cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def agreement(seq: list[str], ref: list[str]) -> float:
    return 1 - Levenshtein.distance(seq, ref) / max(len(ref), 1)


def sample_specs() -> list[str]:
    truth = ROOT / "samples" / "truth" / "scan"
    scans = sorted((ROOT / "samples" / "scan").iterdir())
    pairs = [(p, truth / (p.stem + ".txt")) for p in scans]
    return [f"{scan}:{text}" for scan, text in pairs if text.exists()]


def bench(path: Path, truth: Path, out: Path) -> None:
    t0 = cpu()
    doc = ocr_file(path, options=OcrOptions(force_ocr=True))
    repaired = {p.number: repair_page(p, fix_and_explain) for p in doc.pages if p.error is None}
    text = "\n\n".join(repaired[p.number].text for p in doc.pages if p.number in repaired)
    t1 = cpu()
    pdf = document_pdf(path, doc, repaired, dpi=300)
    t2 = cpu()
    target = out / (path.stem + ".pdf")
    target.write_bytes(pdf)
    ours, gold, n = text.split(), truth.read_text(encoding="utf-8").split(), len(doc.pages)
    print(f"{path.name}: {n} page(s); ocr+repair {(t1 - t0) / n:.2f} s/page, pdf "
          f"{(t2 - t1) / n:.2f} s/page (+{100 * (t2 - t1) / (t1 - t0):.0f} %); size "
          f"{path.stat().st_size / n / 1024:.0f} KB/page in, "
          f"{len(pdf) / n / 1024:.0f} KB/page out")  # fmt: skip
    for mode in ("-raw", None):
        got = subprocess.run(["pdftotext", *([mode] if mode else []), str(target), "-"],
                             capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
        print(f"   pdftotext{' ' + mode if mode else ''}: agreement with ocrfix text "
              f"{agreement(got, ours):.4f}, same words {sorted(got) == sorted(ours)}; vs truth "
              f"{agreement(got, gold):.4f} (ocrfix text {agreement(ours, gold):.4f})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("specs", nargs="*", metavar="SCAN:TRUTH", help="default: samples/scan")
    parser.add_argument("--out", type=Path, help="keep the PDFs here (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for spec in args.specs or sample_specs():
            scan, truth = spec.rsplit(":", 1)
            bench(Path(scan), Path(truth), out)


if __name__ == "__main__":
    main()
