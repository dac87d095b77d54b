"""Extraction accuracy against ``shared/data/admin_docs/records.jsonl`` (issue 5).

Exact match per field (number, doc_type, signer, issued_date), tone-placement-blind, for the
development and the held-out documents separately, on the clean text; on English-OCR'd
held-out text (``build/ocr_pairs/test-eng/<id>.ocr.txt``) raw and after ``ocrfix.repair.fix``
when those files exist; and precision/recall of cited (number, date) pairs against the
hand-written ``benchmarks/data/references_truth.jsonl``.

    python benchmarks/extract_bench.py --shared ../shared [--verbose] [--split dev]

Reference truth (written by hand from reading 30 documents, 22 held-out): every document
the text cites, once, as ``{doc_type, number, date, issuer, name}``; ``date`` is the issue
date printed next to the citation (null when none), ``name`` the title of a law cited by
name. Not counted: the document's own number, forms ("Mẫu số 01/TK-..."), and laws cited
by name and year only ("Luật Đất đai năm 2024"), which identify no (number, date) pair.
A pair matches on the number (spacing-blind), or for a law without number on its name
(rapidfuzz ratio ≥ 90), and on the date.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from rapidfuzz import fuzz

from ocrfix.build.corpus import AdminDoc, iter_admin_docs
from ocrfix.build.splits import is_heldout
from ocrfix.extract import extract_record, validate_record
from ocrfix.extract.compare import compare_records, normalize_value
from ocrfix.extract.keywords import fold

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("number", "doc_type", "signer", "issued_date")
OCR_DIR = ROOT / "build" / "ocr_pairs" / "test-eng"
REPAIR_FAILURES: list[str] = []
DEV_OCR_DIR = ROOT / "build" / "extract_ocr_dev"  # --render: dev pages OCR'd here, for tuning
REFERENCES_TRUTH = ROOT / "benchmarks" / "data" / "references_truth.jsonl"


def score(
    docs: Iterable[AdminDoc],
    text_of: Callable[[AdminDoc], str | None],
    label: str,
    verbose: bool,
    *,
    blind_signer: bool = False,
) -> None:
    """Print per-field accuracy of extraction over ``docs`` (skipping docs without text)."""
    hits: dict[str, int] = defaultdict(int)
    total = 0
    invalid = 0
    for doc in docs:
        text = text_of(doc)
        if text is None:
            continue
        record = extract_record(text, source=doc.id)
        try:
            validate_record(record)
        except Exception:  # the benchmark reports, it does not stop
            invalid += 1
        truth = {k: doc.record[k] for k in FIELDS}
        result = compare_records(truth, record)
        total += 1
        signer = record["signer"]["name"] if record["signer"] else ""
        hits["blind"] += fold(signer) == fold(doc.record["signer"])
        for field in FIELDS:
            hits[field] += result[field]
            if verbose and not result[field]:
                got = (
                    record[field]["name"] if field == "signer" and record[field] else record[field]
                )
                print(f"  {label} {doc.id} {field}: truth={truth[field]!r} got={got!r}")
    if not total:
        print(f"{label:28s} no documents")
        return
    cells = "  ".join(f"{f}={100 * hits[f] / total:6.2f}%" for f in FIELDS)
    blind = f"  signer(diacritic-blind)={100 * hits['blind'] / total:6.2f}%" if blind_signer else ""
    print(f"{label:28s} n={total:3d}  {cells}{blind}  schema-invalid={invalid}")


def _ref_key(ref: dict) -> tuple[str, str | None]:
    number = normalize_value(ref.get("number"))
    return (number or "law:" + fold(ref.get("name") or ""), ref.get("date"))


def _matches(truth: tuple[str, str | None], hyp: tuple[str, str | None]) -> bool:
    if truth[1] != hyp[1]:
        return False
    if truth[0].startswith("law:") and hyp[0].startswith("law:"):
        return fuzz.ratio(truth[0], hyp[0]) >= 90
    return truth[0] == hyp[0]


def score_references(shared: Path, verbose: bool, split: str) -> None:
    """Precision and recall of (number, date) pairs over the hand-written truth."""
    if not REFERENCES_TRUTH.exists():
        print("references: no truth file")
        return
    lines = REFERENCES_TRUTH.read_text("utf-8").splitlines()
    truth_docs = [json.loads(line) for line in lines if line.strip()]
    truth_docs = [
        d for d in truth_docs if split == "all" or (split == "test") == is_heldout(d["id"])
    ]
    texts = {doc.id: doc.text for doc in iter_admin_docs(shared)}
    tp = fp = fn = 0
    for entry in truth_docs:
        truth = [_ref_key(r) for r in entry["references"]]
        hyp = [_ref_key(r) for r in extract_record(texts[entry["id"]])["references"]]
        unmatched = list(hyp)
        for key in truth:
            found = next((h for h in unmatched if _matches(key, h)), None)
            if found is None:
                fn += 1
                if verbose:
                    print(f"  refs {entry['id']} missed {key}")
            else:
                tp += 1
                unmatched.remove(found)
        fp += len(unmatched)
        if verbose:
            for key in unmatched:
                print(f"  refs {entry['id']} spurious {key}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(
        f"references {split:5s} (hand)     docs={len(truth_docs):3d} pairs={tp + fn:3d}  "
        f"precision={100 * precision:6.2f}%  recall={100 * recall:6.2f}%"
    )


def _ocr_text(doc: AdminDoc) -> str | None:
    path = OCR_DIR / f"{doc.id}.ocr.txt"
    return path.read_text("utf-8") if path.exists() else None


def _repaired_text(doc: AdminDoc) -> str | None:
    text = _dev_ocr_text(doc) if not doc.heldout else _ocr_text(doc)
    if text is None:
        return None
    from ocrfix.repair import fix  # lazy: the repair engine is another stage

    try:
        return fix(text)
    except Exception as exc:  # a repair crash scores as an empty document, and is counted
        REPAIR_FAILURES.append(f"{doc.id}: {type(exc).__name__}: {exc}")
        return ""


def render_dev(docs: list[AdminDoc], count: int) -> None:
    """First pages of ``count`` dev documents rendered, degraded and OCR'd with Tesseract
    ``eng`` into :data:`DEV_OCR_DIR` (the garbled text rules may be tuned on)."""
    import random

    import pytesseract

    from ocrfix.synth.admin_page import render_admin_page
    from ocrfix.synth.degrade import degrade

    kinds = ("clean", "office", "fax", "photo-light")
    DEV_OCR_DIR.mkdir(parents=True, exist_ok=True)
    dev = [d for d in docs if not d.heldout]
    for i, doc in enumerate(random.Random(7).sample(dev, min(count, len(dev)))):
        out = DEV_OCR_DIR / f"{doc.id}.ocr.txt"
        if not out.exists():
            page = render_admin_page(doc.text, dpi=300, rng=random.Random(i))
            image = degrade(page.image, kinds[i % len(kinds)], seed=i, dpi=300).image
            out.write_text(pytesseract.image_to_string(image, lang="eng", config="--psm 4"))


def _dev_ocr_text(doc: AdminDoc) -> str | None:
    path = DEV_OCR_DIR / f"{doc.id}.ocr.txt"
    return path.read_text("utf-8") if path.exists() else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=ROOT.parent / "shared",
        help="the shared data folder (default: ../shared)",
    )
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="print every mismatch of the dev documents (held-out ones only with --split test)",
    )
    parser.add_argument("--no-ocr", action="store_true", help="skip the OCR'd-text figures")
    parser.add_argument(
        "--render",
        type=int,
        default=0,
        metavar="N",
        help="first render and English-OCR N dev documents into build/extract_ocr_dev/",
    )
    args = parser.parse_args(argv)
    docs = list(iter_admin_docs(args.shared))
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    for split in splits:
        chosen = [d for d in docs if (split == "test") == d.heldout]
        show = args.verbose and (split == "dev" or args.split == "test")
        score(chosen, lambda d: d.text, f"clean {split}", show)
    if args.render:
        render_dev(docs, args.render)
    if not args.no_ocr and "dev" in splits:
        dev = [d for d in docs if not d.heldout]
        score(dev, _dev_ocr_text, "eng-OCR raw dev (rendered)", args.verbose, blind_signer=True)
        score(dev, _repaired_text, "eng-OCR repaired dev", args.verbose, blind_signer=True)
    if not args.no_ocr and "test" in splits:
        heldout = [d for d in docs if d.heldout]
        show = args.verbose and args.split == "test"
        score(heldout, _ocr_text, "eng-OCR raw test", show, blind_signer=True)
        score(heldout, _repaired_text, "eng-OCR repaired test", show, blind_signer=True)
        if REPAIR_FAILURES:
            print(
                f"  ocrfix.repair.fix failed on {len(REPAIR_FAILURES)} documents, scored as "
                f"empty; first: {REPAIR_FAILURES[0]}"
            )
    for split in (*splits, "all") if len(splits) > 1 else splits:
        show = args.verbose and (split == "dev" or args.split == "test")
        score_references(args.shared, show, split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
