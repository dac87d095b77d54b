"""Accuracy of a text against its truth (``ocrfix eval``)."""

from ocrfix.evaluate.metrics import (
    Score,
    char_accuracy,
    score_texts,
    syllable_accuracy,
    word_error_rate,
)

__all__ = ["Score", "char_accuracy", "score_texts", "syllable_accuracy", "word_error_rate"]
