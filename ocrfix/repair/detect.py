"""What kind of damage a line shows, so clean text is left alone and stripped text is
treated as stripped.

``damage_profile(line)`` gives mixture weights over the channels ``identity``,
``stripped``, ``eng`` and ``vie`` (they sum to 1). It is a softmax over a handful of cheap
features (shares of valid syllables, of lower-case non-syllables, of words with
Vietnamese diacritics, of words whose marks all exist in Latin-1, of words with digits
or symbols inside, of letters Vietnamese does not use, plus "any" flags), with weights
fitted by ``python -m ocrfix.build errormodel`` on dev lines of each kind
(``dictionaries/errormodel/detect.json``). Without that file a documented fallback
rule is used.

>>> profile = damage_profile("Cộng hòa xã hội chủ nghĩa Việt Nam")
>>> max(profile, key=profile.get) in ("identity", "vie")
True
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

import regex

from ocrfix.dictionaries import dictionaries_dir
from ocrfix.text import parse_syllable, strip_diacritics

CLASSES = ("identity", "stripped", "eng", "vie")
FEATURES = (
    "valid", "invalid", "diacritics", "invalid_diacritics", "latin1_marks", "symbols",
    "foreign", "short", "any_invalid", "any_latin1", "any_symbols",
)  # fmt: skip
FLOOR = 0.01  # no channel is ever ruled out completely
PRIOR_WORDS = 20.0  # weight of a whole text's profile in a passage's, in words

_TOKEN = regex.compile(r"\S+")
_EDGES = ".,;:!?()[]\"'“”‘’-–…"
_WORD = regex.compile(r"\p{L}+")
_SYMBOL_INSIDE = regex.compile(r"\p{L}[^\p{L}\s/.,;:()\-]|[^\p{L}\s/.,;:()\-]\p{L}")
_FOREIGN = regex.compile(r"[fjwzFJWZ]")
# Marks an English OCR model can produce (é, ò, ...); Vietnamese words with diacritics
# usually have at least one it cannot (ạ, ả, ơ, ư, đ, ...).
_LATIN1_ONLY = regex.compile(r"[a-zA-Zàáâãèéêìíòóôõùúýç ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝÇ]+")

# Used when detect.json is missing: weights that reproduce the obvious cases.
_FALLBACK = {
    "identity": {"bias": -2.0, "valid": 3.0, "diacritics": 4.0, "invalid_diacritics": -6.0},
    "stripped": {"bias": -1.0, "valid": 4.0, "diacritics": -6.0, "symbols": -6.0},
    "eng": {"bias": 0.0, "invalid_diacritics": 3.0, "symbols": 6.0, "foreign": 6.0},
    "vie": {"bias": -2.0, "valid": 2.0, "diacritics": 4.0},
}


def features(line: str) -> dict[str, float]:
    """Cheap per-line evidence: shares of the line's word tokens, and 0/1 "any" flags."""
    facts = [f for f in map(_facts, _TOKEN.findall(line)) if f is not None]
    if not facts:
        return dict.fromkeys(FEATURES, 0.0) | {"short": 1.0}
    n = len(facts)
    sums = map(sum, zip(*facts, strict=True))
    valid, invalid, marked, invalid_marked, latin1, symbols, foreign = sums
    return {
        "valid": valid / n,
        "invalid": invalid / n,
        "diacritics": marked / n,
        "invalid_diacritics": invalid_marked / n,
        "latin1_marks": latin1 / n,
        "symbols": symbols / n,
        "foreign": foreign / n,
        "short": 1.0 / n,
        "any_invalid": float(invalid > 0),
        "any_latin1": float(latin1 > 0),
        "any_symbols": float(symbols > 0),
    }


@lru_cache(maxsize=262144)
def _facts(token: str) -> tuple[int, int, int, int, int, int, int] | None:
    """What one whitespace token says (None if it has no letter): valid syllable, invalid
    lower-case word, marked, marked but invalid, Latin-1 marks only, symbol inside a word,
    foreign letter. Cached: a document repeats its words."""
    t = token.strip(_EDGES)
    if not _WORD.search(t):
        return None
    symbols = int(bool(_SYMBOL_INSIDE.search(t)))
    if not _WORD.fullmatch(t):
        return 0, 0, 0, 0, 0, symbols, 0
    valid = parse_syllable(t) is not None
    marked = strip_diacritics(t) != t
    return (
        int(valid),
        int(not t.isupper() and not valid),
        int(marked),
        int(marked and not valid),
        int(marked and bool(_LATIN1_ONLY.fullmatch(t))),
        symbols,
        int(bool(_FOREIGN.search(t))),
    )


@lru_cache(maxsize=1)
def _weights() -> dict[str, dict[str, float]]:
    path = dictionaries_dir() / "errormodel" / "detect.json"
    if not path.exists():
        return _FALLBACK
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["weights"]


def damage_profile(line: str) -> dict[str, float]:
    """Weights of the channels ``identity``/``stripped``/``eng``/``vie`` for one line."""
    return predict(features(line), _weights())


def word_count(text: str) -> int:
    """Tokens of ``text`` with a letter: what a profile of it is estimated from."""
    return sum(_facts(t) is not None for t in _TOKEN.findall(text))


def damage_profile_within(
    line: str, whole: dict[str, float], prior_words: float = PRIOR_WORDS
) -> dict[str, float]:
    """:func:`damage_profile` of a passage of a longer text whose profile is ``whole``,
    drawn towards it as if ``whole`` had been seen on ``prior_words`` more words.

    A text is usually damaged one way throughout (one scanner, one OCR model), and a
    short line says little: ``Phó CTr. Đặng Ngọc Minh`` alone looks like English OCR,
    whose channel then reads ``CTr`` as ``Cử`` in a page Tesseract ``vie`` read right.
    """
    words = word_count(line)
    own = words / (words + prior_words)
    profile = damage_profile(line)
    return {c: own * profile[c] + (1.0 - own) * whole[c] for c in CLASSES}


def predict(feats: dict[str, float], weights: dict[str, dict[str, float]]) -> dict[str, float]:
    """Softmax of linear scores, floored at ``FLOOR`` and renormalised."""
    scores = {
        c: weights[c].get("bias", 0.0) + sum(weights[c].get(f, 0.0) * v for f, v in feats.items())
        for c in CLASSES
    }
    top = max(scores.values())
    exp = {c: math.exp(s - top) for c, s in scores.items()}
    total = sum(exp.values())
    floored = {c: max(e / total, FLOOR) for c, e in exp.items()}
    norm = sum(floored.values())
    return {c: round(p / norm, 4) for c, p in floored.items()}
