"""Text-level normalisation: NFC and one tone-placement convention for every syllable."""

from __future__ import annotations

import unicodedata

import regex

from ocrfix.text.syllable import ToneStyle, compose, parse_syllable

_WORD = regex.compile(r"[^\W\d_]+")


def match_case(model: str, word: str) -> str:
    """Give ``word`` (lower case) the letter case of ``model`` (same length, or by pattern).

    >>> match_case("HOÀ", "hòa"), match_case("Hoà", "hòa"), match_case("hoà", "hòa")
    ('HÒA', 'Hòa', 'hòa')
    """
    if model.islower() or not model:
        return word
    if model.isupper() and (len(model) > 1 or len(word) == 1):
        return word.upper()
    if len(model) == len(word):
        return "".join(w.upper() if m.isupper() else w for m, w in zip(model, word, strict=True))
    return word[:1].upper() + word[1:] if model[0].isupper() else word


def normalize_syllable(word: str, style: ToneStyle = "traditional") -> str:
    """Re-place the tone mark of one syllable; words that are not syllables are unchanged."""
    parsed = parse_syllable(word)
    if parsed is None or parsed.tone == 0:
        return word
    return match_case(word, compose(parsed, style))


def normalize_tones(text: str, style: ToneStyle = "traditional") -> str:
    """NFC, and every syllable's tone mark placed by ``style``.

    >>> normalize_tones("Hoà bình, thuỷ lợi, Uỷ ban")
    'Hòa bình, thủy lợi, Ủy ban'
    >>> normalize_tones("Hòa bình, thủy lợi", "modern")
    'Hoà bình, thuỷ lợi'
    """
    text = unicodedata.normalize("NFC", text)
    return _WORD.sub(lambda m: normalize_syllable(m.group(), style), text)
