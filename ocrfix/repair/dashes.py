"""List dashes: Vietnamese documents open list items with ``- `` (the "Nơi nhận" list, the
items of a report), and OCR often reads that dash as ``~``. Of the dev OCR lines that
start with ``~``, the printed line started with a dash in 13 of 13 (Tesseract ``vie``) and
11 of 12 (``eng``). A ``~`` opening a line and followed by a space is put back as ``-``."""

from __future__ import annotations

import regex

from ocrfix.repair.result import RepairedToken

_LEADING_TILDE = regex.compile(r"^[ \t]*(~)(?=[ \t])", regex.MULTILINE)


def dash_fixes(text: str) -> list[RepairedToken]:
    """The line-opening ``~`` of ``text``, repaired to ``-``.

    >>> [(t.start, t.text) for t in dash_fixes("~ Như trên;\\n  ~ Lưu: VT.\\nx ~ y\\n~5")]
    [(0, '-'), (14, '-')]
    """
    return [
        RepairedToken("~", "-", m.start(1), m.end(1), 1.0, reason="list dash")
        for m in _LEADING_TILDE.finditer(text)
    ]
