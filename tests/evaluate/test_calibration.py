"""Calibration of repair confidences: judging tokens against truth, ECE, flagged share."""

from __future__ import annotations

import numpy as np
import pytest

from ocrfix.evaluate.calibration import Calibration, combine, judge
from ocrfix.repair.result import RepairedToken


def token(source: str, word: str, text: str, confidence: float) -> RepairedToken:
    start = source.index(word)
    return RepairedToken(word, text, start, start + len(word), confidence, reason="channel+lm")


def test_tokens_are_judged_word_by_word_on_lines_of_equal_length():
    source = "Tam Hop ngay\nthang 12, x4 Tam"
    truth = "Tam Hợp ngày\ntháng 12 xã Tam Hợp"  # second line has one word more: not judged
    tokens = [
        token(source, "Hop", "Hợp", 0.9),
        token(source, "ngay", "ngay", 0.3),  # wrong
        token(source, "x4", "xã", 0.8),
    ]
    judged = judge(truth, source, tokens)
    assert judged.confidence.tolist() == [0.9, 0.3]
    assert judged.right.tolist() == [True, False]


def test_tone_placement_and_edge_punctuation_do_not_count():
    source = "hoa,"
    judged = judge("hoà,", source, [token(source, "hoa,", "hòa,", 0.9)])
    assert judged.right.tolist() == [True]


def test_ece_is_small_when_confidence_matches_accuracy_and_large_when_overconfident():
    honest = Calibration(np.full(10, 0.75), np.array([True] * 7 + [False] * 3))
    assert honest.ece() == pytest.approx(0.05)  # 0.75 said, 0.70 right
    overconfident = Calibration(np.full(4, 0.99), np.array([True, False, False, False]))
    assert overconfident.ece() == pytest.approx(0.74)


def test_flagged_tokens_report_their_error_share_and_what_they_catch():
    c = Calibration(np.array([0.2, 0.5, 0.9, 0.95]), np.array([False, True, False, True]))
    assert c.flagged(0.6) == (2, 0.5, 0.5)
    both = combine([c, c])
    assert len(both.confidence) == 8 and both.flagged(0.6) == (4, 0.5, 0.5)


def test_mark_errors_count_only_syllables_wrong_in_their_marks():
    from ocrfix.evaluate.metrics import mark_errors

    assert mark_errors("Tam Hợp, ngày 24", "Tam Hop, ngay 25") == 2  # 25: not a mark error
    assert mark_errors("hòa bình", "hoà bình") == 0  # tone placement is no error
    assert mark_errors("Kết quả", "Két qua thực") == 2  # the inserted syllable is not counted
