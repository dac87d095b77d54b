"""``python -m ocrfix.build ocr-pairs``: truth lines paired with their Tesseract output.

Text is rendered with :mod:`ocrfix.synth` (several fonts, 11-14 pt, 200-300 dpi), degraded
(clean, office, fax, light photo; the scan's skew is then undone, as the OCR stage's deskew
does, unless ``--keep-skew``), OCR'd with Tesseract (psm 4), and each OCR word is put back
on the truth line whose rendered box it falls in (word centres are mapped back through the
degradation's geometry), so one record = one printed truth line and its OCR line:

    {"doc", "page", "line", "truth", "ocr", "conf", "font", "size_pt", "dpi", "degrade",
     "layout", "lang", "skew", ...}

``--split dev`` uses development documents of ``data/admin_docs`` and paragraphs of
``corpus/phapdien_demuc.txt.xz`` as plain pages (one page each), plus ``--admin-pages``
other dev documents in the administrative layout (two-column header and footer, seal,
signature). ``--split test`` uses only held-out documents as plain pages (their first
``--max-lines`` lines and signature block, every page), and also writes
``test-<lang>/<id>.truth.txt`` and ``<id>.ocr.txt``: one line per printed truth line, the
OCR text aligned to it (empty when Tesseract dropped the line), for the repair benchmark.

``--fonts``, ``--sizes``, ``--dpi`` and ``--degrade`` narrow that mix to elicit confusions
the default renders rarely show: English OCR read ``Đ`` as ``P`` for 2.6 % of the ``Đ`` on
light faxes of serif text (``--degrade faded+fax``, 200-240 dpi), against 0.4 % in the
default mix (only its ``photo-light`` pages show it, 1.7 %).
Such a run needs its own ``--out``: a folder remembers the settings it was made with.

Output: ``build/ocr_pairs/<split>-<lang>.jsonl`` (rewritten after every finished unit, so
it can be read while a run goes on), and ``<split>-<lang>.stats.json``. Resumable: finished
units are kept under ``build/ocr_pairs/parts/`` and skipped.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import random
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ocrfix.build.corpus import DEFAULT_SHARED, heldout_lines, iter_admin_docs
from ocrfix.exceptions import UsageError
from ocrfix.io.atomic import atomic_write_text
from ocrfix.ocr.model import OcrWord
from ocrfix.ocr.tesseract import TesseractEngine
from ocrfix.synth.admin_page import render_admin_page
from ocrfix.synth.admin_parts import parse_admin
from ocrfix.synth.degrade import KINDS, Degraded, degrade, straighten
from ocrfix.synth.fonts import FAMILIES, available_families
from ocrfix.synth.layout import RenderedPage, TextLine
from ocrfix.synth.render import render_plain_pages

DEGRADATIONS = (("clean", 0.25), ("office", 0.35), ("fax", 0.2), ("photo-light", 0.2))
RENDER_DPI = (200, 240, 300)
SIZES_PT = (11, 12, 13, 13, 14)  # 13 pt, the decree's body size, twice as often
CORPUS_FILE = "phapdien_demuc.txt.xz"
CORPUS_BLOCK = 30  # consecutive paragraphs offered to one dev page


@dataclass(frozen=True)
class Unit:
    """One piece of resumable work: paragraphs rendered into ``max_pages`` pages or fewer
    (``layout`` ``plain``), or a whole document laid out as one administrative page."""

    id: str
    doc: str
    paragraphs: tuple[str, ...]
    max_pages: int | None = 1
    layout: str = "plain"


@dataclass(frozen=True)
class RenderSettings:
    """What each unit draws its font, size, render dpi and degradation from.

    ``fonts`` empty means every installed family, with the Times-like Liberation Serif
    three times as likely as each other one.
    """

    fonts: tuple[str, ...] = ()
    sizes: tuple[float, ...] = SIZES_PT
    dpis: tuple[int, ...] = RENDER_DPI
    degradations: tuple[tuple[str, float], ...] = DEGRADATIONS

    def font_choices(self) -> list[str]:
        return list(self.fonts) or available_families() + ["Liberation Serif"] * 2


@dataclass
class UnitResult:
    records: list[dict] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)  # Tesseract wall time per page
    cpu_seconds: list[float] = field(default_factory=list)  # its CPU time (load-independent)
    unaligned: int = 0  # OCR words that fell on no truth line


def dev_units(shared: Path, pages: int, seed: int, admin_pages: int = 0) -> list[Unit]:
    """Plain pages, half from dev admin documents (from a random paragraph on), half from
    the corpus; then ``admin_pages`` other dev documents in the administrative layout."""
    rng = random.Random(f"dev:{seed}")
    docs = list(iter_admin_docs(shared, "dev"))
    rng.shuffle(docs)
    units = []
    for i, doc in enumerate(docs[: (pages + 1) // 2]):
        paragraphs = [p for p in doc.text.splitlines() if p.strip()]
        start = rng.randrange(max(1, len(paragraphs) // 2))
        units.append(Unit(f"d{i:04d}-{doc.id}", doc.id, tuple(paragraphs[start:])))
    for j, (line_no, block) in enumerate(_corpus_blocks(shared, pages // 2, rng)):
        units.append(Unit(f"c{j:04d}-{line_no}", f"phapdien:{line_no}", tuple(block)))
    first = (pages + 1) // 2
    for k, doc in enumerate(docs[first : first + admin_pages]):
        units.append(Unit(f"a{k:04d}-{doc.id}", doc.id, tuple(doc.text.splitlines()),
                          layout="admin"))
    return units


def heldout_units(shared: Path, max_lines: int | None, docs: int | None) -> list[Unit]:
    """Every held-out document, whole, or its first ``max_lines`` lines followed by its
    signature block ("Nơi nhận" list, capacity lines, signer: what extraction needs from
    the end of a document; appendices after it are left out)."""
    units = []
    for doc in list(iter_admin_docs(shared, "test"))[:docs]:
        lines = [line for line in doc.text.splitlines() if line.strip()]
        kept = lines[:max_lines]
        if max_lines is not None and len(lines) > max_lines:
            parts = parse_admin(doc.text)
            footer = [*parts.recipients, *parts.signature, *([parts.signer] * bool(parts.signer))]
            start = _find_run(lines, footer)
            if start is not None:
                kept = lines[: min(start, max_lines)] + footer
        units.append(Unit(doc.id, doc.id, tuple(kept), max_pages=None))
    return units


def _find_run(lines: list[str], run: list[str]) -> int | None:
    """Where ``run`` occurs in ``lines`` as consecutive lines (None if it does not)."""
    return next((i for i in range(len(lines) - len(run) + 1) if run
                 and lines[i : i + len(run)] == run), None)


def _corpus_blocks(shared: Path, count: int, rng: random.Random) -> Iterator[tuple[int, list[str]]]:
    """``count`` runs of consecutive corpus paragraphs at random places (held-out removed)."""
    path = shared / "corpus" / CORPUS_FILE
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        total = sum(1 for _ in handle)
    starts = sorted(rng.sample(range(max(1, total - CORPUS_BLOCK)), count))
    banned = heldout_lines(shared)
    wanted = iter(starts)
    start = next(wanted, None)
    block: list[str] = []
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if start is None:
                return
            if n < start:
                continue
            line = line.strip()
            if line and line not in banned:
                block.append(line)
            if n == start + CORPUS_BLOCK - 1:
                yield start, block
                block = []
                start = next(wanted, None)
                while start is not None and start <= n:
                    start = next(wanted, None)


def process_unit(
    unit: Unit,
    lang: str,
    seed: int,
    psm: int,
    timeout: float,
    straight: bool = True,
    settings: RenderSettings = RenderSettings(),
) -> UnitResult:
    """Render, degrade (then undo the skew, unless ``straight`` is off), OCR and align
    every page of ``unit``."""
    rng = random.Random(f"{seed}:{unit.id}")
    font = rng.choice(settings.font_choices())
    size = rng.choice(settings.sizes)
    render_dpi = rng.choice(settings.dpis)
    kinds, weights = zip(*settings.degradations, strict=True)
    engine = TesseractEngine(psm=psm)
    result = UnitResult()
    line_no = 0
    pages = _render(unit, font, size, render_dpi, rng)
    for page_no, page in enumerate(pages):
        kind = rng.choices(kinds, weights)[0]
        scan = degrade(page.image, kind, seed=rng.getrandbits(32), dpi=render_dpi)
        if straight:
            scan = straighten(scan)
        started, cpu = time.perf_counter(), _child_cpu()
        words = engine.recognise(np.asarray(scan.image), lang=lang, timeout=timeout, dpi=scan.dpi)
        result.seconds.append(time.perf_counter() - started)
        result.cpu_seconds.append(_child_cpu() - cpu)
        aligned, unaligned = align_words(words, page.lines, scan)
        result.unaligned += unaligned
        for line, line_words in zip(page.lines, aligned, strict=True):
            result.records.append({
                "doc": unit.doc, "unit": unit.id, "page": page_no, "line": line_no,
                "truth": line.text,
                "ocr": " ".join(w.text for w in line_words),
                "conf": [round(w.conf, 1) for w in line_words],
                "font": font, "size_pt": size, "render_dpi": render_dpi, "dpi": scan.dpi,
                "degrade": kind, "layout": unit.layout, "lang": lang, "psm": psm,
                "skew": round(scan.params.get("straightened", scan.params.get("skew", 0.0)), 2),
                "deskewed": "straightened" in scan.params,
            })
            line_no += 1
    return result


def _child_cpu() -> float:
    """CPU seconds used so far by finished child processes (Tesseract runs as one)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _render(
    unit: Unit, font: str, size: float, dpi: int, rng: random.Random
) -> Iterable[RenderedPage]:
    if unit.layout == "admin":
        text = "\n".join(unit.paragraphs)
        return [render_admin_page(text, font=font, size_pt=max(size, 13), dpi=dpi, rng=rng)]
    return render_plain_pages(unit.paragraphs, max_pages=unit.max_pages, font=font,
                              size_pt=size, dpi=dpi, justify=rng.random() < 0.5, rng=rng)


def align_words(
    words: list[OcrWord], lines: list[TextLine], scan: Degraded
) -> tuple[list[list[OcrWord]], int]:
    """OCR words grouped per truth line (left to right), and how many fit no line.

    A word belongs to the line whose clean-page box holds its centre (mapped back through
    the degradation), vertically within a quarter line height and horizontally within 3 %
    of the page width of the box; the nearest such line wins.
    """
    groups: list[list[tuple[float, OcrWord]]] = [[] for _ in lines]
    unaligned = 0
    slack_x = 0.03 * max((line.box[2] for line in lines), default=0)
    for word in words:
        left, top, right, bottom = word.box
        x, y = scan.to_clean((left + right) / 2, (top + bottom) / 2)
        best, best_distance = None, float("inf")
        for i, line in enumerate(lines):
            x0, y0, x1, y1 = line.box
            pad = 0.25 * (y1 - y0)
            if y0 - pad <= y <= y1 + pad and x0 - slack_x <= x <= x1 + slack_x:
                distance = abs(y - (y0 + y1) / 2)
                if distance < best_distance:
                    best, best_distance = i, distance
        if best is None:
            unaligned += 1
        else:
            groups[best].append((x, word))
    return [[w for _, w in sorted(g, key=lambda item: item[0])] for g in groups], unaligned


def run(args: argparse.Namespace) -> int:
    """Handler: plan the units, process the missing ones, merge and summarise."""
    if not args.no_nice:
        os.nice(10)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    shared = Path(args.shared)
    name = f"{args.split}-{args.lang}"
    out = Path(args.out)
    work = out / "parts" / name
    work.mkdir(parents=True, exist_ok=True)
    settings = RenderSettings(args.fonts, args.sizes, args.dpi, args.degrade)
    _check_settings(work, settings)
    if args.split == "dev":
        units = dev_units(shared, args.pages, args.seed, args.admin_pages)
    else:
        units = heldout_units(shared, args.max_lines or None, args.docs)
    todo = [u for u in units if not (work / f"{u.id}.json").exists()]
    print(f"{name}: {len(units)} units, {len(units) - len(todo)} already done", file=sys.stderr)
    jobs = [(u, args.lang, args.seed, args.psm, args.timeout, not args.keep_skew, settings)
            for u in todo]
    with tqdm(total=len(todo), desc=name, unit="unit") as progress:
        for unit, result in _map(jobs, args.jobs):
            data = json.dumps(asdict(result), ensure_ascii=False)
            atomic_write_text(work / f"{unit.id}.json", data)
            per_page = ", ".join(f"{s:.1f}" for s in result.seconds)
            cpu = ", ".join(f"{s:.1f}" for s in result.cpu_seconds)
            progress.write(f"{unit.id}: {len(result.records)} lines, "
                           f"tesseract s/page {per_page} (cpu {cpu})")
            progress.update()
            _merge(units, work, out, name, split=args.split)
    _merge(units, work, out, name, split=args.split)
    return 0


def _check_settings(work: Path, settings: RenderSettings) -> None:
    """Remember the settings a parts folder is made with; refuse to resume it with others
    (its finished units would be mixed with differently rendered ones)."""
    path = work / "settings.json"
    wanted = json.dumps(asdict(settings), ensure_ascii=False)
    if not path.exists():
        atomic_write_text(path, wanted + "\n")
    elif json.loads(path.read_text("utf-8")) != json.loads(wanted):
        raise UsageError(f"made with other render settings, not {wanted}; give another --out",
                         path=path)


def _map(jobs: list[tuple], workers: int) -> Iterator[tuple[Unit, UnitResult]]:
    if workers <= 1:
        for job in jobs:
            yield job[0], process_unit(*job)
        return
    with ProcessPoolExecutor(workers) as pool:
        futures = {pool.submit(process_unit, *job): job[0] for job in jobs}
        for future in as_completed(futures):
            yield futures[future], future.result()


def _merge(units: list[Unit], work: Path, out: Path, name: str, *, split: str) -> None:
    """Concatenate finished units in plan order into the JSONL, stats, and test texts."""
    records: list[dict] = []
    seconds: list[float] = []
    cpu: list[float] = []
    unaligned = 0
    for unit in units:
        part = work / f"{unit.id}.json"
        if not part.exists():
            continue
        data = json.loads(part.read_text("utf-8"))
        records.extend(data["records"])
        seconds.extend(data["seconds"])
        cpu.extend(data.get("cpu_seconds", []))
        unaligned += data["unaligned"]
        if split == "test":
            for key in ("truth", "ocr"):
                text = "".join(r[key] + "\n" for r in data["records"])
                atomic_write_text(out / name / f"{unit.id}.{key}.txt", text)
    atomic_write_text(out / f"{name}.jsonl",
                      "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    stats = {
        "units_done": sum((work / f"{u.id}.json").exists() for u in units),
        "units": len(units),
        "pages": len(seconds),
        "lines": len(records),
        "syllables": sum(len(r["truth"].split()) for r in records),
        "empty_ocr_lines": sum(not r["ocr"] for r in records),
        "unaligned_words": unaligned,
        "tesseract_seconds_per_page": round(sum(seconds) / len(seconds), 2) if seconds else None,
        "tesseract_cpu_seconds_per_page": round(sum(cpu) / len(cpu), 2) if cpu else None,
    }
    atomic_write_text(out / f"{name}.stats.json", json.dumps(stats, indent=1) + "\n")


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``ocr-pairs`` target."""
    parser = subparsers.add_parser(
        "ocr-pairs",
        help="render, degrade and OCR text into truth/OCR line pairs (build/ocr_pairs/)",
        description=f"{__doc__}\nExamples:\n  python -m ocrfix.build ocr-pairs --split dev "
        "--lang eng --pages 40\n  python -m ocrfix.build ocr-pairs --split test --lang vie "
        "--max-lines 40",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--shared", default=str(DEFAULT_SHARED),
                        help="the shared data folder (default: ../shared)")
    parser.add_argument("--out", default="build/ocr_pairs", help="output folder")
    parser.add_argument("--split", choices=("dev", "test"), default="dev",
                        help="dev documents and corpus (for training), or held-out documents "
                        "(for benchmarks)")
    parser.add_argument("--lang", default="eng", help="Tesseract language: eng, vie, vie+eng")
    parser.add_argument("--pages", type=int, default=40, help="dev: number of pages")
    parser.add_argument("--admin-pages", type=int, default=10,
                        help="dev: extra pages of other dev documents in the administrative "
                        "layout (two-column header and footer, seal, signature)")
    parser.add_argument("--max-lines", type=int, default=40,
                        help="test: first N lines of each document, then its signature "
                        "block (0 = whole document)")
    parser.add_argument("--docs", type=int, default=None, help="test: only the first N documents")
    parser.add_argument("--psm", type=int, default=4, help="Tesseract page segmentation mode")
    parser.add_argument("--timeout", type=float, default=120.0, help="Tesseract seconds per page")
    parser.add_argument("--keep-skew", action="store_true",
                        help="OCR skewed pages as scanned (default: undo the skew first, "
                        "as the OCR stage's deskew does)")
    parser.add_argument("--fonts", type=font_list, default=(),
                        help="comma-separated font families to draw from, e.g. "
                        "'Liberation Serif,DejaVu Serif' (default: every installed family, "
                        f"Liberation Serif most often; known: {', '.join(FAMILIES)})")
    parser.add_argument("--sizes", type=size_list, default=SIZES_PT,
                        help="comma-separated font sizes in points (default: "
                        f"{','.join(map(str, SIZES_PT))})")
    parser.add_argument("--dpi", type=dpi_list, default=RENDER_DPI,
                        help="comma-separated render resolutions; office and photo scans are "
                        "resampled to 200 dpi and faxes to 150 dpi after rendering (default: "
                        f"{','.join(map(str, RENDER_DPI))})")
    parser.add_argument("--degrade", type=degrade_mix, default=DEGRADATIONS,
                        help="comma-separated degradations with optional weights, a chain "
                        "joined by '+', e.g. 'faded+fax:3,fax:1' (default: "
                        f"{','.join(f'{k}:{w:g}' for k, w in DEGRADATIONS)}; "
                        f"kinds: {', '.join(KINDS)})")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-nice", action="store_true", help="do not lower the priority")
    parser.set_defaults(handler=run)
    return parser


def font_list(text: str) -> tuple[str, ...]:
    """``--fonts``: known family names, comma-separated."""
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in FAMILIES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown font family {', '.join(unknown) or text!r}; known: {', '.join(FAMILIES)}")
    return names


def size_list(text: str) -> tuple[float, ...]:
    """``--sizes``: positive point sizes, comma-separated."""
    return _positive_numbers(text, float)


def dpi_list(text: str) -> tuple[int, ...]:
    """``--dpi``: positive resolutions, comma-separated."""
    return _positive_numbers(text, int)


def _positive_numbers(text: str, kind: type) -> tuple:
    try:
        values = tuple(kind(v) for v in text.split(","))
    except ValueError:
        values = ()
    if not values or min(values) <= 0:
        raise argparse.ArgumentTypeError(f"expected positive numbers separated by commas: {text!r}")
    return values


def degrade_mix(text: str) -> tuple[tuple[str, float], ...]:
    """``--degrade``: ``kind[:weight]`` items, comma-separated; a kind may chain steps."""
    mix = []
    for item in text.split(","):
        kind, _, weight = item.strip().partition(":")
        unknown = [step for step in kind.split("+") if step not in KINDS]
        if unknown:
            raise argparse.ArgumentTypeError(
                f"unknown degradation {'+'.join(unknown)!r}; known: {', '.join(KINDS)}")
        try:
            share = float(weight) if weight else 1.0
        except ValueError:
            share = 0.0
        if share <= 0:
            raise argparse.ArgumentTypeError(f"weight of {kind!r} must be a positive number")
        mix.append((kind, share))
    return tuple(mix)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ocrfix.build.ocr_pairs")
    sub = parser.add_subparsers(dest="target", required=True)
    register(sub)
    args = parser.parse_args(["ocr-pairs", *(sys.argv[1:] if argv is None else argv)])
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
