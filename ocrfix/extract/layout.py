"""Lines of a document with their offsets, and the evidence records that point into them."""

from __future__ import annotations

from dataclasses import dataclass

from ocrfix.extract.keywords import fold


@dataclass(frozen=True)
class Line:
    """One line of the text: 1-based ``number``, character offset ``start`` of its first char."""

    number: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def stripped(self) -> str:
        return self.text.strip()


DOUBLE_SPACED = 0.6  # share of text lines followed by a blank line


def split_lines(text: str) -> list[Line]:
    """The lines of ``text`` (newline excluded) with their positions.

    Some OCR output (Tesseract's sparse-text modes) puts a blank line after every printed
    line; there blank lines say nothing about blocks, so they are dropped, while each
    line keeps its number and offset in the original text for evidence.
    """
    lines, offset = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        lines.append(Line(number, offset, raw.rstrip("\r")))
        offset += len(raw) + 1
    return [line for line in lines if line.stripped] if _double_spaced(lines) else lines


def _double_spaced(lines: list[Line]) -> bool:
    text_lines = [i for i, line in enumerate(lines[:-1]) if line.stripped]
    if len(text_lines) < 4:
        return False
    followed_by_blank = sum(1 for i in text_lines if not lines[i + 1].stripped)
    return followed_by_blank / len(text_lines) >= DOUBLE_SPACED


def evidence(
    first: Line, last: Line | None = None, *, start: int = 0, end: int | None = None
) -> dict:
    """Where a value was read: first line number and the character span in the whole text.

    ``start`` is a column in ``first``; ``end`` a column in ``last`` (default: its end).
    """
    last = last or first
    stop = last.start + (len(last.text) if end is None else end)
    begin = first.start + start
    return {"line": first.number, "start": begin, "end": stop}
