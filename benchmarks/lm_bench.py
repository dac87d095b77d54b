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
from ocrfix.dictionaries import dictionary_path
from ocrfix.repair.lm import LanguageModel
from ocrfix.repair.lmtokens import BOS, lm_tokens
from ocrfix.text import is_valid_syllable


def heldout_tokens(shared: Path) -> list[str]:
    """LM tokens of every held-out document, concatenated."""
    tokens: list[str] = []
    for doc in iter_admin_docs(shared, "test"):
        tokens.extend(lm_tokens(doc.text))
    return tokens


def perplexities(lm: LanguageModel, tokens: list[str]) -> dict[str, float | int]:
    """Perplexity over all predicted tokens and over syllables only, and the OOV rate."""
    logp = lm.token_logprobs(tokens).astype(np.float64)
    predicted = [t for t in tokens if t != BOS]
    syllable = np.array([is_valid_syllable(t) for t in predicted])
    unknown = lm.ids(predicted) == lm.unk_id
    return {
        "tokens": len(predicted),
        "ppl": float(10 ** -logp.mean()),
        "ppl-syl": float(10 ** -logp[syllable].mean()),
        "oov%": float(100 * unknown.mean()),
    }


def query_speed(lm: LanguageModel, ids: np.ndarray, batch: int, seconds: float = 1.0) -> float:
    """Scored (context, word) pairs per CPU second, in batches of ``batch`` held-out pairs.

    CPU time of this process, not wall time: the machine is shared.
    """
    rng = np.random.default_rng(0)
    width = lm.order - 1
    starts = rng.integers(0, len(ids) - width - 1, size=(64, batch))
    offsets = np.arange(width)
    queries = [(ids[s[:, None] + offsets], ids[s + width]) for s in starts]
    done, begin = 0, time.process_time()
    while time.process_time() - begin < seconds:
        for context, nxt in queries:
            lm.score(context, nxt)
        done += len(queries) * batch
    return done / (time.process_time() - begin)


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
        load = time.perf_counter() - begin
        lm.score(np.full((1, lm.order - 1), lm.bos_id), np.array([lm.eos_id]))
        first = time.perf_counter() - begin - load
        rss, peak = rss_mb()
        path = Path(folder) if folder else dictionary_path("lm")
        size = sum(f.stat().st_size for f in path.iterdir()) / 1e6
        print(f"model {path}: order {lm.order}, n-grams {lm.header['ngrams']}, {size:.1f} MB")
        print(f"  load {load * 1000:.0f} ms, first query {first * 1000:.1f} ms,", end=" ")
        print(f"RSS +{rss - before:.0f} MB (process {rss:.0f} MB, peak {peak:.0f} MB)")
        figures = perplexities(lm, tokens)
        shown = (
            f"{k} {v:,.2f}" if isinstance(v, float) else f"{k} {v:,}" for k, v in figures.items()
        )
        print("  held-out: " + ", ".join(shown))
        if not args.no_speed:
            ids = lm.ids([t for t in tokens if t != BOS])
            speeds = {b: query_speed(lm, ids, b) for b in (1, 64, 512, 4096)}
            print("  score: " + ", ".join(f"batch {b}: {q:,.0f}/s" for b, q in speeds.items()))
            rss, peak = rss_mb()
            print(f"  after scoring (model pages touched): RSS {rss:.0f} MB, peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
