"""Repair benchmark (issue 3): syllable accuracy of input, baseline and model, speed, memory.

    python benchmarks/repair_bench.py                  # held-out documents (the report)
    python benchmarks/repair_bench.py --split dev      # development split (for tuning)
    python benchmarks/repair_bench.py --split dev --tune   # grid over decoder weights

Sets: (a) ``eng``: held-out documents rendered, degraded and OCR'd with Tesseract ``eng``;
(b) ``stripped``: the held-out documents' text with diacritics removed here; (c) ``vie``:
as (a) with Tesseract ``vie``. (a) and (c) come from ``python -m ocrfix.build ocr-pairs
--split test --lang eng`` (and ``--lang vie``); for ``--split dev`` the ``dev-<lang>.jsonl``
line pairs of ``--split dev``. A missing set is made first with that build command (about
10 minutes of Tesseract per language), unless ``--no-make-data``, which only reports it.
Scores are micro-averaged ``ocrfix.evaluate.metrics`` (tone-placement-blind). Speed is
syllables of input per CPU second of ``fix_and_explain`` alone (the texts are repaired
first, then scored) after loading, in this one process (single core); load time is
wall-clock.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ocrfix.build.corpus import DEFAULT_SHARED, iter_admin_docs
from ocrfix.evaluate.calibration import combine, judge
from ocrfix.evaluate.metrics import Score, mark_errors, score_texts, syllables
from ocrfix.repair import baseline
from ocrfix.repair.channel import ChannelModel
from ocrfix.repair.engine import Engine, code_readings, get_engine
from ocrfix.repair.gazetteer import Gazetteer, read_names
from ocrfix.repair.lm import LanguageModel
from ocrfix.repair.protect import CodeBook
from ocrfix.repair.result import RepairConfig
from ocrfix.text import strip_diacritics

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "build" / "ocr_pairs"
Pair = tuple[str, str]  # (truth, input)


def stripped_set(shared: Path, split: str) -> list[Pair]:
    """Whole documents of the split, stripped of diacritics."""
    return [(d.text, strip_diacritics(d.text)) for d in iter_admin_docs(shared, split)]


def ocr_set(lang: str, split: str, *, make_with: Path | None = None) -> list[Pair] | str:
    """(truth, OCR) per held-out document, or dev line pairs; a message when missing.

    With ``make_with`` (the shared folder) a missing set is generated first.
    """
    pairs = _read_ocr_set(lang, split)
    if isinstance(pairs, str) and make_with is not None:
        command = [sys.executable, "-m", "ocrfix.build", "ocr-pairs", "--split", split,
                   "--lang", lang, "--shared", str(make_with), "--out", str(PAIRS)]  # fmt: skip
        print(f"{pairs.split(':')[0]} {split}-{lang}: making it: {' '.join(command[1:])}",
              flush=True)  # fmt: skip
        subprocess.run(command, check=True)
        pairs = _read_ocr_set(lang, split)
    return pairs


def _read_ocr_set(lang: str, split: str) -> list[Pair] | str:
    if split == "test":
        folder = PAIRS / f"test-{lang}"
        truths = sorted(folder.glob("*.truth.txt")) if folder.is_dir() else []
        pairs = [(t.read_text("utf-8"), t.with_name(t.name.replace(".truth.", ".ocr.")))
                 for t in truths]  # fmt: skip
        if pairs:
            return [(truth, ocr.read_text("utf-8")) for truth, ocr in pairs if ocr.exists()]
    else:
        file = PAIRS / f"dev-{lang}.jsonl"
        if file.exists():
            rows = [json.loads(line) for line in file.open(encoding="utf-8")]
            return [(r["truth"], r["ocr"]) for r in rows]
    return f"missing: run  python -m ocrfix.build ocr-pairs --split {split} --lang {lang}"


def score(pairs: list[Pair], repair: Callable[[str], str]) -> Score:
    total = Score()
    for truth, text in pairs:
        total = total + score_texts(truth, repair(text))
    return total


def load_engine(lm: Path | None, errormodel: Path | None) -> Engine:
    """The shipped engine, or one with another LM or error model (for comparing models)."""
    if lm is None and errormodel is None:
        return get_engine()
    channel = ChannelModel.load(errormodel)
    model = LanguageModel.load(lm)
    names = Gazetteer(read_names(), model.ids, model.unk_id)
    return Engine(model, channel, CodeBook.load(code_readings(channel)), names=names)


def measure(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    engine = load_engine(args.lm, args.errormodel)
    engine.fix_and_explain("Cong hoa xa hoi chu nghia Viet Nam")
    load = time.perf_counter() - started
    print(f"split: {args.split}   model load: {load:.2f} s (LM, error model, code list)")
    make_with = None if args.no_make_data else args.shared
    sets: dict[str, list[Pair] | str] = {
        "eng": ocr_set("eng", args.split, make_with=make_with),
        "stripped": stripped_set(args.shared, args.split),
        "vie": ocr_set("vie", args.split, make_with=make_with),
    }
    speeds: list[float] = []
    print(f"{'set':9} {'syllables':>9} {'input':>7} {'baseline':>8} {'model':>7} "
          f"{'model(kind)':>11} {'syll/s':>8}")  # fmt: skip
    for name, pairs in sets.items():
        if isinstance(pairs, str):
            print(f"{name:9} {pairs}")
            continue
        n = sum(len(syllables(text)) for _, text in pairs)
        begin = time.process_time()  # CPU time of this process: one core, whatever the load
        repaired = iter([engine.fix_and_explain(text).text for _, text in pairs])
        speed = n / (time.process_time() - begin)
        model = score(pairs, lambda _text, out=repaired: next(out))
        speeds.append(speed)
        kind = RepairConfig(channel=name)
        known = score(pairs, lambda t, k=kind: engine.fix_and_explain(t, k).text)
        row = [score(pairs, lambda t: t), score(pairs, baseline.fix), model, known]
        cells = [f"{s.syllable_accuracy:>{w}.2%}" for s, w in zip(row, (7, 8, 7, 11), strict=True)]
        print(f"{name:9} {row[0].syllables:>9} {' '.join(cells)} {speed:>8.0f}")
    first = next((p for p in sets.values() if not isinstance(p, str)), None)
    if first:
        begin = time.process_time()
        for _, text in first:
            engine.fix_and_explain(text)
        n = sum(len(syllables(text)) for _, text in first)
        print(f"second pass over the first set (channel answers cached): "
              f"{n / (time.process_time() - begin):.0f} syll/s")
    for name, pairs in sets.items():
        if not isinstance(pairs, str):
            before = sum(mark_errors(t, s) for t, s in pairs)
            after = sum(mark_errors(t, engine.fix_and_explain(s).text) for t, s in pairs)
            print(f"{name}: syllables wrong only in their marks: input {before}, model {after} "
                  f"({1 - after / max(before, 1):.1%} of them repaired)")  # fmt: skip
    low = RepairConfig().low_confidence
    for name in ("eng", "vie"):
        pairs = sets[name]
        if not isinstance(pairs, str):
            judged = combine(judge(t, s, engine.fix_and_explain(s).tokens) for t, s in pairs)
            n, wrong, caught = judged.flagged(low)
            print(f"confidence {name}: {len(judged.confidence)} tokens judged, "
                  f"{judged.right.mean():.2%} right, calibration error (ECE) {judged.ece():.4f}; "
                  f"below {low}: {n} tokens, {wrong:.0%} of them wrong, "
                  f"{caught:.0%} of all wrong tokens")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB   targets: eng >= 97 %, stripped >= 98.5 %, "
          f"vie >= input, >= 15000 syll/s, load <= 1.5 s, peak <= 700 MB")
    stats = PAIRS / f"{args.split}-eng.stats.json"
    if stats.exists() and speeds:
        data = json.loads(stats.read_text("utf-8"))
        per_page = data["syllables"] / max(1, data["pages"])
        repair = per_page / min(speeds)
        print(f"Tesseract eng per page ({stats.relative_to(ROOT)}): "
              f"{data.get('tesseract_seconds_per_page')} s wall, "
              f"{data.get('tesseract_cpu_seconds_per_page')} s CPU; repair per page "
              f"({per_page:.0f} syllables at the slowest speed above): {repair:.3f} s CPU")


def tune(args: argparse.Namespace) -> None:
    """Grid over decoder weights on the dev split; prints accuracy per setting."""
    if args.split != "dev":
        sys.exit("--tune runs on the dev split only (held-out data never tunes anything)")
    engine = load_engine(args.lm, args.errormodel)
    base = engine.params
    sets = {"stripped": stripped_set(args.shared, "dev")[:8]}
    for lang in ("eng", "vie"):
        pairs = ocr_set(lang, "dev")
        if not isinstance(pairs, str):
            sets[lang] = pairs
    grid = itertools.product((0.7, 1.0), (-3.0, -5.0), (-2.0, -4.0))
    for w_channel, keep, unk in grid:
        engine.params = replace(base, w_channel=w_channel, keep_logp=keep, unk_logp=unk)
        cells = [f"{score(p, lambda t: engine.fix_and_explain(t).text).syllable_accuracy:.4f}"
                 for p in sets.values()]  # fmt: skip
        print(f"w_channel={w_channel} keep={keep} unk={unk}  "
              + "  ".join(f"{k}={c}" for k, c in zip(sets, cells, strict=True)), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--split", choices=("test", "dev"), default="test")
    parser.add_argument("--tune", action="store_true", help="grid over weights (dev only)")
    parser.add_argument("--lm", type=Path, help="another LM folder (default: the shipped one)")
    parser.add_argument("--errormodel", type=Path, help="another error model folder")
    parser.add_argument("--no-make-data", action="store_true",
                        help="report a missing OCR set instead of generating it")  # fmt: skip
    args = parser.parse_args()
    (tune if args.tune else measure)(args)


if __name__ == "__main__":
    main()
