"""Vietnamese letters split into base letter and tone, and back.

A precomposed vowel such as ``ộ`` is a base vowel (``ô``) plus one of five tone marks.
Everything else in the orthography core works on (base, tone) pairs, so this table is
the only place that knows about Unicode combining marks.
"""

from __future__ import annotations

import unicodedata

#: Tone numbers: 0 ngang (none), 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng.
TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
TONE_NAMES = ("ngang", "huyền", "sắc", "hỏi", "ngã", "nặng")

BASE_VOWELS = "aăâeêioôơuưy"
_BASE_VOWELS_ALL = BASE_VOWELS + BASE_VOWELS.upper()

# (base letter, tone) for every toned vowel, and the reverse.
_SPLIT: dict[str, tuple[str, int]] = {}
_JOIN: dict[tuple[str, int], str] = {}
for _base in _BASE_VOWELS_ALL:
    for _tone, _mark in enumerate(TONE_MARKS):
        _char = unicodedata.normalize("NFC", _base + _mark)
        _SPLIT[_char] = (_base, _tone)
        _JOIN[(_base, _tone)] = _char

#: Every lowercase and uppercase Vietnamese vowel with or without a tone.
VOWELS = frozenset(_SPLIT)

# Letters with their diacritics removed (tone and shape): ộ -> o, đ -> d.
_STRIP = {c: unicodedata.normalize("NFD", c)[0] for c in _SPLIT}
_STRIP.update({"đ": "d", "Đ": "D"})
_STRIP_TABLE = str.maketrans(_STRIP)

#: Lowercase Vietnamese letters (vowels with all tones, consonants including đ).
LETTERS = frozenset(_SPLIT) | frozenset("bcdđghklmnpqrstvxfjwz" + "bcdđghklmnpqrstvxfjwz".upper())


def split_tone(char: str) -> tuple[str, int]:
    """``'ộ'`` → ``('ô', 5)``; a character without a tone comes back with tone 0."""
    return _SPLIT.get(char, (char, 0))


def join_tone(base: str, tone: int) -> str:
    """``('ô', 5)`` → ``'ộ'``. ``base`` must be a base vowel when ``tone`` is not 0."""
    if tone == 0:
        return base
    try:
        return _JOIN[(base, tone)]
    except KeyError:
        raise ValueError(f"{base!r} cannot carry a tone mark") from None


def strip_diacritics(text: str) -> str:
    """Remove tone marks and letter diacritics, ``đ`` → ``d``; other characters unchanged.

    >>> strip_diacritics("Cộng hòa xã hội chủ nghĩa Việt Nam")
    'Cong hoa xa hoi chu nghia Viet Nam'
    """
    return unicodedata.normalize("NFC", text).translate(_STRIP_TABLE)


def strip_tones(text: str) -> str:
    """Remove only tone marks, keeping ă â ê ô ơ ư đ.

    >>> strip_tones("Việt Nam")
    'Viêt Nam'
    """
    return "".join(split_tone(c)[0] for c in unicodedata.normalize("NFC", text))
