"""Batch benchmark (issue 6): throughput, overhead outside Tesseract, page-level parallelism,
worker memory, soak.

    nice -n 10 python benchmarks/batch_bench.py            # ~5-10 min on 2 cores
    python benchmarks/batch_bench.py --pages 4 --soak 60   # quicker

1. Throughput on generated office scans (``ocrfix.synth``, held-out documents of
   ``shared/data/admin_docs``) through the real stages with 1 and 2 workers: pages/min, the
   scaling ratio, the share of CPU spent outside Tesseract (target < 15 %) split by stage,
   and the peak memory of each worker.
2. Page-level parallelism: one long scan PDF (``--split-pages``) with 1 and 2 workers; the
   runner splits it into page ranges, so 2 workers should approach 2x.
3. Memory on a long PDF: peak RSS of ``ocr_file`` over 10, 100 and ``--long-pages`` pages
   (with a no-op engine, so only page streaming and preprocessing are measured): flat means
   pages are streamed, not collected.
4. Soak: ``ocrfix run`` on mixed inputs (texts in UTF-8 and UTF-16, scans, a multi-page scan
   split into page ranges, 10 % bad files), SIGKILLed midway and rerun: every good document
   must be committed exactly once, every bad one listed in errors.jsonl, and no temp file or
   saved page left behind.

Overhead is counted in CPU seconds of the run's processes (the runner, its workers and every
tesseract/poppler child), so other jobs on a shared machine do not distort it; "Tesseract" is
the CPU of the tesseract processes only. The split by stage comes from :data:`TIMED`, a
``Stages`` plugin (``--plugin batch_bench:TIMED``) that meters the real stages; everything
else is the real pipeline. Work files go to ``build/batch_bench`` (git-ignored).
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import multiprocessing
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from ocrfix.batch.executors import LocalExecutor
from ocrfix.batch.inputs import collect_inputs
from ocrfix.batch.runner import BatchConfig, run_batch
from ocrfix.build.splits import is_heldout
from ocrfix.io.atomic import atomic_write_text
from ocrfix.pipeline import BUILTIN, RunOptions

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent


# --- the CPU accounting plugin ---------------------------------------------------------------
#
# Figures are CPU seconds (this process's own plus its reaped children's), not wall time: on
# a shared machine a wall clock charges other people's jobs to whichever stage was waiting.
# Tesseract is the CPU of the tesseract processes alone; what pytesseract does around them
# (the PNM temp file, spawning, parsing the TSV) is "OCR wrapper", outside Tesseract.

TALLY: Counter[str] = Counter()
STAGES_TIMED = ("preprocess", "signature re-read", "repair", "rasterise", "text layer",
                "OCR wrapper", "layout", "extract")
_NESTED = [0.0]  # CPU of metered calls running inside the current one (charged to them)


def cpu_now() -> tuple[float, float]:
    """(this process's CPU, its reaped children's CPU) in seconds."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), kids.ru_utime + kids.ru_stime


def charged(bucket: str, fn: Any, *, children: str | None = None) -> Any:
    """``fn`` with its CPU added to ``TALLY[bucket]`` (its children's to ``children`` when
    given), less what metered calls inside it were charged."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        own, kids = cpu_now()
        wall, outer = time.perf_counter(), _NESTED[0]
        _NESTED[0] = 0.0
        try:
            return fn(*args, **kwargs)
        finally:
            own2, kids2 = cpu_now()
            spent = own2 - own + kids2 - kids
            TALLY[bucket] += spent - _NESTED[0] - (kids2 - kids if children else 0.0)
            if children:
                TALLY[children] += kids2 - kids
                TALLY[children + " wall"] += time.perf_counter() - wall
            _NESTED[0] = outer + spent

    return wrapper


def charged_pages(bucket: str, fn: Any) -> Any:
    """A page generator factory whose work (rendering each page) is charged to ``bucket``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        pages = charged(bucket, fn)(*args, **kwargs)
        step = charged(bucket, next)
        while True:
            try:
                page = step(pages)
            except StopIteration:
                return
            yield page

    return wrapper


def install_meters() -> None:
    """Charge the OCR stage's steps to their buckets (names the OCR module imports; a step
    it no longer has is simply not split out)."""
    import ocrfix.ocr.document as document
    from ocrfix.ocr.tesseract import TesseractEngine

    for name, bucket in (("preprocess", "preprocess"), ("pdf_text_layer", "text layer"),
                         ("page_text", "layout"), ("recover_words", "signature re-read")):
        if hasattr(document, name):
            setattr(document, name, charged(bucket, getattr(document, name)))
    if hasattr(document, "iter_pages"):
        document.iter_pages = charged_pages("rasterise", document.iter_pages)
    TesseractEngine.recognise = charged("OCR wrapper", TesseractEngine.recognise,
                                        children="Tesseract")


def report_worker() -> None:
    """Leave this process's tally, total CPU and peak RSS where the bench reads them."""
    folder = os.environ.get("BATCH_BENCH_RSS")
    if folder:
        own, kids = cpu_now()
        data = {"tally": TALLY, "cpu": own + kids, "peak_kb": peak_rss_kb(), "pid": os.getpid()}
        atomic_write_text(Path(folder, f"{os.getpid()}.json"), json.dumps(data))


def reported(fn: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        finally:
            report_worker()

    return wrapper


def peak_rss_kb() -> int:
    """This process's own peak RSS: VmHWM (ru_maxrss would carry the parent's over exec)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))


def warm_up() -> None:
    """Load what every worker loads once: the stages' modules and the repair model."""
    import ocrfix.extract
    import ocrfix.ocr  # noqa: F401
    from ocrfix.repair import fix

    fix("Ket qua thuc hien cong tac")


def start_up(timeout: float = 60.0) -> float | None:
    """CPU seconds a fresh worker spends before its first page (interpreter, imports, loading
    the repair model: what importing this plugin does), or None when the repair engine fails
    or hangs past ``timeout`` (it may be mid-rebuild in a work tree); probed in a child
    process so that a hang cannot stall the benchmark."""
    probe = f"import sys; sys.path.insert(0, {str(HERE)!r}); import batch_bench"
    before = cpu_now()[1]
    try:
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    return cpu_now()[1] - before if done.returncode == 0 else None


if __name__ == "batch_bench":  # the plugin, as workers (and the in-process runs) import it
    install_meters()
    warm_up()  # start-up outside the stage meters: it is the worker's, not a page's
# The last stage of each task reports: OCR for a page range, extract for a whole document.
TIMED = dataclasses.replace(BUILTIN, ocr=reported(BUILTIN.ocr),
                            repair=charged("repair", BUILTIN.repair),
                            extract=reported(charged("extract", BUILTIN.extract)))


# --- inputs ----------------------------------------------------------------------------------


def heldout_texts(shared: Path, count: int) -> list[tuple[str, str]]:
    """(id, text) of the first ``count`` held-out documents."""
    folder = shared / "data" / "admin_docs"
    ids = sorted(p.stem for p in folder.glob("*.txt") if is_heldout(p.stem))
    return [(i, (folder / f"{i}.txt").read_text(encoding="utf-8")) for i in ids[:count]]


def make_scans(shared: Path, folder: Path, count: int) -> list[Path]:
    """One-page office scans (200 dpi grey, skew, JPEG) of held-out documents."""
    from ocrfix.synth import degrade, render_plain_page, write_pdf

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed, (doc_id, text) in enumerate(heldout_texts(shared, count)):
        path = folder / f"{doc_id}.pdf"
        if not path.exists():
            page = render_plain_page(text.splitlines(), dpi=300)
            scan = degrade(page.image, "office", seed=seed, dpi=300)
            write_pdf(path, [scan.image], dpi=scan.dpi)
        paths.append(path)
    return paths


def long_scan(shared: Path, folder: Path, pages: int) -> Path:
    """One PDF of ``pages`` office-scan pages, each a different held-out document."""
    from ocrfix.synth import degrade, render_plain_page, write_pdf

    path = folder / f"long-scan-{pages}.pdf"
    if not path.exists():
        images, dpi = [], 300
        for seed, (_, text) in enumerate(heldout_texts(shared, pages)):
            scan = degrade(render_plain_page(text.splitlines(), dpi=300).image, "office",
                           seed=seed, dpi=300)
            images.append(scan.image)
            dpi = scan.dpi
        folder.mkdir(parents=True, exist_ok=True)
        write_pdf(path, images, dpi=dpi)
    return path


def bad_inputs(folder: Path, count: int) -> None:
    """``count`` bad files cycling through every kind: empty, binary, corrupt, encrypted PDF,
    PDF without pages."""
    import io

    from pypdf import PdfWriter

    def pdf(encrypt: bool, pages: int) -> bytes:
        writer = PdfWriter()
        for _ in range(pages):
            writer.add_blank_page(595, 842)
        if encrypt:
            writer.encrypt("secret")
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    makers = [("empty.txt", lambda: b""), ("binary.txt", lambda: os.urandom(256) + b"\0" * 8),
              ("corrupt.pdf", lambda: b"%PDF-1.4\n1 0 obj <<>>\n%%EOF"),
              ("encrypted.pdf", lambda: pdf(True, 1)), ("nopages.pdf", lambda: pdf(False, 0))]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        name, make = makers[i % len(makers)]
        (folder / f"bad{i:03d}-{name}").write_bytes(make())


# --- 1. throughput and 2. page-level parallelism ---------------------------------------------


def measured_run(inputs: list[Path], work: Path, label: str, jobs: int,
                 repair: bool) -> dict[str, Any]:
    """Run ``inputs`` through the real pipeline with ``jobs`` workers; wall time, CPU of this
    process and all its descendants, and the workers' tallies."""
    out, meters = work / f"out-{label}", work / f"meters-{label}"
    for folder in (out, meters):
        shutil.rmtree(folder, ignore_errors=True)
    meters.mkdir(parents=True)
    os.environ["BATCH_BENCH_RSS"] = str(meters)
    importlib.import_module("batch_bench").TALLY.clear()  # the plugin's; jobs=1 runs here
    items, _ = collect_inputs([str(path) for path in inputs])
    executor = LocalExecutor(jobs)
    options = RunOptions(plugin="batch_bench:TIMED", repair=repair)
    own, kids = cpu_now()
    start = time.perf_counter()
    try:
        summary = run_batch(items, options, BatchConfig(out=str(out)), executor)
    finally:
        executor.close()  # joins the workers: their CPU is now in RUSAGE_CHILDREN
    wall = time.perf_counter() - start
    own2, kids2 = cpu_now()
    reports = [json.loads(path.read_text()) for path in meters.glob("*.json")]
    tally: Counter[str] = Counter()
    for report in reports:
        tally.update(report["tally"])
    pages = summary["this_run"]["pages"]
    workers = [r["cpu"] for r in reports if r["pid"] != os.getpid()]
    return {
        "balance": sum(workers) / max(workers) if jobs > 1 and workers else 1.0,
        "jobs": jobs, "pages": pages, "wall": wall, "pages_per_min": 60 * pages / wall,
        "cpu": own2 - own + kids2 - kids, "tally": tally,
        "runner": own2 - own if jobs > 1 else 0.0,  # jobs=1: the runner is mixed in, below
        "failed": summary["documents"]["failed"] + summary["documents"]["partial"],
        "worker_mb": max((r["peak_kb"] for r in reports), default=0) / 1024,
    }


def print_run(r: dict[str, Any], start_cpu: float) -> None:
    tally, cpu = r["tally"], r["cpu"]
    share = {name: 100 * tally[name] / cpu for name in STAGES_TIMED}
    share["runner process"] = 100 * r["runner"] / cpu
    rest = 100 - 100 * tally["Tesseract"] / cpu - sum(share.values())
    spawned = r["jobs"] if r["jobs"] > 1 else 0  # jobs=1 runs here, warmed up beforehand
    steady = cpu - spawned * start_cpu
    print(f"  jobs={r['jobs']}: {r['pages']} pages in {r['wall']:.1f} s = "
          f"{r['pages_per_min']:.1f} pages/min; CPU {cpu:.1f} s ({cpu / r['pages']:.2f} s a "
          f"page); peak worker RSS {r['worker_mb']:.0f} MB; failed {r['failed']}")
    print(f"    CPU outside Tesseract: {100 - 100 * tally['Tesseract'] / cpu:.1f} % (target "
          f"< 15 %) = " + " + ".join(f"{name} {value:.1f}" for name, value in share.items())
          + f" + worker start-up and the rest {rest:.1f}")
    print(f"    without the workers' start-up ({spawned} x {start_cpu:.2f} s): "
          f"{100 - 100 * tally['Tesseract'] / steady:.1f} % outside Tesseract")
    print(f"    (the former wall-clock figure, 1 - Tesseract wall / (wall x workers): "
          f"{100 - 100 * tally['Tesseract wall'] / (r['wall'] * r['jobs']):.1f} %)")


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- 2. memory on a long PDF -----------------------------------------------------------------


class NoOpEngine:
    """Recognises nothing, instantly: isolates page streaming and preprocessing."""

    name = "noop"

    def recognise(self, image: np.ndarray, **kwargs: Any) -> list:
        return []


def long_pdf(path: Path, pages: int, dpi: int) -> None:
    from ocrfix.synth import render_plain_page, write_pdf

    page = render_plain_page(["Ủy ban nhân dân xã Tam Hợp. Kết quả thực hiện công tác."] * 30,
                             dpi=dpi).image
    write_pdf(path, [page] * pages, dpi=dpi)


def ocr_peak_rss(path: str, dpi: int, queue: Any) -> None:
    from ocrfix.ocr import ocr_file
    from ocrfix.ocr.document import OcrOptions

    document = ocr_file(path, options=OcrOptions(dpi=dpi, engine=NoOpEngine()))
    queue.put((len(document.pages), peak_rss_kb() / 1024))


def memory_on_long_pdf(work: Path, pages: int, dpi: int) -> list[tuple[int, float, float]]:
    """(pages, peak MB, seconds) of a fresh process OCR-ing PDFs of 10, 100 (when ``pages``
    is more) and ``pages`` pages."""
    context = multiprocessing.get_context("spawn")
    rows = []
    for count in sorted({10, min(100, pages), pages}):
        path = work / f"long-{count}.pdf"
        if not path.exists():
            long_pdf(path, count, dpi)
        queue = context.Queue()
        start = time.perf_counter()
        process = context.Process(target=ocr_peak_rss, args=(str(path), dpi, queue))
        process.start()
        done, peak = queue.get(timeout=1800)
        process.join()
        rows.append((done, peak, time.perf_counter() - start))
    return rows


# --- 3. soak ---------------------------------------------------------------------------------


def soak_inputs(shared: Path, folder: Path, scans: list[Path], total: int) -> tuple[set, int]:
    """``total`` inputs, 10 % bad, ``scans`` and texts; returns the names of the good ones and
    the bad count."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    bad = total // 10
    bad_inputs(folder / "bad", bad)
    good: set[str] = set()
    for scan in scans:
        shutil.copy(scan, folder / scan.name)
        good.add(scan.stem)
    texts = sorted((shared / "data" / "admin_docs").glob("*.txt"))
    for i, path in enumerate(texts[: total - bad - len(good)]):
        encoding = "utf-16" if i % 5 == 0 else "utf-8"
        text = path.read_text(encoding="utf-8")
        text = text[: text.rfind("\n", 0, SOAK_CHARS) + 1 or SOAK_CHARS]  # a page or so each
        (folder / f"t-{path.name}").write_bytes(text.encode(encoding))
        good.add(f"t-{path.stem}")
    return good, bad


SOAK_CHARS = 2000
SOAK_LONG_PAGES = 6


def journal(out: Path) -> list[str]:
    path = out / ".ocrfix" / "journal.jsonl"
    if not path.exists():
        return []
    return [json.loads(line)["name"] for line in path.read_text(encoding="utf-8").splitlines()]


def soak(shared: Path, work: Path, scans: list[Path], total: int,
         repair: bool) -> dict[str, Any]:
    """Run, SIGKILL at about 40 %, rerun; check exactly-once and the error list."""
    folder, out = work / "soak-in", work / "soak-out"
    good, bad = soak_inputs(shared, folder, scans, total)
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "ocrfix", "run", str(folder), "--out", str(out), "--jobs",
               "2", "--plugin", "batch_bench:TIMED", "-q", *([] if repair else ["--no-repair"])]
    start = time.perf_counter()
    first = subprocess.Popen(command, env=env)
    while len(journal(out)) < 0.4 * total and first.poll() is None:
        time.sleep(0.1)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = len(journal(out))
    pages_saved = len(list(out.glob(".ocrfix/pages/*/*.json")))
    code = subprocess.run(command, env=env, check=False).returncode
    wall = time.perf_counter() - start
    leftovers = [p for p in out.rglob("*") if p.suffix == ".tmp" or p.parent.name == "pages"]
    counts = Counter(journal(out))
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    records = [json.loads(line)["id"] for line in (out / "records.jsonl").read_text().splitlines()]
    failed_good = good - set(records)
    return {
        "inputs": total, "bad": bad, "killed_after": killed_at, "exit_code": code,
        "pages_saved": pages_saved, "leftovers": [str(p.relative_to(out)) for p in leftovers],
        "wall": wall, "good_once": sum(counts[n] == 1 for n in good),
        "good_repeated": sorted(n for n in good if counts[n] > 1),
        "good_missing": sorted(failed_good),
        "bad_reported": len({e["file"] for e in errors if "/bad/" in e["file"]}),
        "error_kinds": dict(Counter(e["kind"] for e in errors)),
    }


# --- report ----------------------------------------------------------------------------------


def report_throughput(scans: list[Path], work: Path, repair: bool, start_cpu: float) -> None:
    print(f"throughput: {len(scans)} one-page office scans (300 dpi render, office degrade), "
          f"real OCR + repair + extract")
    runs = [measured_run(scans, work, f"j{jobs}", jobs, repair) for jobs in (1, 2)]
    for r in runs:
        print_run(r, start_cpu)
    print(f"  scaling 2 vs 1 workers: {runs[1]['pages_per_min'] / runs[0]['pages_per_min']:.2f}x"
          f" ({os.cpu_count()} cores, shared with other jobs; {load()}); work balance "
          f"{runs[1]['balance']:.2f}x")


def report_split(long: Path, pages: int, work: Path, repair: bool, start_cpu: float) -> None:
    print(f"page-level parallelism: one {pages}-page office-scan PDF")
    split = [measured_run([long], work, f"split-j{jobs}", jobs, repair) for jobs in (1, 2)]
    for r in split:
        print_run(r, start_cpu)
    print(f"  one document, 2 vs 1 workers: "
          f"{split[1]['pages_per_min'] / split[0]['pages_per_min']:.2f}x ({load()}); "
          f"work balance (workers' CPU / busiest worker's CPU: the speed-up on free cores): "
          f"{split[1]['balance']:.2f}x")


def report_memory(work: Path, pages: int) -> None:
    print("memory: ocr_file with a no-op engine, 150 dpi, fresh process")
    for done, peak, seconds in memory_on_long_pdf(work, pages, dpi=150):
        print(f"  {done:4d} pages: peak RSS {peak:.0f} MB ({seconds:.1f} s)")


def report_soak(shared: Path, work: Path, scans: list[Path], total: int, repair: bool) -> bool:
    long = long_scan(shared, work / "scans", SOAK_LONG_PAGES)
    result = soak(shared, work, [long, *scans[: max(1, total // 40)]], total, repair)
    print(f"soak: {result['inputs']} inputs ({result['bad']} bad, one a {SOAK_LONG_PAGES}-page "
          f"scan), SIGKILL after {result['killed_after']} commits and {result['pages_saved']} "
          f"saved pages of split scans, rerun exit {result['exit_code']}, "
          f"{result['wall']:.1f} s in all")
    print(f"  temp files and split-scan pages left after the rerun: "
          f"{result['leftovers'] or 'none'}")
    good = result["inputs"] - result["bad"]
    print(f"  good documents committed exactly once: {result['good_once']}/{good}; "
          f"repeated: {result['good_repeated'] or 'none'}; "
          f"missing from records: {result['good_missing'] or 'none'}")
    print(f"  bad files in errors.jsonl: {result['bad_reported']}/{result['bad']}; "
          f"kinds: {result['error_kinds']}")
    ok = (result["good_once"] == good and result["bad_reported"] == result["bad"]
          and not result["good_missing"] and not result["leftovers"])
    print("soak:", "PASS" if ok else "FAIL")
    return ok


SECTIONS = ("throughput", "split", "memory", "soak")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"),
                        help="the shared data folder (default: ../shared)")
    parser.add_argument("--work", default=str(ROOT / "build" / "batch_bench"))
    parser.add_argument("--only", action="append", choices=SECTIONS,
                        help="run just this section (repeatable; default: all)")
    parser.add_argument("--pages", type=int, default=8, help="scans per throughput run")
    parser.add_argument("--split-pages", type=int, default=12,
                        help="pages of the scan OCR'd page-parallel")
    parser.add_argument("--long-pages", type=int, default=100,
                        help="pages of the long PDF (the issue's figure: 1000, ~2 min)")
    parser.add_argument("--soak", type=int, default=200, help="inputs of the soak run")
    parser.add_argument("--no-repair", dest="repair", action="store_false",
                        help="skip the repair stage")
    args = parser.parse_args()
    shared, work, only = Path(args.shared), Path(args.work), set(args.only or SECTIONS)
    work.mkdir(parents=True, exist_ok=True)
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per worker, in every run
    sys.path.insert(0, str(HERE))  # workers import this module as the plugin

    start_cpu = start_up()
    repair = args.repair and start_cpu is not None
    start_cpu = start_cpu or 0.0
    if not repair:
        print("note: measured WITHOUT repair (--no-repair, or the repair engine failed or "
              "took over 60 s on one line)")
    importlib.import_module("batch_bench")  # the plugin, warmed up for the in-process runs
    print(load())
    scans = make_scans(shared, work / "scans", args.pages)
    if "throughput" in only:
        report_throughput(scans, work, repair, start_cpu)
    if "split" in only:
        long = long_scan(shared, work / "scans", args.split_pages)
        report_split(long, args.split_pages, work, repair, start_cpu)
    if "memory" in only:
        report_memory(work, args.long_pages)
    ok = report_soak(shared, work, scans, args.soak, repair) if "soak" in only else True
    return 0 if ok else 1


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    sys.exit(main())
