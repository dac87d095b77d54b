"""Language-model figures: held-out perplexity, size, load time, scoring speed, memory.

Perplexity is measured on the held-out admin documents (``iter_admin_docs(shared, "test")``),
which the model never saw. ``ppl`` counts every predicted token (words, ``<num>``, ``</s>``);
``ppl-syl`` only valid Vietnamese syllables, so models with other tokenisations compare.

    python benchmarks/lm_bench.py                       # the shipped model
    python benchmarks/lm_bench.py --model build/lm/o4   # folders from `ocrfix.build lm --out`
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import numpy as np

from ocrfix.build.corpus import DEFAULT_SHARED, iter_admin_docs
from ocrfix.repair.lm import LanguageModel
from ocrfix.repair.lmtokens import BOS, lm_tokens
from ocrfix.text import is_valid_syllable


def heldout_tokens(shared: Path) -> list[str]:
    """LM tokens of every held-out document, concatenated."""
    tokens: list[str] = []
    for doc in iter_admin_docs(shared, "test"):
        tokens.extend(lm_tokens(doc.text))
    return tokens


def perplexities(lm: LanguageModel, tokens: list[str]) -> dict[str, float]:
    """Perplexity over all predicted tokens and over syllables only, and the OOV rate."""
    logp = lm.token_logprobs(tokens).astype(np.float64)
    predicted = [t for t in tokens if t != BOS]
    syllable = np.array([is_valid_syllable(t) for t in predicted])
    unknown = lm.ids(predicted) == lm.unk_id
    return {
        "tokens": len(predicted),
        "ppl": 10 ** -logp.mean(),
        "ppl-syl": 10 ** -logp[syllable].mean(),
        "oov%": 100 * unknown.mean(),
    }


def query_speed(lm: LanguageModel, ids: np.ndarray, batch: int, seconds: float = 1.0) -> float:
    """Scored (context, word) pairs per second for batches of ``batch`` random pairs."""
    rng = np.random.default_rng(0)
    width = lm.order - 1
    starts = rng.integers(0, len(ids) - width - 1, size=(64, batch))
    offsets = np.arange(width)
    queries = [(ids[s[:, None] + offsets], ids[s + width]) for s in starts]
    done, begin = 0, time.perf_counter()
    while time.perf_counter() - begin < seconds:
        for context, nxt in queries:
            lm.score(context, nxt)
        done += len(queries) * batch
    return done / (time.perf_counter() - begin)


def rss_mb() -> tuple[float, float]:
    """Current and peak resident memory of this process, in MB."""
    status = Path("/proc/self/status").read_text().splitlines()
    fields = {line.split(":")[0]: line.split() for line in status}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return int(fields["VmRSS"][1]) / 1024, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, nargs="*", default=[None], help="model folders")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--no-speed", action="store_true", help="perplexity and size only")
    args = parser.parse_args(argv)
    tokens = heldout_tokens(args.shared)
    for folder in args.model:
        before = rss_mb()[0]
        begin = time.perf_counter()
        lm = LanguageModel.load(folder)
        lm.score(np.full((1, lm.order - 1), lm.bos_id), np.array([lm.eos_id]))
        load = time.perf_counter() - begin
        rss, peak = rss_mb()
        path = Path(folder) if folder else Path(lm.header.get("path", "dictionaries/lm"))
        size = sum(f.stat().st_size for f in path.iterdir()) / 1e6 if path.is_dir() else 0.0
        print(f"model {path}: order {lm.order}, n-grams {lm.header['ngrams']}, {size:.1f} MB")
        print(f"  load {load * 1000:.0f} ms, RSS +{rss - before:.0f} MB (process {rss:.0f} MB,")
        print(f"  peak {peak:.0f} MB)")
        figures = perplexities(lm, tokens)
        print("  held-out: " + ", ".join(f"{k} {v:,.2f}" for k, v in figures.items()))
        if not args.no_speed:
            ids = lm.ids([t for t in tokens if t != BOS])
            speeds = {b: query_speed(lm, ids, b) for b in (1, 64, 512)}
            print("  score: " + ", ".join(f"batch {b}: {q:,.0f}/s" for b, q in speeds.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
