"""Clause letters: the second ``d)`` of a run of points is ``đ)``; nothing else changes."""

from __future__ import annotations

from ocrfix.repair.clauses import clause_fixes


def test_second_d_in_a_row_becomes_d_with_stroke():
    text = "a) Một\nb) Hai\nc) Ba\nd) Bốn\nd) Năm\ne) Sáu\n"
    fixes = clause_fixes(text)
    assert [(f.original, f.text) for f in fixes] == [("d)", "đ)")]
    assert text[fixes[0].start : fixes[0].end] == "d)"
    assert text.index("d) Năm") == fixes[0].start


def test_a_new_list_or_a_single_d_is_left_alone():
    assert clause_fixes("c) x\nd) y\ne) z\na) v\nd) u\n") == []
    assert clause_fixes("d) một\nd) hai\nd) ba\n")[0].start == len("d) một\n")  # only one
    assert len(clause_fixes("d) một\nd) hai\nd) ba\n")) == 1
    assert clause_fixes("Điều kiện d) và đ) của khoản 1") == []  # đ) already right
