"""Split text into typed tokens with exact spans, so a repair can rewrite words and nothing else.

Whitespace is not a token: the text between tokens (spaces, tabs, line breaks) is copied
through verbatim by whoever rebuilds the text. Kinds:

- ``url``, ``email``: kept whole;
- ``symbol``: a document number and symbol (``1909/BC-UBND``, ``05-NQ/TU``,
  ``01/2023/TT-VPCP``, ``596/TTr-SNN&MT``); its digits are kept, its letter codes may be
  repaired;
- ``date`` (``15/7/2021``), ``number`` (``2025``, ``1.000``, ``3,5%``), ``unit``
  (``m2``, ``km2``, ``m3``: not ``d3`` for ``đã``);
- ``code``: a letter group joined to others by ``-`` or ``/`` (``QĐ-UBND``, ``V/v``), or
  by ``&`` to a capitalised one (``NN&PTNT``); numbered lots joined so (``A8-A9``);
- ``marker``: a list marker ``b)`` or an initial ``M.`` before a name (``M.Cường``);
- ``word``: anything else made of letters, digits and the marks OCR leaves for lost
  letters (``S6``, ``d&``, ``x@``, ``$6``): what the channel reads;
- ``punct``: everything else (one character each, runs of dots together).

>>> [(t.kind, t.text) for t in tokenize("Số: 1909/BC-UBND, ngày 15/7/2021 (x@ Tam)")]
... # doctest: +NORMALIZE_WHITESPACE
[('word', 'Số'), ('punct', ':'), ('symbol', '1909/BC-UBND'), ('punct', ','),
 ('word', 'ngày'), ('date', '15/7/2021'), ('punct', '('), ('word', 'x@'), ('word', 'Tam'),
 ('punct', ')')]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import regex

_LETTERS = r"[\p{L}\p{M}]"
_WORDCHAR = r"[\p{L}\p{M}\d$@&¢]"
_CODE = r"\p{Lu}[\p{L}\p{M}]*"  # QĐ, UBND, TTg, BNNMT
# joins letter groups of a code: QĐ-UBND, V/v, and NN&PTNT (``&`` only before a capital:
# OCR leaves ``&`` for lost letters inside words, ``d&``)
_JOINED = rf"(?:[-/]{_LETTERS}+|&{_CODE})"
_PATTERNS = (
    ("url", r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]]"),
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # number, optional year, then codes: 1909/BC-UBND, 05-NQ/TU, 01/2023/TT-VPCP, 9476 /BNNMT-CNTY
    ("symbol", rf"\d+[a-z]?(?:/\d{{4}})?\s?[/-]{_LETTERS}+{_JOINED}*"),
    ("date", r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?!\d)"),
    ("number", r"\d+(?:[.,]\d+)*%?(?!" + _WORDCHAR + ")"),
    ("unit", r"(?<![\p{L}\p{M}\d])[kcdm]?m[23](?![\p{L}\p{M}\d])"),
    ("code", rf"{_CODE}{_JOINED}+|\p{{L}}/\p{{L}}+|\p{{Lu}}+\d+(?:[-/]\p{{Lu}}+\d+)+"),
    ("marker", r"(?<![\p{L}\p{M}\d])\p{L}\)|\p{Lu}\.(?=\p{Lu})"),
    ("word", rf"{_WORDCHAR}+"),
    ("punct", r"\.{2,}|…|\S"),
)
_TOKEN = regex.compile("|".join(f"(?P<{kind}>{p})" for kind, p in _PATTERNS))
_LINE = regex.compile(r"[^\n]*\n?")


class Token(NamedTuple):
    """One token: ``text == source[start:end]``."""

    kind: str
    text: str
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text`` in order; spans are shifted by ``offset``."""
    return [
        Token(m.lastgroup or "punct", m.group(), m.start() + offset, m.end() + offset)
        for m in _TOKEN.finditer(text)
    ]


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line without its line break) for every line."""
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            continue
        yield m.start(), m.group().rstrip("\r\n")


#: A line that starts a new item (``- Lưu``, ``1.``, ``a)``, ``II.``) is never a wrapped one.
_ITEM = regex.compile(r"\s*(?:[-+•*–—]|\d+[.)]|\p{Ll}\)|[IVXLC]+\.)(?:\s|$)")


def iter_passages(text: str, max_lines: int = 12) -> Iterator[list[tuple[int, str]]]:
    r"""Runs of lines decoded as one passage: a line runs on into the next when it is as
    long as most lines of the text (``WRAPPED_SHARE`` of the 80th percentile), so it was
    cut by the margin, and the next line is not blank and starts no new item; at most
    ``max_lines`` lines.

    Scanned text wraps sentences at the page margin (``... ban hành ngay`` /
    ``23/6/2014``); decoding each line alone would make every margin a sentence end and
    hide the next line's words from the language model. Short lines (headings, table
    cells, a clause letter alone) stay alone. Sentence punctuation still ends sentences
    inside a passage.

    >>> text = "mot hai ba bon\nnam sau bay tam\nchin\n- muoi mot hai\nba\nc"
    >>> [[line for _, line in p] for p in iter_passages(text)]
    [['mot hai ba bon', 'nam sau bay tam', 'chin'], ['- muoi mot hai', 'ba'], ['c']]
    """
    lines = list(iter_lines(text))
    lengths = sorted(len(line.strip()) for _, line in lines if line.strip())
    full = lengths[int(0.8 * (len(lengths) - 1))] if lengths else 0
    passage: list[tuple[int, str]] = []
    for offset, line in lines:
        runs_on = (
            passage
            and len(passage) < max_lines
            and len(passage[-1][1].strip()) >= WRAPPED_SHARE * full
            and line.strip()
            and not _ITEM.match(line)
        )
        if passage and not runs_on:
            yield passage
            passage = []
        if line.strip():
            passage.append((offset, line))
    if passage:
        yield passage


#: A line at least this share of the text's usual full line length was wrapped.
WRAPPED_SHARE = 0.6
