"""Are repair confidences honest? Token confidence against being right, line by line.

A repaired token is judged where its line and the truth line have the same number of
whitespace-separated words (so word *i* of one is word *i* of the other): right when it
equals the truth word (tone-placement-blind, edge punctuation ignored). The expected
calibration error (ECE) is the mean gap between confidence and accuracy over ten
confidence bins, weighted by tokens; 0 is perfect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ocrfix.repair.result import RepairedToken
from ocrfix.text import normalize_tones

_EDGE = ".,;:()“”\"'?!’‘-–"


@dataclass(frozen=True)
class Calibration:
    """Confidences of judged tokens and whether each was right."""

    confidence: np.ndarray
    right: np.ndarray

    def ece(self, bins: int = 10) -> float:
        which = np.clip((self.confidence * bins).astype(int), 0, bins - 1)
        gaps = 0.0
        for b in range(bins):
            inside = which == b
            if inside.any():
                gap = abs(self.confidence[inside].mean() - self.right[inside].mean())
                gaps += inside.sum() * gap
        return float(gaps / max(len(self.confidence), 1))

    def flagged(self, below: float) -> tuple[int, float, float]:
        """Tokens below ``below``: how many, the share of them wrong, the share of all
        wrong tokens they catch."""
        low, wrong = self.confidence < below, ~self.right
        share_wrong = float(wrong[low].mean()) if low.any() else 0.0
        caught = float((wrong & low).sum() / max(wrong.sum(), 1))
        return int(low.sum()), share_wrong, caught


def judge(truth: str, source: str, tokens: Sequence[RepairedToken]) -> Calibration:
    """Judge the tokens of the repair of ``source`` (its lines aligned with ``truth``'s;
    token spans refer to ``source``)."""
    confidence: list[float] = []
    right: list[bool] = []
    truth_lines = truth.split("\n")
    starts = np.cumsum([0] + [len(line) + 1 for line in source.split("\n")])
    spans = _word_spans(source)
    for token in tokens:
        if token.reason not in ("channel+lm", "unchanged") or " " in token.text.strip():
            continue
        line = int(np.searchsorted(starts, token.start, side="right") - 1)
        words = spans.get(line, [])
        truth_words = truth_lines[line].split() if line < len(truth_lines) else []
        if len(words) != len(truth_words):
            continue
        index = next((i for i, (a, b) in enumerate(words) if a <= token.start < b), None)
        if index is None:
            continue
        confidence.append(token.confidence)
        right.append(_same(truth_words[index], token.text))
    return Calibration(np.asarray(confidence, float), np.asarray(right, bool))


def combine(parts: Iterable[Calibration]) -> Calibration:
    parts = list(parts)
    return Calibration(
        np.concatenate([p.confidence for p in parts]) if parts else np.zeros(0),
        np.concatenate([p.right for p in parts]) if parts else np.zeros(0, bool),
    )


def _same(truth: str, output: str) -> bool:
    return normalize_tones(truth.strip(_EDGE)) == normalize_tones(output.strip(_EDGE))


def _word_spans(text: str) -> dict[int, list[tuple[int, int]]]:
    """Per line, the absolute (start, end) of each whitespace-separated word."""
    spans: dict[int, list[tuple[int, int]]] = {}
    offset = 0
    for number, line in enumerate(text.split("\n")):
        position, words = 0, []
        for word in line.split():
            start = line.index(word, position)
            words.append((offset + start, offset + start + len(word)))
            position = start + len(word)
        spans[number] = words
        offset += len(line) + 1
    return spans
