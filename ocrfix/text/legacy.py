"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows, VIQR): detect and convert to Unicode.

Old office files reach us read as cp1252 (or latin-1), so their text is mojibake such as
``"Céng hßa x· héi"`` (TCVN3) or ``"Coäng hoøa xaõ hoäi"`` (VNI). :func:`convert` maps that
text back to Unicode; :func:`detect_legacy` says which encoding, if any, the text is in,
by how many words turn into valid Vietnamese syllables, so Unicode Vietnamese and English
are left alone. Tables and their limits: :mod:`ocrfix.text.legacy_tables`.

Where the bytes do not say, we guess, and document it:

- TCVN3 capitals typed in the .VnTimeH font are lower-case codes; a word is put in
  capitals when its ASCII letters are (``CéNG`` → CỘNG) or its line is in capitals.
- VN1 capitals at 0x80-0x9F are also Windows punctuation; quotes count as letters only
  inside a word (or, opening ones, right after a letter), dashes only touching a letter.
- VIQR follows RFC 1456: a mark right after a vowel is a mark (see :mod:`.legacy_viqr`).

>>> convert("Céng hßa x· héi chñ nghÜa ViÖt Nam", "tcvn3")
'Cộng hòa xã hội chủ nghĩa Việt Nam'
>>> detect_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
'vni'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Literal

import regex

from ocrfix.text.legacy_tables import TCVN3_ENCODE, VNI_ENCODE
from ocrfix.text.legacy_viqr import unicode_to_viqr, viqr_to_unicode
from ocrfix.text.syllable import TONE_STYLES, compose, parse_syllable

LegacyEncoding = Literal["tcvn3", "vni", "viqr"]
LEGACY_ENCODINGS: tuple[LegacyEncoding, ...] = ("tcvn3", "vni", "viqr")

# cp1252 shows bytes 0x80-0x9F as these characters; VN1 puts capitals there. Letter-like
# ones are always capitals in TCVN3 text; opening quotes (Ị Ỏ) after a letter; closing
# quotes and the ellipsis (Ò Õ Ặ) only inside a word; other punctuation when it touches
# a letter.
_CP1252_C1 = {chr(b): bytes([b]).decode("cp1252") for b in range(0x80, 0xA0)
              if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}  # fmt: skip
_CP1252_LETTERLIKE = frozenset("ƒŠŒŽšœžŸˆ˜™")
_CP1252_OPENING = "‘“"
_CP1252_CLOSING = "’”…"
_LATIN1_TO_CP1252 = str.maketrans(_CP1252_C1)

_TCVN3_DECODE = {code: char for char, code in TCVN3_ENCODE.items()}
_TCVN3_DECODE.update(
    {shown: _TCVN3_DECODE[raw] for raw, shown in _CP1252_C1.items() if shown in _CP1252_LETTERLIKE}
)
_TCVN3_PUNCT = {shown: _TCVN3_DECODE[raw] for raw, shown in _CP1252_C1.items()
                if shown not in _CP1252_LETTERLIKE}  # fmt: skip
_TCVN3_TABLE = str.maketrans(_TCVN3_DECODE)
_OTHER_PUNCT = regex.escape(
    "".join(c for c in _TCVN3_PUNCT if c not in _CP1252_OPENING + _CP1252_CLOSING)
)
_TCVN3_PUNCT_AS_LETTER = regex.compile(
    rf"(?<=\p{{L}})[{_CP1252_OPENING}]|(?<=\p{{L}})[{_CP1252_CLOSING}](?=\p{{L}})"
    rf"|(?<=\p{{L}})[{_OTHER_PUNCT}]|[{_OTHER_PUNCT}](?=\p{{L}})"
)
# VN1 also writes tone marks as separate bytes 0xB0-0xB4 after a vowel (° ± ² ³ ´).
_VN1_COMBINING = {"\xb0": "\u0300", "\xb1": "\u0309", "\xb2": "\u0303", "\xb3": "\u0301",
                  "\xb4": "\u0323"}  # fmt: skip
_VN1_MARK_AFTER_VOWEL = regex.compile(r"(?<=[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY])[\xb0-\xb4]")

_VNI_DECODE: dict[str, str] = {}
for _char, _seq in VNI_ENCODE.items():
    _VNI_DECODE[_seq] = _char
    if len(_seq) == 2:  # a mark byte typed in the other case still belongs to its base
        _VNI_DECODE.setdefault(_seq[0] + _seq[1].swapcase(), _char)
_VNI_PATTERN = regex.compile(
    "|".join(regex.escape(s) for s in sorted(_VNI_DECODE, key=len, reverse=True))
)

_WORD = regex.compile(r"\p{L}+")
_ASCII_UPPER = regex.compile(r"[A-Z]")
_ASCII_LOWER = regex.compile(r"[a-z]")
_TOKEN_EDGE = regex.compile(r"^[\W\d_]+|[\W\d_]+$")
# Before conversion only plain punctuation comes off a word: legacy codes such as "¸" (á)
# and VIQR marks other than . ? ' stay, so "¸o" or "a`" is no syllable yet.
_PUNCT = regex.escape("!\"#$%&'*,./:;<=>?@[]_{|}-“”‘’«»–—…")
_RAW_TOKEN_EDGE = regex.compile(rf"^[{_PUNCT}(]+|[{_PUNCT})]+$")
_DETECT_TOKENS = 4000  # enough words to decide; keeps detection fast on long files
_MIN_GAIN = 0.2  # share of distinct words that must become syllables


def _upper_capitals_font(text: str) -> str:
    """Words typed in .VnTimeH use lower-case codes for capitals: ``CéNG`` means CỘNG.

    A word with two or more ASCII capitals and no ASCII lower case is put in capitals, and
    so is every word without ASCII lower case on a line of capitals (no ASCII lower case
    and at least two such words with Vietnamese letters). Elsewhere one capital (``Sè``) is
    title case: ``Số``.
    """
    return "\n".join(_upper_capitals_line(line) for line in text.split("\n"))


def _upper_capitals_line(line: str) -> str:
    if _ASCII_LOWER.search(line) is None:
        loud = sum(1 for w in _WORD.findall(line) if _is_loud(w) and not w.isascii())
        caps_line = loud >= 2
    else:
        caps_line = False

    def word(match: regex.Match[str]) -> str:
        w = match.group()
        if _ASCII_LOWER.search(w) is None and (caps_line or _is_loud(w)):
            return w.upper()
        return w

    return _WORD.sub(word, line)


def _is_loud(word: str) -> bool:
    return _ASCII_LOWER.search(word) is None and len(_ASCII_UPPER.findall(word)) >= 2


def _tcvn3_to_unicode(text: str) -> str:
    text = text.translate(_TCVN3_TABLE)  # before the punctuation: its output is Unicode
    text = _TCVN3_PUNCT_AS_LETTER.sub(lambda m: _TCVN3_PUNCT[m.group()], text)
    text = _VN1_MARK_AFTER_VOWEL.sub(lambda m: _VN1_COMBINING[m.group()], text)
    return _upper_capitals_font(unicodedata.normalize("NFC", text))


def _vni_to_unicode(text: str) -> str:
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group()], text))


_CONVERTERS: dict[str, Callable[[str], str]] = {
    "tcvn3": _tcvn3_to_unicode,
    "vni": _vni_to_unicode,
    "viqr": viqr_to_unicode,
}


def _check(encoding: str) -> None:
    if encoding not in _CONVERTERS:
        known = ", ".join(LEGACY_ENCODINGS)
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {known}")


def convert(text: str, encoding: str) -> str:
    """Legacy text (bytes read as cp1252 or latin-1) → Unicode NFC.

    >>> convert("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "vni")
    'Cộng hòa xã hội chủ nghĩa Việt Nam'
    >>> convert("CéNG HßA", "tcvn3")  # .VnTimeH capitals
    'CỘNG HÒA'
    """
    _check(encoding)
    return _CONVERTERS[encoding](text)


def encode(text: str, encoding: str) -> str:
    """Unicode → legacy text as a latin-1 reading of its bytes shows it (inverse of convert).

    TCVN3 capitals outside VN3 use their VN1 codes. Characters the encoding lacks pass
    through, so only Vietnamese letters and ASCII round-trip.

    >>> encode("Việt Nam", "tcvn3"), encode("Việt Nam", "vni"), encode("Việt Nam", "viqr")
    ('ViÖt Nam', 'Vieät Nam', 'Vie^.t Nam')
    """
    _check(encoding)
    text = unicodedata.normalize("NFC", text)
    if encoding == "viqr":
        return unicode_to_viqr(text)
    table = TCVN3_ENCODE if encoding == "tcvn3" else VNI_ENCODE
    return "".join(table.get(c, c) for c in text)


def encode_bytes(text: str, encoding: str) -> bytes:
    """Bytes of a legacy file holding ``text`` (for tests and samples); "?" for what cp1252
    lacks."""
    legacy = encode(text, encoding)
    return b"".join(
        bytes([ord(c)]) if ord(c) < 0x100 else c.encode("cp1252", errors="replace")
        for c in legacy
    )


def decode_cp1252(data: bytes) -> str:
    """Bytes as Windows shows them (cp1252); the five bytes cp1252 leaves undefined as latin-1."""
    return data.decode("latin-1").translate(_LATIN1_TO_CP1252)


def _is_written_syllable(word: str) -> bool:
    """A valid syllable with its tone mark where one of the conventions puts it ("aỉ" is not)."""
    parsed = parse_syllable(word)
    return parsed is not None and word.lower() in {compose(parsed, s) for s in TONE_STYLES}


def legacy_scores(text: str) -> dict[str, int]:
    """For each encoding: words that become valid syllables minus words that stop being one.

    Only words the conversion changes count, so plain text scores 0 everywhere.
    """
    tokens = text.split()[:_DETECT_TOKENS]
    scores = dict.fromkeys(LEGACY_ENCODINGS, 0)
    for encoding, converter in _CONVERTERS.items():
        for token in dict.fromkeys(tokens):  # each distinct word once
            converted = converter(token)
            if converted != token:
                before = _is_written_syllable(_RAW_TOKEN_EDGE.sub("", token))
                after = _is_written_syllable(_TOKEN_EDGE.sub("", converted))
                scores[encoding] += int(after) - int(before)
    return scores


def detect_legacy(text: str) -> LegacyEncoding | None:
    """``"tcvn3"``, ``"vni"``, ``"viqr"`` when ``text`` is in that encoding, else ``None``.

    The winner must beat the other encodings and turn at least one word in five (distinct
    words) into a syllable, net of the words it breaks; a stray French ``où`` (VNI for
    ``ó``) is not enough. Unicode Vietnamese, ASCII and English score 0 or below.

    >>> detect_legacy("Vie^.t Nam"), detect_legacy("Việt Nam"), detect_legacy("Hello, world.")
    ('viqr', None, None)
    """
    scores = legacy_scores(text)
    best = max(LEGACY_ENCODINGS, key=lambda e: scores[e])
    words = len(set(text.split()[:_DETECT_TOKENS]))
    if scores[best] < max(1.0, _MIN_GAIN * words):
        return None
    if sum(scores[e] == scores[best] for e in LEGACY_ENCODINGS) > 1:
        return None
    return best
