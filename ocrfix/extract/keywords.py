"""Diacritic-blind and OCR-tolerant matching of the keywords the decree prescribes.

English-model OCR of Vietnamese drops or mangles diacritics (``Số`` → ``S6``, ``$6``;
``QĐ`` → ``Qb``, ``QÐ``). Matching therefore happens on a *folded* copy of the text:
diacritics stripped, lower-cased, and the few OCR look-alikes mapped back. Folding
keeps length (one character in, one out) so spans found on the folded text are spans
of the original.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from ocrfix.text import strip_diacritics
from ocrfix.text.chars import VOWELS

# Look-alikes English OCR produces for Vietnamese letters; each maps one char to one char.
_OCR_LOOKALIKES = str.maketrans({"ð": "d", "Ð": "d", "đ": "d", "Đ": "d", "$": "s", "|": "l"})

# Letters that only Vietnamese text has; their absence marks diacritic-stripped input.
VIETNAMESE_MARKED = frozenset(c for c in VOWELS if c.islower() and strip_diacritics(c) != c) | {"đ"}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = strip_diacritics(ch).translate(_OCR_LOOKALIKES).lower()
    return base if len(base) == 1 else ch.lower()[:1] or ch


def fold(text: str) -> str:
    """Lower-case, diacritic-free, OCR-look-alike-free copy of ``text`` of the same length."""
    text = unicodedata.normalize("NFC", text)
    return "".join(_fold_char(ch) for ch in text)


MARKED_SHARE = 0.15  # clean Vietnamese headers: ≥ 25 % marked letters; English OCR: ≤ 7 %


def is_marked(text: str) -> bool:
    """True when ``text`` carries Vietnamese diacritics (clean or repaired text)."""
    letters = [ch for ch in text.lower() if ch.isalpha()]
    if not letters:
        return False
    return sum(ch in VIETNAMESE_MARKED for ch in letters) / len(letters) >= MARKED_SHARE


def upper_ratio(text: str) -> float:
    """Share of upper-case letters among letters (0 when there are none)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c.isupper() for c in letters) / len(letters)
