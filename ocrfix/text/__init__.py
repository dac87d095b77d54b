"""Vietnamese orthography core: pure functions, no OCR needed.

>>> from ocrfix.text import normalize_tones, strip_diacritics
>>> strip_diacritics(normalize_tones("Uỷ ban"))
'Uy ban'
"""

from ocrfix.text.chars import split_tone, strip_diacritics, strip_tones
from ocrfix.text.normalize import match_case, normalize_syllable, normalize_tones
from ocrfix.text.syllable import (
    TONE_STYLES,
    Syllable,
    ToneStyle,
    compose,
    inventory,
    is_valid_syllable,
    parse_syllable,
)

__all__ = [
    "TONE_STYLES",
    "Syllable",
    "ToneStyle",
    "compose",
    "inventory",
    "is_valid_syllable",
    "match_case",
    "normalize_syllable",
    "normalize_tones",
    "parse_syllable",
    "split_tone",
    "strip_diacritics",
    "strip_tones",
]
