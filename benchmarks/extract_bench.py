"""Extraction accuracy against ``shared/data/admin_docs/records.jsonl`` (issue 5).

Exact match per field (number, doc_type, signer, issued_date), tone-placement-blind, for the
development and the held-out documents separately:

- ``clean``: the documents' own text;
- ``eng-OCR``: English-model OCR, raw and after ``ocrfix.repair.fix``; ``repaired+raw`` also
  hands extraction the raw text (``extract_record(text, raw=...)``). Held out: the OCR set
  ``build/ocr_pairs/test-eng/<id>.ocr.txt``; dev: rendered admin first pages (``--render N``)
  and, for the signer, the dev pages of ``build/ocr_pairs/dev-eng.jsonl`` that print it;
- ``scans`` (``--scans N``): degraded scans through the real pipeline, per kind, and ``all+raw``
  as ``scans all`` with the raw OCR text handed to extraction too;
- references: precision/recall of cited (number, date) pairs against the hand-written
  ``benchmarks/data/references_truth.jsonl``.

    python benchmarks/extract_bench.py --shared ../shared [--verbose] [--split dev]
    OMP_THREAD_LIMIT=1 nice -n 10 python benchmarks/extract_bench.py --split dev --scans 90
    OMP_THREAD_LIMIT=1 nice -n 10 python benchmarks/extract_bench.py --split test --scans 0

Scans: each document's first page rendered as a Decree 30 page (``ocrfix.synth``: two-column
header and footer, seal, signature), degraded as an office scan, a fax or a phone photo in
turn (by id order, so a document keeps its scan), written as an image-only PDF and run
through ``ocrfix.pipeline.process_document`` with the options ``ocrfix run`` uses (Tesseract
``vie``, repair on). PDFs and OCR results are cached under ``build/extract_scans/``
(Tesseract costs 5-10 s a page here), so a rerun only repeats repair and extraction; delete
``build/extract_scans/*.ocr.pickle`` after changing the OCR stage, ``*.pdf`` after changing
``ocrfix.synth``. ``--scans N`` takes N documents of each split (0: all).

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
import os
import pickle
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz
from tqdm import tqdm

from ocrfix.build.corpus import AdminDoc, iter_admin_docs
from ocrfix.build.splits import is_heldout
from ocrfix.extract import extract_record, validate_record
from ocrfix.extract.compare import compare_records, normalize_value
from ocrfix.extract.keywords import fold
from ocrfix.io.atomic import atomic_write_bytes
from ocrfix.pipeline import BUILTIN, DocumentResult, RunOptions, process_document
from ocrfix.repair import fix
from ocrfix.synth import parse_admin, synthetic_scan, write_pdf

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("number", "doc_type", "signer", "issued_date")
OCR_DIR = ROOT / "build" / "ocr_pairs" / "test-eng"
DOCS: dict[str, AdminDoc] = {}  # by id, for the cached repair
PIPELINE_FAILURES: list[str] = []  # repair or pipeline crashes, scored as empty documents
DEV_OCR_DIR = ROOT / "build" / "extract_ocr_dev"  # --render: dev pages OCR'd here, for tuning
REFERENCES_TRUTH = ROOT / "benchmarks" / "data" / "references_truth.jsonl"


def from_text(text_of: Callable[[AdminDoc], str | None]) -> Callable[[AdminDoc], dict | None]:
    """The record extracted from ``text_of(doc)`` (None when the document has no such text)."""

    def record_of(doc: AdminDoc) -> dict | None:
        text = text_of(doc)
        return None if text is None else extract_record(text, source=doc.id)

    return record_of


def score(
    docs: Iterable[AdminDoc],
    record_of: Callable[[AdminDoc], dict | None],
    label: str,
    verbose: bool,
    *,
    blind_signer: bool = False,
) -> None:
    """Print per-field accuracy of the records of ``docs`` (skipping docs without one)."""
    hits: dict[str, int] = defaultdict(int)
    total = 0
    invalid = 0
    for doc in docs:
        record = record_of(doc)
        if record is None:
            continue
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


def _repaired(doc: AdminDoc) -> str | None:
    return _repaired_text(doc.id)


def _raw_text(doc: AdminDoc) -> str | None:
    """The English-OCR text of ``doc``: rendered dev pages, or the held-out OCR set."""
    return _dev_ocr_text(doc) if not doc.heldout else _ocr_text(doc)


def _with_raw(doc: AdminDoc) -> dict | None:
    """The record of the repaired text, the raw OCR text given too (``raw=``)."""
    raw = _raw_text(doc)
    if raw is None:
        return None
    return extract_record(_repaired(doc) or "", source=doc.id, raw=raw)


@cache
def _repaired_text(doc_id: str) -> str | None:
    text = _raw_text(DOCS[doc_id])
    if text is None:
        return None
    try:
        return fix(text)
    except Exception as exc:  # a repair crash scores as an empty document, and is counted
        PIPELINE_FAILURES.append(f"{doc_id}: {type(exc).__name__}: {exc}")
        return ""


PAIRS_DEV = ROOT / "build" / "ocr_pairs" / "dev-eng.jsonl"


def score_signer_pages(docs: list[AdminDoc], verbose: bool) -> None:
    """Signer accuracy on the dev pages of the English-OCR line pairs (``python -m
    ocrfix.build ocr-pairs``) that print the signer: full pages in the held-out set's plain
    layout, which the rendered admin pages above rarely keep the signature block of."""
    if not PAIRS_DEV.exists():
        return
    by_id = {doc.id: doc for doc in docs if not doc.heldout}
    units: dict[str, list[dict]] = defaultdict(list)
    with open(PAIRS_DEV, encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            if row["doc"] in by_id:
                units[row["unit"]].append(row)
    hits = blind = total = 0
    for unit, rows in sorted(units.items()):
        rows.sort(key=lambda r: (r["page"], r["line"]))
        truth = by_id[rows[0]["doc"]].record["signer"]
        if truth not in "\n".join(r["truth"] for r in rows):
            continue
        raw = "\n".join(r["ocr"] for r in rows)
        record = extract_record(fix(raw), raw=raw)
        got = record["signer"]["name"] if record["signer"] else None
        total += 1
        hits += normalize_value(got) == normalize_value(truth)
        blind += fold(got or "") == fold(truth)
        if verbose and normalize_value(got) != normalize_value(truth):
            print(f"  eng-OCR pages dev {unit} signer: truth={truth!r} got={got!r}")
    if total:
        print(f"{'eng-OCR pages dev (pairs)':28s} n={total:3d}  signer={100 * hits / total:6.2f}%"
              f"  signer(diacritic-blind)={100 * blind / total:6.2f}%")


def render_dev(docs: list[AdminDoc], count: int) -> None:
    """First pages of ``count`` dev documents rendered, degraded and OCR'd with Tesseract
    ``eng`` into :data:`DEV_OCR_DIR` (the garbled text rules may be tuned on)."""
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


SCAN_DIR = ROOT / "build" / "extract_scans"
SCAN_KINDS = ("office", "fax", "photo")


def scan_cases(docs: list[AdminDoc], count: int) -> list[tuple[AdminDoc, str, int]]:
    """``(document, degradation, seed)`` for ``count`` documents (0: all). Kinds go in turn
    over the documents in id order, so a document keeps its scan whatever ``count`` is."""
    ordered = sorted(docs, key=lambda d: d.id)
    cases = [(doc, SCAN_KINDS[i % len(SCAN_KINDS)], i) for i, doc in enumerate(ordered)]
    if 0 < count < len(cases):  # a larger count keeps the smaller one's documents
        random.Random(11).shuffle(cases)
        cases = sorted(cases[:count], key=lambda c: c[0].id)
    return cases


def _cached_ocr(path: str, options: RunOptions, *more: object) -> object:
    """The pipeline's own OCR stage, its result kept beside the PDF for cheap reruns (every
    page is OCR'd: the scans have one)."""
    cache = Path(path).with_suffix(".ocr.pickle")
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    document = BUILTIN.ocr(path, options, *more)
    atomic_write_bytes(cache, pickle.dumps(document))
    return document


def scan_result(doc: AdminDoc, kind: str, seed: int) -> DocumentResult:
    """``doc`` rendered, degraded with ``kind`` and run through the pipeline as ``ocrfix run``
    runs it (PDF and OCR cached under :data:`SCAN_DIR`)."""
    pdf = SCAN_DIR / f"{doc.id}-{kind}-{seed}.pdf"
    if not pdf.exists():
        scan = synthetic_scan(doc.text, layout="admin", kind=kind, seed=seed)
        write_pdf(pdf, [scan.image], dpi=scan.scan.dpi)
    return process_document(pdf, RunOptions(), stages=replace(BUILTIN, ocr=_cached_ocr))


def _scan_records(doc: AdminDoc, kind: str, seed: int) -> tuple[dict, dict]:
    """The record ``ocrfix run`` gives for the scan, and the one extraction gives when also
    handed the raw OCR text; a crash scores as an empty record."""
    try:
        result = scan_result(doc, kind, seed)
    except Exception as exc:  # the benchmark reports, it does not stop
        PIPELINE_FAILURES.append(f"{doc.id}: {type(exc).__name__}: {exc}")
        empty = extract_record("", source=doc.id)
        return empty, empty
    with_raw = extract_record(result.text, source=doc.id, raw=result.raw_text)
    return result.record or extract_record("", source=doc.id), with_raw


def _report_failures() -> None:
    if PIPELINE_FAILURES:
        print(f"  a stage failed on {len(PIPELINE_FAILURES)} documents, scored as empty; "
              f"first: {PIPELINE_FAILURES[0]}")
        PIPELINE_FAILURES.clear()


def _signer_printed(doc: AdminDoc) -> bool:
    """Whether the rendered page shows the signer: ``ocrfix.synth`` draws the signature block
    its parser finds, and finds none in some texts (a list item split over two lines)."""
    parts = parse_admin(doc.text)
    return fold(doc.record["signer"]) in fold(" ".join([*parts.signature, parts.signer]))


def score_scans(docs: list[AdminDoc], count: int, split: str, verbose: bool) -> None:
    """Per-field accuracy on degraded scans, per kind and over all, as ``ocrfix run`` reads
    them (repaired text)."""
    cases = scan_cases(docs, count)
    started = time.process_time()
    results = {doc.id: _scan_records(doc, kind, seed) for doc, kind, seed in tqdm(
        cases, desc=f"scans {split}", leave=False)}
    print(f"  scans {split}: {len(cases)} pages, {time.process_time() - started:.1f} s CPU in "
          "this process (Tesseract runs in children), load average "
          f"{os.getloadavg()[0]:.2f}")
    for kind in (*SCAN_KINDS, "all"):
        chosen = [doc for doc, k, _ in cases if kind in (k, "all")]
        score(chosen, lambda d: results[d.id][0], f"scans {kind} {split}", verbose,
              blind_signer=True)
    score([doc for doc, _, _ in cases], lambda d: results[d.id][1], f"scans all+raw {split}",
          False, blind_signer=True)
    printed = [doc for doc, _, _ in cases if _signer_printed(doc)]
    score(printed, lambda d: results[d.id][0], f"scans printed-signer {split}", False,
          blind_signer=True)
    _report_failures()


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
    parser.add_argument(
        "--scans",
        type=int,
        default=None,
        metavar="N",
        help="score N documents per split as degraded scans through the pipeline (0: all); "
        "slow the first time (Tesseract), cached under build/extract_scans/",
    )
    args = parser.parse_args(argv)
    docs = list(iter_admin_docs(args.shared))
    DOCS.update((doc.id, doc) for doc in docs)
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    for split in splits:
        chosen = [d for d in docs if (split == "test") == d.heldout]
        show = args.verbose and (split == "dev" or args.split == "test")
        score(chosen, from_text(lambda d: d.text), f"clean {split}", show)
    if args.render:
        render_dev(docs, args.render)
    if not args.no_ocr and "dev" in splits:
        dev = [d for d in docs if not d.heldout]
        show = args.verbose
        score(dev, from_text(_dev_ocr_text), "eng-OCR raw dev (rendered)", show, blind_signer=True)
        score(dev, from_text(_repaired), "eng-OCR repaired dev", show, blind_signer=True)
        score(dev, _with_raw, "eng-OCR repaired+raw dev", show, blind_signer=True)
        score_signer_pages(docs, show)
    if not args.no_ocr and "test" in splits:
        heldout = [d for d in docs if d.heldout]
        show = args.verbose and args.split == "test"
        score(heldout, from_text(_ocr_text), "eng-OCR raw test", show, blind_signer=True)
        score(heldout, from_text(_repaired), "eng-OCR repaired test", show, blind_signer=True)
        score(heldout, _with_raw, "eng-OCR repaired+raw test", show, blind_signer=True)
        _report_failures()
    if args.scans is not None:
        for split in splits:
            chosen = [d for d in docs if (split == "test") == d.heldout]
            show = args.verbose and (split == "dev" or args.split == "test")
            score_scans(chosen, args.scans, split, show)
    for split in (*splits, "all") if len(splits) > 1 else splits:
        show = args.verbose and (split == "dev" or args.split == "test")
        score_references(args.shared, show, split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
