"""``python -m ocrfix.build lm``: train the syllable n-gram model shipped in ``dictionaries/lm/``.

Interpolated modified Kneser-Ney (Chen & Goodman 1998; three discounts per order, from
count-of-counts), estimated with numpy over packed ``uint64`` n-gram keys. n-grams are then
pruned by raw count, and each context's backoff weight is recomputed so that every
conditional distribution still sums to one (as SRILM does after pruning). Log-probabilities
and backoffs of orders ≥ 2 are quantised to codebooks of equal-population bins.

Like KenLM: n-grams starting with ``<s>`` keep their raw counts at lower orders (nothing
can precede them), ``<s>`` is never predicted, and the unigrams are interpolated with a
uniform distribution over the vocabulary, which holds every valid Vietnamese syllable
(unseen ones get that floor), non-syllable words seen ``--min-word-count`` times, and
``<unk>`` for the rest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from array import array
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from ocrfix.build.corpus import CORPUS_FILES, DEFAULT_SHARED, iter_training_lines
from ocrfix.dictionaries import dictionaries_dir
from ocrfix.repair.lm import (
    EMPTY,
    FORMAT,
    HEADER,
    VOCAB,
    OrderTable,
    Quantised,
    backoff_logprob,
    far_index,
    hash_table,
)
from ocrfix.repair.lmtokens import BOS, EOS, SPECIAL_TOKENS, UNK, iter_sentences
from ocrfix.text import inventory, is_valid_syllable

LOG0 = -99.0  # log10 probability of <s>, which is never predicted


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``lm`` target to ``python -m ocrfix.build``."""
    parser = subparsers.add_parser(
        "lm",
        help="syllable n-gram language model -> dictionaries/lm/",
        description="Train the Kneser-Ney syllable n-gram model on the shared corpus "
        "(held-out documents removed). Example: python -m ocrfix.build lm --order 3",
    )
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared data folder")
    parser.add_argument(
        "--out", type=Path, default=dictionaries_dir() / "lm", help="model folder to write"
    )
    parser.add_argument("--order", type=int, default=3, choices=(2, 3, 4), help="n-gram order")
    parser.add_argument(
        "--prune",
        type=int,
        nargs="+",
        default=[1, 1, 2],
        metavar="MIN",
        help="minimum raw count to keep an n-gram, for orders 2, 3, 4 (default: 1 1 2)",
    )
    parser.add_argument(
        "--min-word-count", type=int, default=10, help="keep non-syllable words seen this often"
    )
    parser.add_argument(
        "--quant-bits", type=int, default=8, choices=(0, 8, 16), help="bits per value (0: float32)"
    )
    parser.add_argument("--max-lines", type=int, default=0, help="train on the first N lines only")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    started = time.time()
    lines = iter_training_lines(args.shared)
    if args.max_lines:
        lines = (line for i, line in enumerate(lines) if i < args.max_lines)
    vocab, stream = encode_corpus(lines, args.min_word_count)
    print(f"{len(stream):,} tokens, vocabulary {len(vocab):,} ({time.time() - started:.0f} s)")
    model = estimate(stream, vocab, args.order, args.prune, args.quant_bits)
    model["header"]["sources"] = _source_hashes(args.shared)
    model["header"]["options"] = {
        "prune": args.prune[: args.order - 1],
        "min_word_count": args.min_word_count,
        "max_lines": args.max_lines,
    }
    size = write_model(args.out, vocab, model)
    counts, seconds = model["header"]["ngrams"], time.time() - started
    print(f"wrote {args.out}: n-grams {counts}, {size / 1e6:.1f} MB ({seconds:.0f} s)")
    return 0


def encode_corpus(lines: Iterable[str], min_word_count: int) -> tuple[list[str], np.ndarray]:
    """Vocabulary and the whole corpus as one id stream, ``<s> … </s>`` around each sentence."""
    provisional: dict[str, int] = {word: i for i, word in enumerate(SPECIAL_TOKENS)}
    bos, eos = provisional[BOS], provisional[EOS]
    stream = array("i")
    for line in lines:
        for sentence in iter_sentences(line):
            stream.append(bos)
            stream.extend(provisional.setdefault(w, len(provisional)) for w in sentence)
            stream.append(eos)
    ids = np.frombuffer(stream, dtype=np.int32)
    counts = np.bincount(ids, minlength=len(provisional))
    words = list(provisional)
    kept = [w for w, c in zip(words, counts, strict=True) if _is_word(w) and c >= min_word_count]
    vocab = [*SPECIAL_TOKENS, *sorted(set(inventory()) | set(kept))]
    final = {w: i for i, w in enumerate(vocab)}
    remap = np.array([final.get(w, final[UNK]) for w in words], dtype=np.int32)
    return vocab, remap[ids]


def _is_word(key: str) -> bool:
    return key not in SPECIAL_TOKENS and not is_valid_syllable(key)


def ngram_counts(stream: np.ndarray, n: int, bits: int, bos: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted keys and raw counts of the n-grams inside sentences (no ``<s>`` after the first)."""
    length = len(stream) - n + 1
    valid = np.ones(length, dtype=bool)
    for j in range(1, n):
        valid &= stream[j : j + length] != bos
    key = np.zeros(int(valid.sum()), dtype=np.uint64)
    for j in range(n):
        key = (key << np.uint64(bits)) | stream[j : j + length][valid].astype(np.uint64)
    return np.unique(key, return_counts=True)


def discounts(adjusted: np.ndarray) -> np.ndarray:
    """Modified Kneser-Ney discounts D1, D2, D3+ from the counts of counts."""
    t = np.bincount(np.minimum(adjusted, 5).astype(np.int64), minlength=6).astype(np.float64)
    y = t[1] / (t[1] + 2 * t[2]) if t[1] + 2 * t[2] > 0 else 0.5
    d = np.array([k - (k + 1) * y * t[k + 1] / t[k] if t[k] > 0 else k / 2 for k in (1, 2, 3)])
    return np.clip(d, 0.05, [0.95, 1.95, 2.95])


def estimate(
    stream: np.ndarray, vocab: list[str], order: int, prune: list[int], quant_bits: int
) -> dict:
    """Estimate, prune and quantise; returns ``{"arrays": {name: array}, "header": {...}}``."""
    bits = max(1, int(np.ceil(np.log2(len(vocab)))))
    if bits * order > 64:
        raise ValueError(f"vocabulary of {len(vocab)} too large for order {order}")
    bos = vocab.index(BOS)
    raw = [ngram_counts(stream, n, bits, bos) for n in range(1, order + 1)]
    adjusted = _adjusted_counts(raw, bits, bos)
    tables: list[OrderTable] = []
    arrays: dict[str, np.ndarray] = {}
    header_discounts = []
    ngrams = [len(vocab)]
    for n in range(1, order + 1):
        keys, adj = adjusted[n - 1]
        d = discounts(adj)
        header_discounts.append([round(float(x), 4) for x in d])
        if n == 1:
            logp = _unigram_logp(keys, adj, d, len(vocab), bos)
            tables.append(OrderTable(None, Quantised(logp), None))
            continue
        minimum = prune[n - 2] if n - 2 < len(prune) else prune[-1]
        # a kept n-gram's context must be kept too, to carry its backoff
        keep = (raw[n - 1][1] >= minimum) & tables[n - 2].find(keys >> np.uint64(bits))[1]
        logp, bow = _interpolate(tables, bits, keys, adj, d, keep)
        tables[n - 2] = replace(tables[n - 2], bow=Quantised(bow))
        table, slots = hash_table(keys[keep])
        by_slot = np.zeros(len(table), dtype=np.float32)
        by_slot[slots] = logp[keep]
        tables.append(OrderTable(table, Quantised(by_slot), None, far_index(table)))
        ngrams.append(int(keep.sum()))
    for n, table in enumerate(tables, start=1):
        _store(arrays, n, table, quant_bits)
    header = {
        "format": FORMAT,
        "order": order,
        "bits": bits,
        "vocab_size": len(vocab),
        "tokens": len(stream),
        "ngrams": ngrams,
        "discounts": header_discounts,
        "quant_bits": quant_bits,
        "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    return {"arrays": arrays, "header": header}


def _adjusted_counts(raw: list, bits: int, bos: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Kneser-Ney counts: raw at the top order and for n-grams starting with ``<s>``,
    else the number of distinct words seen before the n-gram."""
    order = len(raw)
    result = [raw[-1]]
    for n in range(order - 1, 0, -1):
        higher_keys = raw[n][0]
        suffix = higher_keys & np.uint64((1 << (bits * n)) - 1)
        cont_keys, cont = np.unique(suffix, return_counts=True)
        keys, counts = raw[n - 1]
        first = keys >> np.uint64(bits * (n - 1))
        starts = first == bos
        merged_keys = np.concatenate([cont_keys, keys[starts]])
        merged = np.concatenate([cont, counts[starts]])
        sort = np.argsort(merged_keys, kind="stable")
        merged_keys, merged = merged_keys[sort], merged[sort]
        assert np.array_equal(merged_keys, keys), "continuation keys differ from raw keys"
        result.append((merged_keys, merged))
    return result[::-1]


def _unigram_logp(keys: np.ndarray, adj: np.ndarray, d: np.ndarray, size: int, bos: int):
    """Unigrams interpolated with the uniform distribution over the vocabulary but ``<s>``."""
    counts = np.zeros(size, dtype=np.float64)
    counts[keys.astype(np.int64)] = adj
    counts[bos] = 0
    discount = np.where(counts >= 3, d[2], np.where(counts == 2, d[1], d[0])) * (counts > 0)
    total = counts.sum()
    gamma = discount.sum() / total
    prob = (counts - discount) / total + gamma / (size - 1)
    logp = np.log10(np.maximum(prob, 1e-99))
    logp[bos] = LOG0
    return logp.astype(np.float32)


def _interpolate(tables, bits, keys, adj, d, keep):
    """Interpolated probabilities of order n, and the renormalised backoffs of order n-1."""
    mask = np.uint64((1 << bits) - 1)
    context_keys = keys >> np.uint64(bits)
    words = (keys & mask).astype(np.int64)
    starts = np.flatnonzero(np.r_[True, context_keys[1:] != context_keys[:-1]])
    group = np.cumsum(np.r_[False, context_keys[1:] != context_keys[:-1]])
    adj = adj.astype(np.float64)
    discount = np.where(adj >= 3, d[2], np.where(adj == 2, d[1], d[0]))
    total = np.add.reduceat(adj, starts)
    gamma = np.add.reduceat(discount, starts) / total
    n = len(tables) + 1
    lower_context = _unpack(context_keys, n - 1, bits)[:, 1:]
    lower = 10.0 ** backoff_logprob(tables, bits, lower_context, words).astype(np.float64)
    prob = (adj - discount) / total[group] + gamma[group] * lower
    # backoff of every (n-1)-gram: the mass left by its kept children over the lower mass
    # those children take; 1 (log 0) for contexts without kept children
    kept_prob = np.where(keep, prob, 0.0)
    kept_lower = np.where(keep, lower, 0.0)
    numerator = 1.0 - np.add.reduceat(kept_prob, starts)
    denominator = 1.0 - np.add.reduceat(kept_lower, starts)
    ratio = np.maximum(numerator, 1e-12) / np.maximum(denominator, 1e-12)
    previous = tables[-1]
    bow = np.zeros(len(previous.logp), dtype=np.float64)
    index, found = previous.find(context_keys[starts])
    bow[index[found]] = np.log10(ratio[found])
    return np.log10(prob).astype(np.float32), bow.astype(np.float32)


def _unpack(keys: np.ndarray, n: int, bits: int) -> np.ndarray:
    mask = np.uint64((1 << bits) - 1)
    columns = [(keys >> np.uint64(bits * (n - 1 - j))) & mask for j in range(n)]
    return np.column_stack(columns).astype(np.int64)


def quantise(values: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """Codes and codebook: equal-population bins, each coded by its mean (as KenLM does)."""
    levels = 1 << bits
    order = np.argsort(values, kind="stable")
    bins = np.minimum(np.arange(len(values)) * levels // max(len(values), 1), levels - 1)
    codes = np.empty(len(values), dtype=np.uint8 if bits <= 8 else np.uint16)
    codes[order] = bins
    sums = np.bincount(bins, weights=values[order].astype(np.float64), minlength=levels)
    sizes = np.bincount(bins, minlength=levels)
    book = (sums / np.maximum(sizes, 1)).astype(np.float32)
    return codes, book


def _store(arrays: dict[str, np.ndarray], n: int, table: OrderTable, quant_bits: int) -> None:
    if table.keys is not None and table.far is not None:
        arrays[f"keys{n}"] = table.keys
        arrays[f"far{n}_keys"], arrays[f"far{n}_slots"] = table.far
    for name, values in (("logp", table.logp), ("bow", table.bow)):
        if values is None:
            continue
        if n == 1 or quant_bits == 0:
            arrays[f"{name}{n}"] = np.asarray(values.codes, dtype=np.float32)
        else:  # free slots get code 0; they are never read
            used = table.keys != EMPTY
            codes, arrays[f"{name}{n}_book"] = quantise(values.codes[used], quant_bits)
            arrays[f"{name}{n}"] = np.zeros(len(used), dtype=codes.dtype)
            arrays[f"{name}{n}"][used] = codes


def write_model(folder: Path, vocab: list[str], model: dict) -> int:
    """Write the model folder (replacing old ``.npy`` files); returns its size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.npy"):
        old.unlink()
    for name, values in model["arrays"].items():
        np.save(folder / f"{name}.npy", values)
    (folder / VOCAB).write_text("\n".join(vocab) + "\n", encoding="utf-8")
    (folder / HEADER).write_text(json.dumps(model["header"], indent=1) + "\n", encoding="utf-8")
    return sum(f.stat().st_size for f in folder.iterdir())


def _source_hashes(shared: Path) -> dict[str, str]:
    """SHA-256 of each compressed corpus file the model was trained on."""
    result = {}
    for name in CORPUS_FILES:
        digest = hashlib.sha256()
        with open(Path(shared) / "corpus" / name, "rb") as handle:
            for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                digest.update(chunk)
        result[name] = digest.hexdigest()
    return result
