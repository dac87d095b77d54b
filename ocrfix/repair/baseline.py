"""The most-frequent-form baseline: each word becomes the commonest syllable with its skeleton.

It ignores context and OCR confusions, so it only helps diacritic-stripped text; it is
kept as the benchmark's floor (the real engine must beat it) and needs only
``dictionaries/syllables.tsv``.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from ocrfix.dictionaries import dictionary_path
from ocrfix.repair.result import RepairConfig, RepairedToken, RepairResult
from ocrfix.text import match_case, normalize_tones, strip_diacritics

_WORD = regex.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def most_frequent_forms() -> dict[str, str]:
    """Skeleton (no diacritics, lower case) → its most frequent syllable."""
    best: dict[str, str] = {}
    with open(dictionary_path("syllables.tsv"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            syllable = line.split("\t", 1)[0]
            best.setdefault(strip_diacritics(syllable), syllable)  # file is most frequent first
    return best


def fix_and_explain(text: str, *, config: RepairConfig | None = None) -> RepairResult:
    """Restore every diacritic-free word to its most frequent form; leave other words alone."""
    config = config or RepairConfig()
    forms = most_frequent_forms()
    tokens: list[RepairedToken] = []
    pieces: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        word = match.group()
        repaired = word
        if strip_diacritics(word) == word and word.lower() in forms:
            repaired = match_case(word, forms[word.lower()])
        repaired = normalize_tones(repaired, config.tone_style)
        pieces.append(text[last : match.start()] + repaired)
        last = match.end()
        tokens.append(
            RepairedToken(
                word, repaired, match.start(), match.end(), 0.5, reason="most frequent form"
            )
        )
    pieces.append(text[last:])
    return RepairResult("".join(pieces), tuple(tokens))


def fix(text: str, *, config: RepairConfig | None = None) -> str:
    """Text only; see :func:`fix_and_explain`."""
    return fix_and_explain(text, config=config).text
