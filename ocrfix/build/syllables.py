"""Build target ``syllables``: attested syllable frequencies → ``dictionaries/syllables.tsv``.

Counts every valid Vietnamese syllable (lower case, traditional tone placement) in the
training corpus (held-out documents removed). Used by the baseline restorer and as the
list of attested syllables.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import regex
from tqdm import tqdm

from ocrfix.build.corpus import iter_training_lines
from ocrfix.build.target import register_table_target, write_table
from ocrfix.text import normalize_tones, parse_syllable

_WORD = regex.compile(r"[^\W\d_]+")


def count_syllables(lines: object) -> Counter[str]:
    """Frequencies of valid syllables, keyed by canonical lower-case form."""
    raw: Counter[str] = Counter()
    for line in lines:  # type: ignore[attr-defined]
        raw.update(_WORD.findall(line.lower()))
    counts: Counter[str] = Counter()
    for word, n in raw.items():
        if parse_syllable(word) is not None:
            counts[normalize_tones(word)] += n
    return counts


def build(shared: Path, out: Path) -> int:
    """Write the table (most frequent first); return the number of syllables."""
    lines = tqdm(iter_training_lines(shared), desc="syllables", unit=" lines", mininterval=2)
    counts = count_syllables(lines)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    header = "syllable\tcount  (ocrfix build syllables; source: shared/corpus, held-out removed)"
    return write_table(out, header, rows)


def register(sub: argparse._SubParsersAction) -> None:
    register_table_target(
        sub,
        "syllables",
        help="syllable frequency table (dictionaries/syllables.tsv)",
        filename="syllables.tsv",
        build=build,
        noun="syllables",
    )
