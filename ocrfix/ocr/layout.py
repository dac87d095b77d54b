"""Reading order of a page from word boxes.

Words are grouped into visual rows, line by line as the engine read them (it follows a line
tilted by a photo's perspective, and tells apart small print spaced closer than a word is
tall; a "line" of tone marks alone is dropped); a row whose words fall apart at one wide gap
is a two-column row. Consecutive two-column rows (with the one-column rows that sit wholly
in one of their columns, such as "V/v ..." under "Số: ...", and rows cut at a narrower gap
that lies between the columns) form a zone, read left column first, then right column: the
issuer and the national motto of an administrative header, or the recipients and the
signature block of its footer, never end up glued on one line. Other rows are read top to
bottom; rows with three or more parts (tables) are read across.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, field
from statistics import median

from ocrfix.ocr.model import OcrWord

COLUMN_GAP = 2.5  # a gap this many word heights wide separates columns
JOIN_GAP = 1.2  # a one-column row this close (in word heights) continues a column
ZONE_GAP = 3.0  # a two-column row this close continues the zone (across a blank line)


@dataclass
class Row:
    """Words on one visual line, left to right, split into parts at column gaps."""

    parts: list[list[OcrWord]]

    @property
    def top(self) -> int:
        return min(w.box[1] for p in self.parts for w in p)

    @property
    def bottom(self) -> int:
        return max(w.box[3] for p in self.parts for w in p)


@dataclass
class Block:
    """Lines read as a unit: a column of a zone, or a run of full-width rows."""

    kind: str  # "left", "right" or "rows"
    lines: list[list[OcrWord]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(" ".join(w.text for w in line) for line in self.lines)


def _centre(words: list[OcrWord]) -> float:
    return median((w.box[1] + w.box[3]) / 2 for w in words)


def _engine_lines(words: list[OcrWord]) -> list[list[OcrWord]]:
    """The engine's own lines (Tesseract follows a line tilted by a phone photo, and tells
    apart small print spaced closer than a word is tall); words without ids stand alone."""
    lines: dict[tuple[int, ...], list[OcrWord]] = {}
    for i, word in enumerate(words):
        key = (word.block, word.par, word.line) if word.block else (0, i)
        lines.setdefault(key, []).append(word)
    return list(lines.values())


def _is_stray_marks(line: list[OcrWord], height: float) -> bool:
    """A line of nothing but tiny one- or two-character marks: tone marks of the line below
    that Tesseract read on their own (``2``, ``^``, a backquote)."""
    return all(w.height < 0.4 * height and len(w.text) <= 2 for w in line)


def _rows(words: list[OcrWord], height: float) -> list[list[OcrWord]]:
    """Cluster the engine's lines into visual rows by vertical position, top to bottom;
    two lines of one paragraph never share a row."""
    rows: list[list[OcrWord]] = []
    mids: list[float] = []
    paragraphs: list[set[tuple[int, int]]] = []
    lines = [ln for ln in _engine_lines(words) if not _is_stray_marks(ln, height)]
    for line in sorted(lines, key=_centre):
        centre, paragraph = _centre(line), (line[0].block, line[0].par)
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            same_paragraph = line[0].block > 0 and paragraph in paragraphs[i]
            if (not same_paragraph and abs(centre - mids[i]) <= 0.65 * height
                    and not _lies_across(line, rows[i])):  # fmt: skip
                rows[i] += line
                paragraphs[i].add(paragraph)
                mids[i] = _centre(rows[i])  # the row's core band, not tall outliers
                break
        else:
            rows.append(list(line))
            mids.append(centre)
            paragraphs.append({paragraph})
    return [sorted(r, key=lambda w: w.box[0]) for r in rows]


def _lies_across(line: list[OcrWord], row: list[OcrWord]) -> bool:
    """Whether ``line`` lies across words of ``row`` (over a third of its width) rather
    than beside them: two lines close in height, such as a title line that only a second
    reading of uncovered ink found (its boxes taller than the print) under a line of the
    first reading, which merged word by word into one row (a dev fax page)."""
    width = sum(w.box[2] - w.box[0] for w in line)
    shared = sum(
        max(0, min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])) for a in line for b in row
    )
    return shared > width / 3


def _split(row: list[OcrWord], gap: float) -> list[list[OcrWord]]:
    """``row`` cut at spaces wider than ``gap``. A part without a letter or digit is no
    column: it joins the part before it (the one after it, at the row's start). The edge
    of a photographed sheet read as ``|`` left of a list made the list the right column of
    a zone, which the signature block's row then cut in two (a dev photo page)."""
    parts = [[row[0]]]
    for prev, word in itertools.pairwise(row):
        if word.box[0] - prev.box[2] > gap:
            parts.append([word])
        else:
            parts[-1].append(word)
    merged: list[list[OcrWord]] = []
    for part in parts:
        if merged and (not _has_text(merged[-1]) or not _has_text(part)):
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def _has_text(words: list[OcrWord]) -> bool:
    return any(ch.isalnum() for w in words for ch in w.text)


def _extent(words: list[OcrWord]) -> tuple[int, int, int, int]:
    return (min(w.box[0] for w in words), min(w.box[1] for w in words),
            max(w.box[2] for w in words), max(w.box[3] for w in words))  # fmt: skip


@dataclass
class _Zone:
    """A two-column stretch being read: its columns and the free band between them."""

    left: Block
    right: Block
    left_end: int
    right_start: int

    def add_row(self, row: Row) -> None:
        self.left.lines.append(row.parts[0])
        self.right.lines.append(row.parts[1])
        self.left_end = max(self.left_end, _extent(row.parts[0])[2])
        self.right_start = min(self.right_start, _extent(row.parts[1])[0])

    def column(self, line: list[OcrWord]) -> Block | None:
        """The column a one-part line sits wholly inside, if any."""
        left, _, right, _ = _extent(line)
        if right < self.right_start:
            return self.left
        if left > self.left_end:
            return self.right
        return None

    def halves(self, line: list[OcrWord], gap: float) -> tuple[list, list] | None:
        """A line across both columns cut at a space wider than ``gap`` that lies in the free
        band between them (a long issuer name printed close to the national name)."""
        for i, (prev, word) in enumerate(itertools.pairwise(line), 1):
            if (word.box[0] - prev.box[2] > gap and prev.box[2] < self.right_start
                    and word.box[0] > self.left_end):  # fmt: skip
                return line[:i], line[i:]
        return None

    def take(self, line: list[OcrWord], gap: float, *, above: bool = False) -> bool:
        """Add ``line`` (above the zone, or below it) to the column it sits in, or cut it
        between them; False if it belongs to neither."""
        column = self.column(line)
        if column is not None:
            pieces = [(column, line)]
        elif (halves := self.halves(line, gap)) is not None:
            pieces = [(self.left, halves[0]), (self.right, halves[1])]
        else:
            return False
        for block, piece in pieces:
            block.lines.insert(0 if above else len(block.lines), piece)
        return True


def _start_zone(row: Row, blocks: list[Block], join: float) -> _Zone:
    """A zone from a two-column row, taking over the lines just above it that sit in one
    of its columns (a signature title printed a little higher than "Nơi nhận:")."""
    zone = _Zone(Block("left"), Block("right"), 0, 1 << 30)
    zone.add_row(row)
    top = row.top
    while blocks and blocks[-1].kind == "rows":
        line = blocks[-1].lines[-1]
        _, line_top, _, line_bottom = _extent(line)
        if top - line_bottom > join or not zone.take(line, join, above=True):
            break
        blocks[-1].lines.pop()
        top = line_top
        if not blocks[-1].lines:
            blocks.pop()
    blocks += [zone.left, zone.right]
    return zone


def order_blocks(words: list[OcrWord]) -> list[Block]:
    """Blocks of ``words`` in reading order."""
    words = [w for w in words if w.text.strip()]
    if not words:
        return []
    height = median(w.height for w in words) or 1
    join, zone_gap = JOIN_GAP * height, ZONE_GAP * height
    rows = [Row(_split(r, COLUMN_GAP * height)) for r in _rows(words, height)]
    blocks: list[Block] = []
    zone: _Zone | None = None
    last_bottom = rows[0].top
    for row in rows:
        gap, last_bottom = row.top - last_bottom, row.bottom
        if len(row.parts) == 2:
            if zone is not None and gap <= zone_gap:
                zone.add_row(row)
            else:
                zone = _start_zone(row, blocks, join)
            continue
        line = [w for part in row.parts for w in part]
        if zone is not None and gap <= join and zone.take(line, join):
            continue
        zone = None
        if blocks and blocks[-1].kind == "rows" and gap <= join:
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block("rows", [line]))
    return blocks


def page_text(words: list[OcrWord]) -> str:
    """Plain text in reading order: one line per visual line, blank line between blocks."""
    return unicodedata.normalize("NFC", "\n\n".join(b.text for b in order_blocks(words)))
