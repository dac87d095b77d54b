"""Diacritics back on place names OCR stripped ("Ha N6i" → "Hà Nội"), from the shipped list
of administrative units (``dictionaries/admin_units.tsv``, ``python -m ocrfix.build
admin_units``). Without the file, names are returned as read.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from rapidfuzz import fuzz, process

from ocrfix.dictionaries import dictionaries_dir
from ocrfix.extract.keywords import fold

# On a folded-name collision the broader unit wins: a date line names a province or city
# far more often than a commune of the same name.
LEVEL_ORDER = (
    "tỉnh",
    "thành phố",
    "đặc khu",
    "thị xã",
    "quận",
    "huyện",
    "phường",
    "xã",
    "thị trấn",
)
MIN_SCORE = 85.0
_DIGIT_LOOKALIKES = str.maketrans("0615", "ooil")  # OCR digits inside words: "N6i" → "Noi"
_PREFIX = regex.compile(r"^(?:tp\.?|thanh pho|tinh|xa|phuong|dac khu)\s+")


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    path = dictionaries_dir() / "admin_units.tsv"
    if not path.exists():
        return {}
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            level, name = line.split("\t")
            rank = LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)
            rows.append((rank, name))
    index: dict[str, str] = {}
    for _, name in sorted(rows):
        index.setdefault(fold(name), name)
    return index


def restore_place(name: str) -> str:
    """The administrative unit ``name`` (read without diacritics) most likely is."""
    index = _index()
    folded = " ".join(fold(name).split())
    prefix = _PREFIX.match(folded)
    cut = len(name) - len(name.lstrip()) + (prefix.end() if prefix else 0)
    key = folded[prefix.end() if prefix else 0 :].translate(_DIGIT_LOOKALIKES)
    if not index or not key:
        return name
    found = index.get(key)
    if found is None:
        best = process.extractOne(key, index.keys(), scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
        found = index[best[0]] if best else None
    return f"{name[:cut]}{found}" if found else name
