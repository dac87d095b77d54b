"""A last check of a page's orientation, from what Tesseract read on it.

Preprocessing settles orientation from the shape of the text lines, without OCR
(:mod:`ocrfix.preprocess.orientation`); on a few pages it is wrong, and the page is then read
upside down into nonsense (a dev page turned a quarter: 0 % against raw Tesseract's 91 %).
Upside-down Vietnamese comes out of Tesseract ``vie`` as letter strings that are mostly not
Vietnamese syllables: on 12 dev fax and rotated office pages that share was at least 0.95 on
every upright page and 0.18 on the one left upside down. Below :data:`MIN_SHARE`, the page
is read once more turned by 180°, and the reading with more syllables is kept; on the other
pages this costs nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import regex

from ocrfix.ocr.model import OcrWord
from ocrfix.text.syllable import is_valid_syllable

MIN_SHARE = 0.5  # below this share of Vietnamese syllables, try the page turned over
MIN_WORDS = 20  # too few words to judge a page by

_EDGES = regex.compile(r"^[^\p{L}]+|[^\p{L}]+$")


def syllable_share(words: Sequence[OcrWord]) -> tuple[float, int]:
    """(share of the words of two letters or more that are Vietnamese syllables, their count)."""
    found = [_EDGES.sub("", w.text) for w in words]
    found = [t for t in found if len(t) >= 2 and t.isalpha()]
    if not found:
        return 0.0, 0
    good = sum(is_valid_syllable(unicodedata.normalize("NFC", t.lower())) for t in found)
    return good / len(found), len(found)


def looks_upside_down(words: Sequence[OcrWord]) -> bool:
    """Whether a Vietnamese page read as ``words`` was probably read upside down."""
    share, count = syllable_share(words)
    return count >= MIN_WORDS and share < MIN_SHARE
