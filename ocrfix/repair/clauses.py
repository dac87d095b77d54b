"""Clause letters in order: Vietnamese points run ``a) b) c) d) đ) e) g)``, and OCR reads
``đ)`` as ``d)``. A ``d)`` point right after a ``d)`` point is ``đ)``."""

from __future__ import annotations

from ocrfix.repair.result import RepairedToken
from ocrfix.repair.tokenize import iter_lines, tokenize


def clause_fixes(text: str) -> list[RepairedToken]:
    """The clause points of ``text`` that the order shows to be ``đ)``, repaired.

    >>> [(t.start, t.text) for t in clause_fixes("c) x\\nd) y\\nd) z\\ne) w\\na) v\\nd) u")]
    [(10, 'đ)')]
    """
    fixes: list[RepairedToken] = []
    last = ""
    for offset, line in iter_lines(text):
        if ")" not in line:  # most lines have no point letter: skip tokenising them
            continue
        for token in tokenize(line, offset):
            if token.kind != "marker" or not token.text.endswith(")"):
                continue
            letter = token.text[0]
            if letter in "dD" and last and last in "dD":
                repaired = ("đ" if letter == "d" else "Đ") + ")"
                fixes.append(RepairedToken(token.text, repaired, token.start, token.end, 1.0,
                                           reason="clause order"))  # fmt: skip
                letter = ""  # a third d) in a row is no đ) again
            last = letter
    return fixes
