"""Place names as a multi-syllable lexicon in decoding (issue 3: Tam Hop → Tam Hợp)."""

from __future__ import annotations

import numpy as np
import pytest

from ocrfix.repair import fix
from ocrfix.repair.decode import Slot, decode, lattice_start, path_score, reference_viterbi
from ocrfix.repair.gazetteer import Gazetteer, read_names
from ocrfix.repair.lattice import Params, name_weight
from tests.repair.test_decode import random_lattice


@pytest.fixture(scope="module")
def names(tiny_lm) -> Gazetteer:
    return Gazetteer(["Tam Hợp", "Ủy Ban", "Qqx Zzw"], tiny_lm.ids, tiny_lm.unk_id)


def test_pairs_inside_known_names_only(tiny_lm, names):
    ids = tiny_lm.ids(["tam", "hợp", "ủy", "ban", "xã"])
    prev, nxt = (
        np.array([ids[0], ids[1], ids[2], ids[4]]),
        np.array([ids[1], ids[0], ids[3], ids[0]]),
    )
    assert names.contains(prev, nxt).tolist() == [True, False, True, False]
    assert len(names) == 2  # no pair of <unk>s from words the LM does not know


def test_shipped_list_is_read():
    assert "Tam Hợp" in read_names() or not read_names()


def test_bonus_turns_the_path_to_the_name(tiny_lm, names):
    tam, tam2, hop, hop2 = (tiny_lm.index[w] for w in ("tam", "xã", "hợp", "ban"))
    slots = lattice_start(tiny_lm.bos_id)
    slots.append(Slot([(tam2,), (tam,)], np.array([0.0, -2.0]), name_weight=1.0))
    slots.append(Slot([(hop2,), (hop,)], np.array([0.0, -2.0]), name_weight=1.0))
    slots.append(Slot.fixed(tiny_lm.eos_id))
    (plain,) = decode([slots], tiny_lm, beam=None)
    assert plain.best[2:4] != [1, 1]
    for w in (6.0, 10.0):  # the name path is 4 worse by channel and ~0.4 by LM
        for slot in slots[2:4]:
            slot.name_weight = w
        (named,) = decode([slots], tiny_lm, beam=None, names=names)
        assert named.best[2:4] == [1, 1]


@pytest.mark.parametrize("seed", range(4))
def test_fast_decoder_with_names_equals_reference(tiny_lm, names, seed):
    rng = np.random.default_rng(seed)
    lattices = [random_lattice(rng, tiny_lm, int(rng.integers(1, 7)), 3) for _ in range(5)]
    for lattice in lattices:
        for slot in lattice:
            slot.name_weight = float(rng.choice([0.0, 2.0]))
    for slots, got in zip(lattices, decode(lattices, tiny_lm, beam=None, names=names), strict=True):
        want = reference_viterbi(slots, tiny_lm, names=names)
        assert path_score(slots, got.best, tiny_lm, 1.0, names) == pytest.approx(
            path_score(slots, want, tiny_lm, 1.0, names), abs=1e-6
        )


def test_name_weight_needs_a_capital_and_is_larger_after_a_unit_word():
    params = Params(w_name=1.0, w_name_unit=2.0)
    assert name_weight("tam", True, params) == 0.0
    assert name_weight("Tam", False, params) == 1.0
    assert name_weight("TAM", True, params) == 2.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S6: 1909 /BC-UBND Tam Hop, ngay 24 thang 12 nam 2024",
         "Số: 1909 /BC-UBND Tam Hợp, ngày 24 tháng 12 năm 2024"),
        ("UBND xa Tam Hgp, huyen Dong Anh", "UBND xã Tam Hợp, huyện Đông Anh"),
    ],
)  # fmt: skip
def test_place_names_after_repair(text, expected):
    assert fix(text) == expected
