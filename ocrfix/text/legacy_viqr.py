r"""VIQR (RFC 1456): Vietnamese in plain ASCII, ``Vie^.t Nam``, ``ddu+o+`ng``.

A vowel is followed by an optional shape mark (``(`` breve, ``^`` circumflex, ``+`` horn)
and an optional tone mark (`````  huyền, ``'`` sắc, ``?`` hỏi, ``~`` ngã, ``.`` nặng);
``dd``/``DD`` (or ``d-``/``D-`` before a letter) opening a word is đ/Đ, and so is ``DD``
inside an all-capitals word (``QDD-UBND``); a backslash makes the next mark literal.
As RFC 1456 says, a mark character right after a vowel is a mark, so ``nhau.`` reads as
``nhaụ`` unless written ``nhau\.``; the one exception is a second tone on a word that
already has one, which is punctuation (``No^.i.`` is ``Nội.``).
"""

from __future__ import annotations

import unicodedata

import regex

from ocrfix.text.chars import TONE_MARKS, split_tone

_SHAPES = {"ă": "a(", "â": "a^", "ê": "e^", "ô": "o^", "ơ": "o+", "ư": "u+"}
_TONES = ("", "`", "'", "?", "~", ".")
_MARK_CHARS = "(^+`'?~."

# A VIQR vowel: base letter, optional shape, optional tone (captured separately).
_VOWEL = regex.compile(
    r"(?P<base>[aeiouyAEIOUY])(?P<shape>(?<=[aA])\(|(?<=[aeoAEO])\^|(?<=[ouOU])\+)?"
    r"(?P<tone>[`'?~.])?"
)
# A word: letters with VIQR marks and escapes, starting with a letter (``d-`` may open it)
# that follows no letter (digits may: "1.000dd", "103ta^'n").
# A ``.`` or ``?`` followed by another is punctuation ("a...", "dda^u??").
_WORD = regex.compile(
    r"(?<![A-Za-z\\])(?:[dD]-(?=[A-Za-z]))?[A-Za-z]"
    r"(?:[A-Za-z]|\\[(^+`'?~.dD\-]|[(^+`~']|[.?](?![.?]))*"
)
_DD = regex.compile(r"^(?:dd|DD|Dd|[dD]-(?=[A-Za-z]))")
# In capitals a run of D is pairs of Đ, after a D when odd: QDD is QĐ, GDDDT is GDĐT,
# DDKDDDD is ĐKĐĐ.
_CAPS_D_RUN = regex.compile(r"D{2,}")

_ENCODE: dict[str, str] = {}
for _shaped, _seq in [(v, v) for v in "aeiouy"] + list(_SHAPES.items()):
    for _tone, _mark in enumerate(_TONES):
        _char = unicodedata.normalize("NFC", _shaped + TONE_MARKS[_tone])
        _ENCODE[_char] = _seq + _mark
        _ENCODE[_char.upper()] = _seq.upper() + _mark
_DECODE_SHAPE = {seq: char for char, seq in _SHAPES.items()}


def _vowel(base: str, shape: str | None, tone: str) -> str:
    char = _DECODE_SHAPE.get(base.lower() + (shape or ""), base.lower())
    if tone:
        char = unicodedata.normalize("NFC", char + TONE_MARKS[_TONES.index(tone)])
    return char.upper() if base.isupper() else char


def _d_run(match: regex.Match[str]) -> str:
    length = len(match.group())
    return "D" * (length % 2) + "Đ" * (length // 2)


def _convert_word(word: str) -> str:
    if word.isupper():
        word = _CAPS_D_RUN.sub(_d_run, word)
    out: list[str] = []
    match = _DD.match(word)
    pos = 0
    if match:
        out.append("Đ" if word[0] == "D" else "đ")
        pos = match.end()
    toned = False
    while pos < len(word):
        char = word[pos]
        if char == "\\":  # the word pattern only lets a backslash precede a character
            out.append(word[pos + 1])
            pos += 2
            continue
        vowel = _VOWEL.match(word, pos)
        if vowel is None:
            out.append(char)
            pos += 1
            continue
        tone = vowel["tone"] or ""
        end = vowel.end()
        if tone and toned:
            tone, end = "", end - 1  # a second tone mark is punctuation or literal text
        toned = toned or bool(tone)
        out.append(_vowel(vowel["base"], vowel["shape"], tone))
        pos = end
    return "".join(out)


def viqr_to_unicode(text: str) -> str:
    """Convert VIQR to Unicode (NFC); text without VIQR marks comes back unchanged.

    >>> viqr_to_unicode("Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam. DDo^.c la^.p")
    'Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập'
    """
    return unicodedata.normalize("NFC", _WORD.sub(lambda m: _convert_word(m.group()), text))


def unicode_to_viqr(text: str) -> str:
    """Write Vietnamese text in VIQR, escaping ASCII that would otherwise read as a mark.

    >>> unicode_to_viqr("Đường Hà Nội.")
    'DDu+o+`ng Ha` No^.i\\\\.'
    """
    out: list[str] = []
    prev_is_vowelish = False
    at_word_start = True
    for i, char in enumerate(unicodedata.normalize("NFC", text)):
        if char in "đĐ":
            out.append("dd" if char == "đ" else "DD")
        elif char in _ENCODE:
            out.append(_ENCODE[char])
        elif char in _MARK_CHARS and prev_is_vowelish:
            out.append("\\" + char)
        elif at_word_start and char in "dD" and text[i + 1 : i + 2] in ("d", "D", "-"):
            out.append(char + "\\")
        else:
            out.append(char)
        prev_is_vowelish = split_tone(char)[0].lower() in "aăâeêioôơuưy"
        at_word_start = not char.isalnum()
    return "".join(out)
