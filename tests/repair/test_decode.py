"""The batched decoder against the plain reference Viterbi and exhaustive search."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from ocrfix.repair.decode import Slot, decode, lattice_start, path_score, reference_viterbi


def random_lattice(rng: np.random.Generator, lm, length: int, width: int) -> list[Slot]:
    words = [lm.index[w] for w in ("xã", "tam", "hợp", "ủy", "ban", "nhân", "dân", "số", "<num>")]
    slots = lattice_start(lm.bos_id)
    for _ in range(length):
        if rng.random() < 0.1:  # a sentence break, as the lattice builder makes it
            slots += [Slot.fixed(lm.eos_id), Slot.fixed(lm.bos_id, scored=False)]
            continue
        k = int(rng.integers(1, width + 1))
        keys = [tuple(int(w) for w in rng.choice(words, size=int(rng.choice([1, 1, 1, 2, 3]))))
                for _ in range(k)]  # fmt: skip
        slots.append(Slot(keys, rng.normal(-1.0, 1.0, size=k)))
    slots.append(Slot.fixed(lm.eos_id))
    return slots


def exhaustive(slots, lm, w_lm):
    choices = itertools.product(*(range(len(s)) for s in slots))
    return max(path_score(slots, list(c), lm, w_lm) for c in choices)


@pytest.mark.parametrize("seed", range(6))
def test_fast_decoder_equals_reference_viterbi(tiny_lm, seed):
    rng = np.random.default_rng(seed)
    lattices = [random_lattice(rng, tiny_lm, int(rng.integers(1, 9)), 4) for _ in range(5)]
    w_lm = float(rng.uniform(0.5, 2.0))
    for slots, got in zip(lattices, decode(lattices, tiny_lm, w_lm=w_lm, beam=None), strict=True):
        want = reference_viterbi(slots, tiny_lm, w_lm=w_lm)
        assert path_score(slots, got.best, tiny_lm, w_lm) == pytest.approx(
            path_score(slots, want, tiny_lm, w_lm), abs=1e-6
        )
        assert got.score == pytest.approx(path_score(slots, got.best, tiny_lm, w_lm), abs=1e-6)


@pytest.mark.parametrize("seed", range(3))
def test_reference_viterbi_finds_the_best_path(tiny_lm, seed):
    rng = np.random.default_rng(100 + seed)
    slots = random_lattice(rng, tiny_lm, 4, 3)
    best = reference_viterbi(slots, tiny_lm)
    assert path_score(slots, best, tiny_lm, 1.0) == pytest.approx(exhaustive(slots, tiny_lm, 1.0))


def test_posteriors_are_distributions_and_favour_the_best(tiny_lm):
    rng = np.random.default_rng(7)
    lattices = [random_lattice(rng, tiny_lm, 6, 4) for _ in range(4)]
    for decoded in decode(lattices, tiny_lm, beam=None):
        for post, best in zip(decoded.posteriors, decoded.best, strict=True):
            assert post.sum() == pytest.approx(1.0)
            assert post[best] == pytest.approx(post.max())


def test_beam_wider_than_the_lattice_changes_nothing(tiny_lm):
    rng = np.random.default_rng(11)
    lattices = [random_lattice(rng, tiny_lm, 7, 3) for _ in range(5)]
    exact = decode(lattices, tiny_lm, beam=None)
    beamed = decode(lattices, tiny_lm, beam=3, margin=99.0)
    assert [d.best for d in exact] == [d.best for d in beamed]


def test_bigram_pruning_keeps_the_obvious_path(tiny_lm):
    ids = tiny_lm.index
    slots = lattice_start(tiny_lm.bos_id)
    for right, wrong in (("ủy", "uy"), ("ban", "bán"), ("nhân", "nhan"), ("dân", "dan")):
        alternatives = [(ids[right],)] + [(ids.get(wrong, tiny_lm.unk_id),)] * 5
        slots.append(Slot(alternatives, np.zeros(6)))
    slots.append(Slot.fixed(tiny_lm.eos_id))
    (decoded,) = decode([slots], tiny_lm, beam=2)
    assert decoded.best[2:6] == [0, 0, 0, 0]
    assert all(c > 0.5 for c in decoded.confidence[2:6])
