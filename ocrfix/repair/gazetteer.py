"""Place names as a multi-syllable lexicon: a bonus for adjacent syllables that continue a
known administrative unit name (``Tam Hợp``, ``Hà Tĩnh``), where the n-gram model is thin.

Names come from ``dictionaries/admin_units.tsv`` (``python -m ocrfix.build admin_units``,
MIT sources). Each pair of neighbouring syllables inside a name, as LM ids, is stored
packed in a sorted array, so the decoder asks about a whole batch of transitions with one
binary search. The bonus only applies between capitalised input words (``Tam Hop``,
``TAM HOP``): lower-case ``tam hợp`` is ordinary text.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from ocrfix.dictionaries import dictionaries_dir
from ocrfix.repair.lmtokens import token_key

UNITS_FILE = "admin_units.tsv"


def read_names(path: Path | None = None) -> list[str]:
    """Unit names of the shipped list (empty when it is missing)."""
    path = path or dictionaries_dir() / UNITS_FILE
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]
    return [row[1] for row in rows if len(row) == 2]


class Gazetteer:
    """Syllable pairs inside known names, as packed LM id pairs."""

    def __init__(self, names: Iterable[str], ids: Callable[[list[str]], np.ndarray], unk: int):
        packed: set[int] = set()
        for name in names:
            keys = ids([token_key(w) for w in name.split()])
            packed.update(int(pack(a, b)) for a, b in itertools.pairwise(keys) if unk not in (a, b))
        self.pairs = np.array(sorted(packed), dtype=np.int64)

    def __len__(self) -> int:
        return len(self.pairs)

    def contains(self, prev: np.ndarray, nxt: np.ndarray) -> np.ndarray:
        """Elementwise: is (prev, nxt) two neighbouring syllables of a known name?"""
        query = pack(prev, nxt)
        if not len(self.pairs):
            return np.zeros(query.shape, bool)
        at = np.minimum(np.searchsorted(self.pairs, query), len(self.pairs) - 1)
        return self.pairs[at] == query


def pack(prev: np.ndarray | int, nxt: np.ndarray | int) -> np.ndarray:
    """One int64 per id pair (ids fit in 31 bits)."""
    return (np.asarray(prev, np.int64) << 31) | np.asarray(nxt, np.int64)
