"""Hypothesis strategies for Vietnamese text built from the syllable inventory."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from ocrfix.text import inventory

SYLLABLES = inventory("traditional")
BASE_VOWELS = "aăâeêioôơuưy"
#: Every Vietnamese letter with a diacritic or tone, lower and upper case (134 + đ/Đ).
VIETNAMESE_LETTERS = sorted(
    {
        unicodedata.normalize("NFC", base + mark).upper() if upper else
        unicodedata.normalize("NFC", base + mark)
        for base in BASE_VOWELS
        for mark in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
        for upper in (False, True)
    }
    | {"đ", "Đ"}
)

syllables = st.sampled_from(SYLLABLES)


@st.composite
def cased_syllables(draw: st.DrawFn) -> str:
    """A syllable in lower, Title or UPPER case."""
    word = draw(syllables)
    case = draw(st.sampled_from(["lower", "lower", "title", "upper"]))
    return {"lower": word, "title": word[:1].upper() + word[1:], "upper": word.upper()}[case]


@st.composite
def sentences(draw: st.DrawFn, min_words: int = 1, max_words: int = 12) -> str:
    """Words joined by spaces or commas, ending with punctuation, as in running text."""
    words = draw(st.lists(cased_syllables(), min_size=min_words, max_size=max_words))
    gaps = [" ", " ", " ", ", ", "... ", "? ", "! ", " (", ") ", " - "]
    seps = draw(st.lists(st.sampled_from(gaps), min_size=len(words), max_size=len(words)))
    body = "".join(w + s for w, s in zip(words, seps, strict=True)).rstrip(" ,(-")
    return body + draw(st.sampled_from([".", "?", "!", ";", ":", "...", "?!", ")"]))
