"""Repaired text per OCR word, so word data and the PDF text layer carry what ``fix`` chose.

The repair engine works on a page's text and answers with spans in it; the page text is
built from the words in reading order (``ocrfix.ocr.layout``). Rebuilding that text here,
with each word's span, lets every repair token land on the word (or words) it came from.

>>> from ocrfix.ocr import OcrWord
>>> from ocrfix.repair import RepairedToken, RepairResult
>>> words = [OcrWord("Số:", (0, 0, 40, 20), 90.0), OcrWord("làxã", (50, 0, 110, 20), 60.0)]
>>> def repair(text):
...     return RepairResult("Số: là xã", (RepairedToken("làxã", "là xã", 4, 8, 0.7),))
>>> [(w.text, w.confidence) for line in repair_lines(words, repair).lines for w in line]
[('Số:', 1.0), ('là xã', 0.7)]
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ocrfix.ocr.layout import order_blocks
from ocrfix.ocr.model import OcrPage, OcrWord
from ocrfix.repair.result import RepairedToken, RepairResult

Repair = Callable[[str], RepairResult]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class RepairedWord:
    """An OCR word with its repaired text (NFC; may hold a space where repair split a glued
    token, or be empty where a repair spanning several words put its text on the first) and
    the lowest confidence of the repair tokens inside it (1.0 when repair saw none)."""

    word: OcrWord
    text: str
    confidence: float = 1.0

    @property
    def changed(self) -> bool:
        return self.text != _nfc(self.word.text)


@dataclass(frozen=True)
class RepairedPage:
    """A page's repaired text and its words, line by line in reading order."""

    text: str
    lines: list[list[RepairedWord]]

    def aligned(self, words: Sequence[OcrWord]) -> list[RepairedWord]:
        """One repaired word per entry of ``words`` (``OcrPage.words`` order); words the
        layout left out (blank ones, stray tone marks) come back unchanged."""
        found = {id(r.word): r for line in self.lines for r in line}
        return [found.get(id(w), RepairedWord(w, _nfc(w.text))) for w in words]


def layout_spans(words: Sequence[OcrWord]) -> tuple[str, list[list[tuple[OcrWord, int, int]]]]:
    """The reading-order text ``ocrfix.ocr.layout.page_text`` makes of ``words`` and, line by
    line, each word with its span in it."""
    pieces: list[str] = []
    lines: list[list[tuple[OcrWord, int, int]]] = []
    pos = 0
    for block in order_blocks(list(words)):
        for index, line in enumerate(block.lines):
            if lines:
                pieces.append("\n" if index else "\n\n")
                pos += len(pieces[-1])
            spans = []
            for i, word in enumerate(line):
                if i:
                    pieces.append(" ")
                    pos += 1
                text = _nfc(word.text)
                pieces.append(text)
                spans.append((word, pos, pos + len(text)))
                pos += len(text)
            lines.append(spans)
    return "".join(pieces), lines


def _pieces(token: RepairedToken, count: int) -> list[str]:
    """The repaired token cut into one piece per word it covers: at its spaces when it has
    as many parts as the original, else all on the first word."""
    parts = token.text.split()
    if count > 1 and len(parts) == count == len(token.original.split()):
        return parts
    return [token.text] + [""] * (count - 1)


def _edits(
    spans: list[tuple[OcrWord, int, int]], tokens: Sequence[RepairedToken]
) -> dict[int, list[tuple[int, int, str, float]]]:
    """Per word index: (start, end, replacement, confidence) of the tokens inside it."""
    starts = [start for _, start, _ in spans]
    edits: dict[int, list[tuple[int, int, str, float]]] = {}
    for token in tokens:
        i = max(bisect.bisect_right(starts, token.start) - 1, 0)
        covered = []
        while i < len(spans) and spans[i][1] < token.end:
            if token.start < spans[i][2]:
                covered.append(i)
            i += 1
        for i, piece in zip(covered, _pieces(token, len(covered)), strict=True):
            _, start, end = spans[i]
            edit = (max(start, token.start), min(end, token.end), piece, token.confidence)
            edits.setdefault(i, []).append(edit)
    return edits


def repair_lines(words: Sequence[OcrWord], repair: Repair) -> RepairedPage:
    """Repair the reading-order text of ``words`` and give each word its share of the result."""
    text, lines = layout_spans(words)
    result = repair(text)
    flat = [span for line in lines for span in line]
    edits = _edits(flat, result.tokens)
    repaired: list[RepairedWord] = []
    for i, (word, start, end) in enumerate(flat):
        out, last, confidence = [], start, 1.0
        for lo, hi, piece, conf in sorted(edits.get(i, ()), key=lambda e: e[0]):
            out += [text[last:lo], piece]
            last, confidence = hi, min(confidence, conf)
        out.append(text[last:end])
        repaired.append(RepairedWord(word, _nfc("".join(out)), confidence))
    it = iter(repaired)
    return RepairedPage(result.text, [[next(it) for _ in line] for line in lines])


def repair_page(page: OcrPage, repair: Repair) -> RepairedPage:
    """A page's repair: by words when it has them, else (a PDF text layer) of its text."""
    if page.words:
        return repair_lines(page.words, repair)
    return RepairedPage(repair(page.text).text if page.text else "", [])
