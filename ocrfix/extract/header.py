"""The header block of Decree 30/2020 (Appendix I): issuer on the left, national motto on the right.

OCR often reads the two columns as one line ("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA
VIET NAM"); :func:`split_motto` cuts such a line where the motto begins, found by fuzzy
alignment on the folded text, so the issuer part survives.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from ocrfix.extract.keywords import fold
from ocrfix.extract.layout import Line

MOTTOS = (
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "dang cong san viet nam",
)
_MIN_SCORE = 80.0
HEADER_DEPTH = 14  # the header never runs past this many non-empty lines


@dataclass(frozen=True)
class MottoSplit:
    """A header line cut into the part before the motto and whether a motto was found."""

    left: str
    has_motto: bool


def split_motto(text: str) -> MottoSplit:
    """The text before the national (or Party) motto on ``text``, if the motto is there."""
    folded = fold(text)
    best: tuple[float, int] | None = None
    for motto in MOTTOS:
        if len(folded.strip()) < len(motto) * 0.6:
            continue
        alignment = fuzz.partial_ratio_alignment(motto, folded)
        if alignment is None or alignment.score < _MIN_SCORE:
            continue
        if best is None or alignment.score > best[0]:
            best = (alignment.score, alignment.dest_start)
    if best is None:
        return MottoSplit(text, False)
    cut = best[1]
    while cut > 0 and not text[cut - 1].isspace():  # the motto starts at a word
        cut -= 1
    return MottoSplit(text[:cut].strip(), True)


def header_lines(lines: list[Line]) -> list[Line]:
    """The first non-empty lines of the document, where header fields live."""
    out = [line for line in lines if line.stripped][:HEADER_DEPTH]
    return out
