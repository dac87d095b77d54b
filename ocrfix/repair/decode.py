"""Best path through a line's candidate lattice under a trigram LM, with per-slot confidence.

A lattice is a list of slots; each slot holds the candidates for one input token (or one
fixed context key such as ``<num>``). A candidate is one or more LM ids (two when the
channel reads a merged token ``làxã`` as ``là xã``) and an emission score (weighted
channel log-probability plus penalties). The path score is

    Σ emission + w_lm · Σ log10 P(key | two previous keys)

which is a second-order HMM: the state after slot ``t`` is the pair (candidate at
``t-1``, candidate at ``t``), because a trigram looks two keys back.

:func:`decode` is the fast path. Lines are decoded in batches as padded numpy arrays
(lines × slots × candidates), so every step of the dynamic programme is one array
operation for the whole batch, and the LM answers all queries of a step at once. A
bigram pass first keeps the ``beam`` best candidates of each slot by max-marginal; the
trigram pass then decodes what is left. :func:`reference_viterbi` is the plain version
(dictionaries of states, one LM call per key) it is tested against.

Confidence is the max-marginal posterior: for each candidate, the best complete path
through it, turned into a distribution over the slot's candidates (softmax of
``ln 10 · score · sharpness``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

NEG = -1e9  # score of padding: never chosen, never NaN


class ScoresNext(Protocol):
    """What the decoder needs of a language model (see ``ocrfix.repair.lm``)."""

    bos_id: int
    eos_id: int

    def score(self, context_ids: np.ndarray, next_ids: np.ndarray) -> np.ndarray: ...


class KnowsNames(Protocol):
    """What the decoder needs of a gazetteer (see ``ocrfix.repair.gazetteer``)."""

    def contains(self, prev: np.ndarray, nxt: np.ndarray) -> np.ndarray: ...


def name_bonus(
    names: KnowsNames, prev: np.ndarray, nxt: np.ndarray, weight: np.ndarray
) -> np.ndarray:
    """``weight`` where (prev last id, next first id) continue a known name, else 0;
    only asked where ``weight`` is positive."""
    out = np.zeros(weight.shape)
    where = np.nonzero(weight > 0)
    if len(where[0]):
        hit = names.contains(np.broadcast_to(prev, weight.shape)[where],
                             np.broadcast_to(nxt, weight.shape)[where])  # fmt: skip
        out[where] = weight[where] * hit
    return out


@dataclass
class Slot:
    """Candidates of one position: LM ids per candidate and their emission scores."""

    keys: list[tuple[int, ...]]
    emit: np.ndarray
    scored: bool = True  # False for <s>, which the LM never predicts
    name_weight: float = 0.0  # bonus if it continues a place name begun in the slot before
    ends: np.ndarray | None = field(default=None, repr=False)  # key_ends(keys), if known

    @classmethod
    def fixed(cls, key: int | tuple[int, ...], *, scored: bool = True) -> Slot:
        keys = key if isinstance(key, tuple) else (key,)
        return cls([keys], np.zeros(1), scored)

    def __len__(self) -> int:
        return len(self.keys)

    def key_ends(self) -> np.ndarray:
        return key_ends(self.keys) if self.ends is None else self.ends


def key_ends(keys: list[tuple[int, ...]]) -> np.ndarray:
    """Per candidate: first id, second id (or -1), last id, second-to-last id (or -1) and
    the number of ids, as rows of one array; the engine caches it with a word's slot."""
    return np.array(
        [
            [k[0] for k in keys],
            [k[1] if len(k) > 1 else -1 for k in keys],
            [k[-1] for k in keys],
            [k[-2] if len(k) > 1 else -1 for k in keys],
            [len(k) for k in keys],
        ],
        dtype=np.int64,
    ).reshape(5, len(keys))


@dataclass
class Decoded:
    """Best candidate index per slot and the posterior of every candidate of every slot."""

    best: list[int]
    posteriors: list[np.ndarray] = field(repr=False)
    score: float = 0.0

    @property
    def confidence(self) -> list[float]:
        """Posterior of the chosen candidate, per slot."""
        return [float(p[b]) for p, b in zip(self.posteriors, self.best, strict=True)]


def lattice_start(bos: int) -> list[Slot]:
    """Two unscored ``<s>`` slots: the trigram context of a line's first word."""
    return [Slot.fixed(bos, scored=False), Slot.fixed(bos, scored=False)]


@dataclass
class _Batch:
    """Padded lattices: arrays over (line, slot, candidate)."""

    first: np.ndarray  # first LM id of each candidate
    second_key: np.ndarray  # its second id, or -1
    last: np.ndarray  # its last id
    before_last: np.ndarray  # its second-to-last id, or -1 for one-key candidates
    fixed: np.ndarray  # log10 P of keys 3.. (context fixed inside the candidate)
    emit: np.ndarray  # emission, NEG for padding
    scored: np.ndarray  # (line, slot): does the LM score this slot
    name: np.ndarray  # (line, slot): name bonus weight (0 for a slot that is no name)
    index: np.ndarray  # original candidate index (for pruned batches), -1 for padding

    @property
    def valid(self) -> np.ndarray:
        return self.index >= 0


def _pack(lattices: list[list[Slot]], lm: ScoresNext) -> _Batch:
    lines, slots = len(lattices), max(len(s) for s in lattices)
    width = max(len(slot) for lattice in lattices for slot in lattice)
    shape = (lines, slots, width)
    sizes: list[int] = []  # candidates per (line, slot), in order
    keys: list[tuple[int, ...]] = []
    emits: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    scored = np.zeros((lines, slots), bool)
    name = np.zeros((lines, slots))
    for i, lattice in enumerate(lattices):
        scored[i, : len(lattice)] = [slot.scored for slot in lattice]
        name[i, : len(lattice)] = [slot.name_weight for slot in lattice]
        for slot in lattice:
            sizes.append(len(slot.keys))
            keys.extend(slot.keys)
            emits.append(slot.emit)
            ends.append(slot.key_ends())
    ids = np.concatenate(ends, axis=1)
    lengths = [len(lattice) for lattice in lattices]
    line_of = np.repeat(np.arange(lines), lengths)
    slot_of = np.concatenate([np.arange(n) for n in lengths])
    counts = np.array(sizes)
    starts = np.cumsum(counts) - counts
    at = (np.repeat(line_of, counts), np.repeat(slot_of, counts),
          np.arange(len(keys)) - np.repeat(starts, counts))  # fmt: skip
    # padding slots after a line's end: one unscored </s> candidate that keeps the state
    ends = np.array([len(lattice) for lattice in lattices])
    pad_i, pad_t = np.nonzero(np.arange(slots)[None, :] >= ends[:, None])
    pad = (pad_i, pad_t, np.zeros_like(pad_i))
    first, second, last, before = (np.full(shape, -1, np.int64) for _ in range(4))
    first[at], second[at], last[at], before[at] = ids[0], ids[1], ids[2], ids[3]
    first[pad] = last[pad] = lm.eos_id
    emit = np.full(shape, NEG)
    emit[at] = np.concatenate(emits)
    emit[pad] = 0.0
    index = np.full(shape, -1)
    index[at] = at[2]
    index[pad] = 0
    first[index < 0] = last[index < 0] = 0
    fixed = np.zeros(shape)
    where = np.column_stack(at)
    longer = [(tuple(where[n]), keys[n]) for n in np.nonzero(ids[4] > 2)[0]]
    longer = [(w, k) for w, k in longer if scored[w[:2]]]
    if longer:
        ctx = np.array([k[m - 2 : m] for _, k in longer for m in range(2, len(k))])
        nxt = np.array([k[m] for _, k in longer for m in range(2, len(k))])
        scores = np.asarray(lm.score(ctx, nxt), np.float64)
        pos = 0
        for w, k in longer:
            fixed[w] = scores[pos : pos + len(k) - 2].sum()
            pos += len(k) - 2
    return _Batch(first, second, last, before, fixed, emit, scored, name, index)


def _score_masked(lm: ScoresNext, ctx: list[np.ndarray], nxt: np.ndarray, mask: np.ndarray):
    """LM scores where ``mask`` holds (0 elsewhere); context columns oldest first."""
    out = np.zeros(mask.shape)
    where = np.nonzero(mask)
    if len(where[0]):
        context = np.stack([np.broadcast_to(c, mask.shape)[where] for c in ctx], axis=1)
        out[where] = lm.score(context, np.broadcast_to(nxt, mask.shape)[where])
    return out


def _bigram_transitions(
    b: _Batch, lm: ScoresNext, w_lm: float, names: KnowsNames | None
) -> np.ndarray:
    """T[l, t, c, n]: LM score of slot t's candidate n after candidate c of slot t-1."""
    prev_last = b.last[:, :-1, :, None]
    nxt_first = b.first[:, 1:, None, :]
    mask = b.valid[:, :-1, :, None] & b.valid[:, 1:, None, :] & b.scored[:, 1:, None, None]
    trans = _score_masked(lm, [prev_last], nxt_first, mask)
    trans += _inner(b, lm)[:, 1:, None, :] * mask
    trans *= w_lm
    if names is not None:
        trans += name_bonus(names, prev_last, nxt_first, _pair_weight(b, 1) * mask)
    return np.concatenate([np.zeros_like(trans[:, :1]), trans], axis=1)


def _inner(b: _Batch, lm: ScoresNext) -> np.ndarray:
    """log10 P of a candidate's second key after its first, plus its fixed part."""
    mask = (b.second_key >= 0) & b.scored[:, :, None]
    return _score_masked(lm, [b.first], b.second_key, mask) + b.fixed


def _trigram_transitions(
    b: _Batch, lm: ScoresNext, w_lm: float, names: KnowsNames | None
) -> np.ndarray:
    """T[l, t, p, c, n] for t >= 2 (zeros for t < 2): trigram scores of the whole batch."""
    lines, slots, k = b.emit.shape
    trans = np.zeros((lines, slots, k, k, k))
    if slots < 3:
        return trans
    y = b.last[:, 1:-1, None, :, None]  # candidate c of slot t-1
    own_before = b.before_last[:, 1:-1, None, :, None]
    x = np.where(own_before >= 0, own_before, b.last[:, :-2, :, None, None])
    nxt = b.first[:, 2:, None, None, :]
    valid = b.valid
    mask = (valid[:, :-2, :, None, None] & valid[:, 1:-1, None, :, None]
            & valid[:, 2:, None, None, :] & b.scored[:, 2:, None, None, None])  # fmt: skip
    first = _score_masked(lm, [x, y], nxt, mask)
    has_second = (b.second_key[:, 2:, None, None, :] >= 0) & mask
    second = _score_masked(lm, [y, nxt], b.second_key[:, 2:, None, None, :], has_second)
    trans[:, 2:] = w_lm * (first + second + b.fixed[:, 2:, None, None, :] * mask)
    if names is not None:
        weight = _pair_weight(b, 2) * (b.valid[:, 1:-1, :, None] & b.valid[:, 2:, None, :])
        bonus = name_bonus(names, b.last[:, 1:-1, :, None], b.first[:, 2:, None, :], weight)
        trans[:, 2:] += bonus[:, :, None]
    return trans


def _pair_weight(b: _Batch, start: int) -> np.ndarray:
    """(line, slot t >= start, 1, 1): name weight of slot t when slot t-1 is a name too."""
    weight = np.where(b.name[:, start - 1 : -1] > 0, b.name[:, start:], 0.0)
    return weight[:, :, None, None]


def _max_marginals_first_order(b: _Batch, trans: np.ndarray) -> np.ndarray:
    """Max-marginal of every candidate under the bigram (first-order) model."""
    lines, slots, k = b.emit.shape
    alpha = np.empty((lines, slots, k))
    alpha[:, 0] = b.emit[:, 0]
    for t in range(1, slots):
        alpha[:, t] = (alpha[:, t - 1, :, None] + trans[:, t]).max(axis=1) + b.emit[:, t]
    beta = np.zeros((lines, slots, k))
    for t in range(slots - 1, 0, -1):
        beta[:, t - 1] = (trans[:, t] + (b.emit[:, t] + beta[:, t])[:, None, :]).max(axis=2)
    return np.where(b.valid, alpha + beta, NEG)


def _prune(b: _Batch, marginals: np.ndarray, beam: int, margin: float) -> _Batch:
    """Keep per slot the ``beam`` best candidates within ``margin`` of the best."""
    keep = min(beam, b.emit.shape[2])
    order = np.argsort(-marginals, axis=2, kind="stable")[:, :, :keep]

    def take(a: np.ndarray) -> np.ndarray:
        return np.take_along_axis(a, order, axis=2)

    best = marginals.max(axis=2, keepdims=True)
    alive = take(b.valid & (marginals >= best - margin))
    index = np.where(alive, take(b.index), -1)
    return _Batch(take(b.first), take(b.second_key), take(b.last), take(b.before_last),
                  take(b.fixed), np.where(alive, take(b.emit), NEG), b.scored, b.name,
                  index)  # fmt: skip


def _viterbi(b: _Batch, trans: np.ndarray, sharpness: float):
    """Best paths and max-marginal posteriors of the second-order model, batched."""
    lines, slots, k = b.emit.shape
    delta = np.full((lines, k, k), NEG)  # state (candidate at t-1, candidate at t)
    delta[:, 0, :] = b.emit[:, 1]  # slot 0 is a one-candidate <s>
    deltas = [delta, delta]
    backs = []
    for t in range(2, slots):
        total = deltas[-1][:, :, :, None] + trans[:, t]  # (l, p, c, n)
        backs.append(total.argmax(axis=1))
        deltas.append(total.max(axis=1) + b.emit[:, t, None, :])  # the value at the argmax
    betas = [np.zeros((lines, k, k))]
    for t in range(slots - 1, 1, -1):
        step = trans[:, t] + (b.emit[:, t, None, :] + betas[0])[:, None, :, :]
        betas.insert(0, step.max(axis=3))
    betas.insert(0, betas[0])
    final = deltas[-1].reshape(lines, -1)
    flat = final.argmax(axis=1)
    path = np.zeros((lines, slots), np.int64)
    path[:, -2], path[:, -1] = np.divmod(flat, k)
    rows = np.arange(lines)
    for t in range(slots - 1, 1, -1):
        path[:, t - 2] = backs[t - 2][rows, path[:, t - 1], path[:, t]]
    marginals = np.stack([(d + be).max(axis=1) for d, be in zip(deltas, betas, strict=True)], 1)
    marginals = np.where(b.valid, marginals, NEG)
    logits = (marginals - marginals.max(axis=2, keepdims=True)) * (math.log(10.0) * sharpness)
    prob = np.where(b.valid, np.exp(logits), 0.0)
    prob /= prob.sum(axis=2, keepdims=True)
    return path, prob, final.max(axis=1)


def _unpack(lattices: list[list[Slot]], b: _Batch, path, prob, scores) -> list[Decoded]:
    lines, slots, _ = b.index.shape
    width = max(len(slot) for lattice in lattices for slot in lattice)
    full = np.zeros((lines, slots, width + 1))  # column ``width`` collects padding
    np.put_along_axis(full, np.where(b.index >= 0, b.index, width), prob, axis=2)
    best = np.take_along_axis(b.index, path[:, :, None], axis=2)[:, :, 0].tolist()
    out = []
    for i, lattice in enumerate(lattices):
        posteriors = [full[i, t, : len(slot)] for t, slot in enumerate(lattice)]
        out.append(Decoded(best[i][: len(lattice)], posteriors, float(scores[i])))
    return out


def decode(
    lattices: list[list[Slot]],
    lm: ScoresNext,
    *,
    w_lm: float = 1.0,
    sharpness: float = 1.0,
    beam: int | None = 4,
    margin: float = 4.0,
    names: KnowsNames | None = None,
) -> list[Decoded]:
    """Decode many lattices at once (the fast path). ``beam=None`` skips the bigram pruning.

    Candidates pruned by the bigram pass get posterior 0. With ``names``, slots with a
    ``name_weight`` get that bonus where they continue a known name.
    """
    if not lattices:
        return []
    batch = _pack(lattices, lm)
    if beam is not None and batch.emit.shape[2] > beam:
        trans = _bigram_transitions(batch, lm, w_lm, names)
        batch = _prune(batch, _max_marginals_first_order(batch, trans), beam, margin)
    trans = _trigram_transitions(batch, lm, w_lm, names)
    path, prob, scores = _viterbi(batch, trans, sharpness)
    return _unpack(lattices, batch, path, prob, scores)


def path_score(
    slots: list[Slot],
    choice: list[int],
    lm: ScoresNext,
    w_lm: float,
    names: KnowsNames | None = None,
) -> float:
    """Score of one path, key by key: the definition the decoders must agree with."""
    return sum(
        _increment(slots[: t + 1], choice[: t + 1], lm, w_lm, names) for t in range(len(slots))
    )


def reference_viterbi(
    slots: list[Slot], lm: ScoresNext, *, w_lm: float = 1.0, names: KnowsNames | None = None
) -> list[int]:
    """Plain Viterbi, one LM call per key, states keyed by the last two choices."""
    states: dict[tuple[int, ...], tuple[float, list[int]]] = {(): (0.0, [])}
    for t, slot in enumerate(slots):
        new: dict[tuple[int, ...], tuple[float, list[int]]] = {}
        for score, path in states.values():
            for j in range(len(slot)):
                choice = [*path, j]
                total = score + _increment(slots[: t + 1], choice, lm, w_lm, names)
                key = tuple(choice[-2:])
                if key not in new or total > new[key][0] + 1e-9:
                    new[key] = (total, choice)
        states = new
    return max(states.values(), key=lambda v: v[0])[1]


def _increment(
    slots: list[Slot], choice: list[int], lm: ScoresNext, w_lm: float, names: KnowsNames | None
) -> float:
    """Score added by the last slot of ``choice``, given the keys before it."""
    history = [k for slot, j in zip(slots[:-1], choice[:-1], strict=True) for k in slot.keys[j]]
    slot, j = slots[-1], choice[-1]
    total = float(slot.emit[j])
    if names is not None and len(slots) > 1 and slots[-2].name_weight > 0:
        prev = np.array([slots[-2].keys[choice[-2]][-1]])
        weight = np.array([slot.name_weight])
        total += float(name_bonus(names, prev, np.array([slot.keys[j][0]]), weight)[0])
    for key in slot.keys[j]:
        if slot.scored:
            total += w_lm * float(lm.score(np.array([history[-2:]]), np.array([key]))[0])
        history.append(key)
    return total
