"""Build target ``codes``: agency and document-type codes in the corpus → ``codes.tsv``.

A code is a letter group of a document symbol (``BC`` and ``UBND`` in ``1909/BC-UBND``) or
a stand-alone abbreviation in capitals that is not a Vietnamese syllable (``HĐND``,
``TTĐT``, ``CNTT``), or a slash abbreviation (``V/v``, ``Đ/c``). The repair engine keeps
known codes as they are and repairs garbled ones (``Qb-UBND`` → ``QĐ-UBND``) from this
list. Counted over the training corpus with
held-out documents removed; codes seen fewer than ``--min-count`` times are dropped.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import regex
from tqdm import tqdm

from ocrfix.build.corpus import DEFAULT_SHARED, iter_training_lines
from ocrfix.dictionaries import dictionaries_dir
from ocrfix.io.atomic import atomic_write_text
from ocrfix.text import is_valid_syllable

_SYMBOL = regex.compile(r"\d+[a-z]?(?:/\d{4})?\s?[/-]([\p{L}\p{M}]+(?:[-/][\p{L}\p{M}]+)*)")
_CAPS = regex.compile(r"(?<![\p{L}\p{M}\d])\p{Lu}[\p{Lu}\p{M}]{1,7}(?![\p{L}\p{M}\d])")
_PART = regex.compile(r"[\p{L}\p{M}]+")
# slash abbreviations of one letter and a few: V/v (về việc), Đ/c (đồng chí), K/g
_SLASHED = regex.compile(r"(?<![\p{L}\p{M}\d/])\p{L}/\p{L}{1,3}(?![\p{L}\p{M}\d/])")
HEADER = "# code\tcount  (python -m ocrfix.build codes; source: shared/corpus, held-out removed)\n"


def count_codes(lines: Iterable[str]) -> Counter[str]:
    """Occurrences of symbol codes and capitalised non-syllable abbreviations."""
    counts: Counter[str] = Counter()
    for line in lines:
        for match in _SYMBOL.finditer(line):
            counts.update(p for p in _PART.findall(match.group(1)) if p[0].isupper())
        counts.update(w for w in _CAPS.findall(line) if not is_valid_syllable(w.lower()))
        counts.update(_SLASHED.findall(line))
    return counts


def build(shared: Path, out: Path, min_count: int) -> int:
    """Write ``code<TAB>count`` rows, most frequent first; return how many."""
    lines = tqdm(iter_training_lines(shared), desc="codes", unit=" lines", mininterval=2)
    rows = [(c, n) for c, n in count_codes(lines).most_common() if n >= min_count]
    atomic_write_text(out, HEADER + "".join(f"{c}\t{n}\n" for c, n in rows))
    return len(rows)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "codes",
        help="agency / document-type codes (dictionaries/codes.tsv)",
        description="Count document-symbol codes and capitalised abbreviations in the corpus. "
        "Example: python -m ocrfix.build codes --shared ../shared",
    )
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--min-count", type=int, default=5)
    parser.set_defaults(handler=_handle)


def _handle(args: argparse.Namespace) -> int:
    out = args.out or dictionaries_dir() / "codes.tsv"
    n = build(args.shared, out, args.min_count)
    print(f"wrote {n} codes to {out}")
    return 0
