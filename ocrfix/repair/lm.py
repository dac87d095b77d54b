"""The syllable n-gram language model at run time: load once, score whole batches in numpy.

Public API (stable; the decoder depends on it):

- ``get_lm() -> LanguageModel``: the shipped model (``dictionaries/lm/``), loaded on first
  use and then shared by the process.
- ``LanguageModel.load(path=None)``: a model folder written by ``python -m ocrfix.build lm``.
- ``lm.order``, ``lm.vocab`` (list of keys), ``lm.bos_id``, ``lm.eos_id``, ``lm.unk_id``.
- ``lm.ids(tokens) -> np.ndarray[int32]``: keys (from ``ocrfix.repair.lmtokens``) to ids;
  keys the model does not know become ``unk_id``.
- ``lm.score(context_ids, next_ids) -> np.ndarray[float32]``: log10 P(next | context) for a
  batch. ``context_ids`` has shape ``(B, k)``, oldest word first; only the last
  ``order - 1`` columns are used. At a sentence start pad the context with ``bos_id``.
- ``lm.sentence_logprob(tokens) -> float``: log10 probability of a token list as made by
  ``lm_tokens`` (each ``<s>`` restarts the context; ``<s>`` itself is not scored).

The model is an ARPA-style backoff model (interpolated modified Kneser-Ney, pruned, with
backoff weights renormalised after pruning): P(w | u v) is the stored trigram probability
when (u v w) is in the model, else bow(u v) · P(w | v), recursively down to unigrams.
n-grams are stored per order in a linear-probing hash table of ``uint64`` keys (ids packed
``bits`` each; at most 4 vectorised probe rounds, then a binary search among the few keys
stored farther from home) with quantised log-probabilities and backoffs (codebook
indices), memory-mapped from ``.npy``. With a context shorter than ``order - 1`` the
answer is the model's lower-order (Kneser-Ney continuation) distribution: fine for a
coarse pre-pass, weaker than the full context.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ocrfix.dictionaries import dictionary_path
from ocrfix.exceptions import MissingDependencyError
from ocrfix.repair.lmtokens import BOS, EOS, UNK

HEADER = "header.json"
VOCAB = "vocab.txt"
FORMAT = "ocrfix-lm-2"  # 2: hash-table keys


@dataclass(frozen=True)
class Quantised:
    """Values stored as codebook indices (``book`` is None when stored as plain floats)."""

    codes: np.ndarray
    book: np.ndarray | None = None

    def __getitem__(self, index: np.ndarray) -> np.ndarray:
        values = self.codes[index]
        return values if self.book is None else self.book[values]

    def __len__(self) -> int:
        return len(self.codes)


EMPTY = np.uint64(0xFFFF_FFFF_FFFF_FFFF)  # a free slot: no n-gram packs to all ones
PROBE_ROUNDS = 4
_MULTIPLIER = np.uint64(0x9E37_79B9_7F4A_7C15)  # Fibonacci hashing


def home_slots(keys: np.ndarray, capacity: int) -> np.ndarray:
    """First slot to probe for each key: the high bits of a multiplicative hash, scaled."""
    high = (keys * _MULTIPLIER) >> np.uint64(32)
    return ((high * np.uint64(capacity)) >> np.uint64(32)).astype(np.intp)


def hash_table(keys: np.ndarray, load: float = 0.6) -> tuple[np.ndarray, np.ndarray]:
    """Open-addressing (linear probing) table of distinct ``keys``, and the slot of each.

    Keys are inserted all at once, one round per probe step: of the keys that reach a
    free slot, the first takes it and the others probe on. Every slot a key passed was
    taken when it passed, which is all that lookup needs.
    """
    capacity = max(2, int(len(keys) / load))
    table = np.full(capacity, EMPTY, dtype=np.uint64)
    slots = np.empty(len(keys), dtype=np.intp)
    pending, probe = np.arange(len(keys)), home_slots(keys, capacity)
    while len(pending):
        free = np.flatnonzero(table[probe] == EMPTY)
        taken, first = np.unique(probe[free], return_index=True)
        winners = pending[free[first]]
        table[taken], slots[winners] = keys[winners], taken
        placed = np.zeros(len(pending), dtype=bool)
        placed[free[first]] = True
        pending, probe = pending[~placed], (probe[~placed] + 1) % capacity
    return table, slots


def far_index(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted keys at least ``PROBE_ROUNDS`` slots from home in ``table``, and their slots."""
    used = np.flatnonzero(table != EMPTY)
    distance = (used - home_slots(table[used], len(table))) % len(table)
    slots = used[distance >= PROBE_ROUNDS]
    order = np.argsort(table[slots])
    return table[slots][order], slots[order]


@dataclass(frozen=True)
class OrderTable:
    """The n-grams of one order, by slot of a hash table of packed keys.

    ``keys`` is None for unigrams, whose slot is the id.
    """

    keys: np.ndarray | None
    logp: Quantised
    bow: Quantised | None  # None for the highest order
    far: tuple[np.ndarray, np.ndarray] | None = None  # far_index(keys), for hash tables

    def find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(slot, found) of ``keys`` in this table; the slot means nothing where not found.

        ``PROBE_ROUNDS`` vectorised probe steps settle almost every key; the few left (in
        long runs of taken slots) are looked up among the keys that sit that far from home.
        """
        if self.keys is None:
            return keys.astype(np.intp), np.ones(len(keys), dtype=bool)
        table, capacity = self.keys, len(self.keys)
        keys = keys.astype(np.uint64, copy=False)
        index = home_slots(keys, capacity)
        found = np.zeros(len(keys), dtype=bool)
        pending, probe = np.arange(len(keys)), index
        for _ in range(PROBE_ROUNDS):
            seen = table[probe]
            hit = seen == keys[pending]
            found[pending[hit]] = True
            go_on = ~(hit | (seen == EMPTY))
            if not go_on.any():
                return index, found
            pending, probe = pending[go_on], (probe[go_on] + 1) % capacity
            index[pending] = probe
        assert self.far is not None, "hash table without its far_index"
        far_keys, far_slots = self.far
        if len(far_keys):
            at = np.minimum(np.searchsorted(far_keys, keys[pending]), len(far_keys) - 1)
            hit = far_keys[at] == keys[pending]
            found[pending[hit]] = True
            index[pending[hit]] = far_slots[at[hit]]
        return index, found


def backoff_logprob(
    tables: Sequence[OrderTable], bits: int, context: np.ndarray, nxt: np.ndarray
) -> np.ndarray:
    """log10 P(nxt | context) by backoff through ``tables`` (index 0 = unigrams).

    Every order is looked up for every row and the answers are merged from the lowest order
    up: P(w | h) = P_stored(h w) if ``h w`` is stored, else bow(h) · P(w | h minus its
    oldest word). Pure function, shared by the model and its build (which scores with the
    tables made so far).
    """
    nxt = np.asarray(nxt)
    context = np.asarray(context).reshape(len(nxt), -1)
    shift = np.uint64(bits)
    word = nxt.astype(np.uint64)
    result = tables[0].logp[nxt]
    context_key = np.zeros(len(nxt), dtype=np.uint64)
    for j in range(1, min(len(tables) - 1, context.shape[1]) + 1):
        column = context[:, -j].astype(np.uint64)
        context_key = context_key | (column << np.uint64(bits * (j - 1)))
        index, found = tables[j - 1].find(context_key)
        bow = np.where(found, tables[j - 1].bow[index], np.float32(0))
        index, found = tables[j].find((context_key << shift) | word)
        result = np.where(found, tables[j].logp[index], bow + result)
    return result.astype(np.float32, copy=False)


class LanguageModel:
    """A loaded n-gram model; see the module docstring for the API."""

    def __init__(self, vocab: list[str], tables: list[OrderTable], bits: int, header: dict):
        self.vocab = vocab
        self.index = {word: i for i, word in enumerate(vocab)}
        self.tables = tables
        self.bits = bits
        self.header = header
        self.order = len(tables)
        self.unk_id = self.index[UNK]
        self.bos_id = self.index[BOS]
        self.eos_id = self.index[EOS]

    @classmethod
    def load(cls, path: str | Path | None = None, *, mmap: bool = True) -> LanguageModel:
        """Read a model folder (default: the shipped ``dictionaries/lm``)."""
        folder = Path(path) if path is not None else dictionary_path("lm")
        try:
            header = json.loads((folder / HEADER).read_text("utf-8"))
            vocab = (folder / VOCAB).read_text("utf-8").split("\n")[: header["vocab_size"]]
        except (OSError, ValueError, KeyError) as err:
            raise MissingDependencyError(
                f"cannot read language model: {err}", path=str(folder)
            ) from err
        if header.get("format") != FORMAT:
            raise MissingDependencyError("unknown language model format", path=str(folder))
        mode = "r" if mmap else None

        def array(name: str) -> np.ndarray:
            file = folder / f"{name}.npy"
            if not file.exists():
                raise MissingDependencyError(
                    f"language model file missing: {file.name}", path=str(folder)
                )
            return np.asarray(np.load(file, mmap_mode=mode))

        def quantised(name: str) -> Quantised:
            book = folder / f"{name}_book.npy"
            return Quantised(array(name), array(f"{name}_book") if book.exists() else None)

        order = header["order"]
        tables = [OrderTable(None, quantised("logp1"), quantised("bow1") if order > 1 else None)]
        for n in range(2, order + 1):
            keys = array(f"keys{n}")
            far = (array(f"far{n}_keys"), array(f"far{n}_slots"))
            bow = quantised(f"bow{n}") if n < order else None
            tables.append(OrderTable(keys, quantised(f"logp{n}"), bow, far))
        return cls(vocab, tables, header["bits"], header)

    def ids(self, tokens: Sequence[str]) -> np.ndarray:
        """Ids of LM keys; unknown keys become ``unk_id``."""
        get, unk = self.index.get, self.unk_id
        return np.fromiter((get(t, unk) for t in tokens), dtype=np.int32, count=len(tokens))

    def score(self, context_ids: np.ndarray, next_ids: np.ndarray) -> np.ndarray:
        """log10 P(next_ids[i] | context_ids[i]) for every row i (float32)."""
        nxt = np.asarray(next_ids, dtype=np.int64).reshape(-1)
        context = np.asarray(context_ids, dtype=np.int64).reshape(len(nxt), -1)
        return backoff_logprob(self.tables, self.bits, context, nxt)

    def token_logprobs(self, tokens: Sequence[str]) -> np.ndarray:
        """log10 P of every token but each ``<s>`` (which is context only), in one batch."""
        ids = self.ids(tokens)
        width = self.order - 1
        padded = np.concatenate([np.full(width, self.bos_id, np.int32), ids])
        starts = np.flatnonzero(ids == self.bos_id)
        # a sentence's context never reaches back past its <s>: mask older columns with <s>
        last_start = np.maximum.accumulate(np.where(ids == self.bos_id, np.arange(len(ids)), -1))
        context = np.lib.stride_tricks.sliding_window_view(padded[:-1], width)
        positions = np.arange(len(ids))[:, None] - width + np.arange(width)[None, :]
        context = np.where(positions < last_start[:, None], self.bos_id, context)
        keep = np.ones(len(ids), dtype=bool)
        keep[starts] = False
        return self.score(context[keep], ids[keep])

    def sentence_logprob(self, tokens: Sequence[str]) -> float:
        """Total log10 probability of ``tokens`` (output of ``lm_tokens``)."""
        return float(self.token_logprobs(tokens).astype(np.float64).sum())

    def iter_ngrams(self, n: int) -> Iterator[tuple[tuple[int, ...], float, float]]:
        """Yield (ids tuple, log10 prob, log10 backoff or 0.0) of order ``n``: slow, for checks."""
        table = self.tables[n - 1]
        mask = (1 << self.bits) - 1
        slots = (
            range(len(table.logp)) if table.keys is None else np.flatnonzero(table.keys != EMPTY)
        )
        for i in slots:
            key = int(i if table.keys is None else table.keys[i])
            ids = tuple((key >> (self.bits * (n - 1 - j))) & mask for j in range(n))
            bow = 0.0 if table.bow is None else float(table.bow[np.array([i])][0])
            yield ids, float(table.logp[np.array([i])][0]), bow


@lru_cache(maxsize=1)
def get_lm() -> LanguageModel:
    """The shipped model, loaded once per process (per worker)."""
    return LanguageModel.load()
