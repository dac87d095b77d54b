"""Syllable accuracy, character accuracy and word error rate, tone-placement-blind.

Both texts are put in NFC with one tone convention first, so ``hòa`` and ``hoà`` match.

- syllables: runs of letters or digits (``1909 /BC-UBND`` and ``1909/BC-UBND`` both give
  1909, BC, UBND), so spacing around punctuation does not count; case does.
- syllable accuracy = 1 - (substitutions + deletions + insertions) / syllables in truth,
  floored at 0: the complement of the syllable error rate.
- character accuracy: the same over characters, whitespace runs folded to one space.
- word error rate: over whitespace-separated tokens, punctuation attached.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from rapidfuzz.distance import Levenshtein

from ocrfix.text import normalize_tones, strip_diacritics

_SYLLABLE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_SPACES = regex.compile(r"\s+")


def _canon(text: str, ignore_case: bool) -> str:
    text = normalize_tones(text)
    return text.lower() if ignore_case else text


def syllables(text: str) -> list[str]:
    """The syllable tokens of ``text`` as scored."""
    return _SYLLABLE.findall(text)


@dataclass(frozen=True)
class Score:
    """Edit counts behind each metric, so scores of many files add up (micro-average)."""

    syllables: int = 0
    syllable_errors: int = 0
    chars: int = 0
    char_errors: int = 0
    words: int = 0
    word_errors: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(self.counts(), other.counts(), strict=True)))

    def counts(self) -> tuple[int, ...]:
        return (
            self.syllables, self.syllable_errors, self.chars,
            self.char_errors, self.words, self.word_errors,
        )  # fmt: skip

    @property
    def syllable_accuracy(self) -> float:
        return _accuracy(self.syllable_errors, self.syllables)

    @property
    def char_accuracy(self) -> float:
        return _accuracy(self.char_errors, self.chars)

    @property
    def word_error_rate(self) -> float:
        if self.words == 0:
            return 0.0 if self.word_errors == 0 else 1.0
        return self.word_errors / self.words

    def as_dict(self) -> dict[str, float | int]:
        return {
            "syllable_accuracy": round(self.syllable_accuracy, 6),
            "char_accuracy": round(self.char_accuracy, 6),
            "word_error_rate": round(self.word_error_rate, 6),
            "syllables": self.syllables,
            "syllable_errors": self.syllable_errors,
            "chars": self.chars,
            "char_errors": self.char_errors,
            "words": self.words,
            "word_errors": self.word_errors,
        }


def _accuracy(errors: int, total: int) -> float:
    if total == 0:
        return 1.0 if errors == 0 else 0.0
    return max(0.0, 1.0 - errors / total)


def score_texts(truth: str, hyp: str, *, ignore_case: bool = False) -> Score:
    """All edit counts of ``hyp`` against ``truth``."""
    truth, hyp = _canon(truth, ignore_case), _canon(hyp, ignore_case)
    t_syl, h_syl = syllables(truth), syllables(hyp)
    t_chars = _SPACES.sub(" ", truth).strip()
    h_chars = _SPACES.sub(" ", hyp).strip()
    t_words, h_words = truth.split(), hyp.split()
    return Score(
        syllables=len(t_syl),
        syllable_errors=Levenshtein.distance(t_syl, h_syl),
        chars=len(t_chars),
        char_errors=Levenshtein.distance(t_chars, h_chars),
        words=len(t_words),
        word_errors=Levenshtein.distance(t_words, h_words),
    )


def syllable_accuracy(truth: str, hyp: str, *, ignore_case: bool = False) -> float:
    """Share of truth syllables right (1 - syllable error rate).

    >>> syllable_accuracy("Tam Hợp, ngày 24", "Tam Hgp, ngày 24")
    0.75
    """
    return score_texts(truth, hyp, ignore_case=ignore_case).syllable_accuracy


def char_accuracy(truth: str, hyp: str, *, ignore_case: bool = False) -> float:
    """Share of truth characters right; tone placement does not count.

    >>> char_accuracy("hòa", "hoà")
    1.0
    """
    return score_texts(truth, hyp, ignore_case=ignore_case).char_accuracy


def word_error_rate(truth: str, hyp: str, *, ignore_case: bool = False) -> float:
    """Word edits per truth word.

    >>> word_error_rate("a b c d", "a x c d")
    0.25
    """
    return score_texts(truth, hyp, ignore_case=ignore_case).word_error_rate


def mark_errors(truth: str, hyp: str) -> int:
    """Syllables of ``hyp`` that differ from the truth only in their marks (``Hop`` for
    ``Hợp``, ``hiến`` for ``hiện``): the errors a diacritic repair is for.

    >>> mark_errors("Tam Hợp, ngày 24", "Tam Hop, ngay 25")
    2
    """
    t_syl, h_syl = syllables(_canon(truth, False)), syllables(_canon(hyp, False))
    t_bare, h_bare = [strip_diacritics(w) for w in t_syl], [strip_diacritics(w) for w in h_syl]
    count = 0  # aligned on the letters without marks, so such syllables always pair up
    for tag, a1, a2, b1, _ in Levenshtein.opcodes(t_bare, h_bare):
        if tag == "equal":
            count += sum(a != b for a, b in zip(t_syl[a1:a2], h_syl[b1:], strict=False))
    return count
