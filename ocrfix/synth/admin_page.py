"""A realistic one-page Vietnamese administrative document (Decree 30/2020/NĐ-CP layout).

Layout: two-column header (issuing body on the left, upper case, its last line bold with a
short rule under it; national name and motto on the right, motto ruled), "Số: ..." (and an
official letter's "V/v ...") on the left with the italic place and date on the right, the
bold centred document type and summary, the justified body, and a two-column footer
("Nơi nhận:" list in small type on the left; on the right the capacity lines, a scribbled
signature under a red round seal, and the signer's bold name). The body is cut where the
footer must start, so the page is one page.

Truth convention (:attr:`RenderedPage.truth`, :attr:`TextLine.region`), in reading order:
``header-left`` lines (issuer, number, subject), then ``header-right`` (national name,
motto, place and date), then ``title``, ``body`` top to bottom, then the optional ``table``
(row by row, each cell's lines left to right), then ``footer-left`` (recipients), then
``footer-right`` (capacity lines, signer). One truth line per printed line; the seal and
signature are not text and are not in the truth (a handwritten number is: it is part of
the "Số:" line).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from ocrfix.synth.admin_parts import AdminParts, parse_admin
from ocrfix.synth.fonts import load_font
from ocrfix.synth.layout import (
    RenderedPage,
    TextLine,
    a4_size,
    centred_x,
    draw_line,
    mm,
    pt,
    text_width,
    wrap,
)
from ocrfix.synth.marks import INK_BLUE, scribble_signature, stamp_seal

INK = (0, 0, 0)
MARGINS_MM = (30.0, 20.0, 15.0, 20.0)  # left, top, right, bottom
_NUMBER = re.compile(r"^(Số:\s*)(\d+)(/.*)$")


@dataclass
class _Column:
    """A vertical run of centred lines between ``left`` and ``right``, from ``y`` down."""

    left: int
    right: int
    y: int


class _Page:
    """Drawing state: the image, the font family, and the truth lines per region."""

    def __init__(self, family: str, dpi: int):
        self.family = family
        self.dpi = dpi
        self.image = Image.new("RGB", a4_size(dpi), (255, 255, 255))
        self.draw = ImageDraw.Draw(self.image)
        self.lines: list[TextLine] = []

    def font(self, size_pt: float, style: str = "regular") -> ImageFont.FreeTypeFont:
        return load_font(self.family, style, pt(size_pt, self.dpi))

    def centred(self, column: _Column, text: str, size_pt: float, style: str, region: str,
                spacing: float = 1.15) -> int:
        """Draw ``text`` wrapped and centred in ``column``; returns the last line's width."""
        face = self.font(size_pt, style)
        width = 0
        for line in wrap(text, face, column.right - column.left):
            x = centred_x(face, line, column.left, column.right)
            self.lines.append(TextLine(line, draw_line(self.draw, (x, column.y), line, face,
                                                       fill=INK), region))
            column.y += round(pt(size_pt, self.dpi) * spacing)
            width = text_width(face, line)
        return width

    def rule(self, column: _Column, width: int) -> None:
        """A short horizontal rule centred in ``column`` just under its last line."""
        x = (column.left + column.right - width) // 2
        y = column.y + mm(0.5, self.dpi)
        self.draw.line((x, y, x + width, y), fill=INK, width=max(1, self.dpi // 150))
        column.y += mm(3, self.dpi)


def render_admin_page(
    doc: str | AdminParts,
    *,
    font: str = "Liberation Serif",
    size_pt: float = 14.0,
    dpi: int = 300,
    rng: random.Random | None = None,
    seal: bool = True,
    signature: bool = True,
    handwritten_number: bool = False,
    table: Sequence[Sequence[str]] | None = None,
) -> RenderedPage:
    """Render ``doc`` (a document's text, or its parsed parts) as one A4 page (RGB).

    ``handwritten_number`` fills the number after "Số:" by hand (blue, slanted), as clerks
    do; ``table`` (rows of cells, the first row a bold heading) is drawn after the body,
    its truth one line per cell line, row by row.
    """
    rng = rng or random.Random(0)
    parts = parse_admin(doc) if isinstance(doc, str) else doc
    page = _Page(font, dpi)
    width, height = a4_size(dpi)
    left, top = mm(MARGINS_MM[0], dpi), mm(MARGINS_MM[1], dpi)
    right, bottom = width - mm(MARGINS_MM[2], dpi), height - mm(MARGINS_MM[3], dpi)
    split = left + round(0.40 * (right - left))
    y = _header(page, parts, _Column(left - mm(10, dpi), split, top),
                _Column(split, right + mm(5, dpi), top), rng if handwritten_number else None)
    y = _title(page, parts, _Column(left + mm(10, dpi), right - mm(10, dpi), y), size_pt)
    footer = _FooterPlan(page, parts, left, right, size_pt)
    grid = _table_layout(page, table, left, right) if table else None
    table_height = sum(height for *_, height in grid[1]) + mm(4, dpi) if grid else 0
    y = _body(page, parts.body, left, right, y, bottom - footer.height - table_height, size_pt)
    if grid:
        y = _table(page, grid, y + mm(2, dpi))
    footer.draw(page, y + mm(4, dpi), rng, seal=seal, signature=signature)
    order = ("header-left", "header-right", "title", "body", "table", "footer-left",
             "footer-right")
    lines = sorted(page.lines, key=lambda line: order.index(line.region))  # stable sort
    return RenderedPage(page.image, lines, dpi, font=font, size_pt=size_pt)


def _header(
    page: _Page, parts: AdminParts, left: _Column, right: _Column, hand: random.Random | None
) -> int:
    for n, line in enumerate(parts.issuer):
        last = n == len(parts.issuer) - 1
        width = page.centred(left, line, 12.5, "bold" if last else "regular", "header-left")
    if parts.issuer:
        page.rule(left, max(width // 2, mm(15, page.dpi)))
    for n, line in enumerate(parts.nation):
        size = 13.5 if n else _fitting_size(page, line, right.right - right.left, 12.5, "bold")
        width = page.centred(right, line, size, "bold", "header-right")
    if parts.nation:
        page.rule(right, width)
    left.y = right.y = max(left.y, right.y) + mm(1, page.dpi)
    filled = _NUMBER.match(parts.number) if hand else None
    if filled and hand:
        _handwritten_number(page, left, filled.groups(), hand)
    elif parts.number:
        page.centred(left, parts.number, 13, "regular", "header-left")
    if parts.subject:
        page.centred(left, parts.subject, 12, "regular", "header-left", spacing=1.1)
    if parts.place_date:
        page.centred(right, parts.place_date, 13.5, "italic", "header-right")
    return max(left.y, right.y) + mm(6, page.dpi)


def _handwritten_number(
    page: _Page, column: _Column, pieces: tuple[str, str, str], rng: random.Random
) -> None:
    """"Số: 84/2025/QĐ-UBND" with "84" written by hand into the printed form."""
    prefix, digits, rest = pieces
    printed, hand = page.font(13), load_font("DejaVu Sans", "italic", pt(14, page.dpi))
    space = mm(rng.uniform(1, 4), page.dpi)  # before the digits only: the truth has no gap
    widths = (text_width(printed, prefix), text_width(hand, digits), text_width(printed, rest))
    x = (column.left + column.right - sum(widths) - space) // 2
    y = column.y
    page.draw.text((x, y), prefix, font=printed, fill=INK)
    page.draw.text((x + widths[0] + space, y - mm(rng.uniform(0.3, 1.2), page.dpi)), digits,
                   font=hand, fill=INK_BLUE)
    page.draw.text((x + widths[0] + widths[1] + space, y), rest, font=printed, fill=INK)
    ascent, descent = printed.getmetrics()
    box = (x, y, x + sum(widths) + space, y + ascent + descent)
    page.lines.append(TextLine(prefix + digits + rest, box, "header-left"))
    column.y += round(pt(13, page.dpi) * 1.15)


_TableLayout = tuple[list[int], list[tuple[ImageFont.FreeTypeFont, list[list[str]], int]]]


def _table_layout(
    page: _Page, rows: Sequence[Sequence[str]], left: int, right: int
) -> _TableLayout:
    """Column edges (each column as wide as its longest cell; the widest one gives way when
    the table would be wider than the text) and, per row, its font, wrapped cells, height."""
    pad = mm(1.5, page.dpi)
    body, heading = page.font(12), page.font(12, "bold")
    columns = max(len(row) for row in rows)
    widths = [max(text_width(heading, row[c]) if c < len(row) else 0 for row in rows) + 2 * pad
              for c in range(columns)]
    widest = widths.index(max(widths))
    widths[widest] = max(mm(20, page.dpi), widths[widest] - max(0, sum(widths) - (right - left)))
    edges = [left]
    for width in widths:
        edges.append(edges[-1] + width)
    step = round(pt(12, page.dpi) * 1.2)
    laid = []
    for r, row in enumerate(rows):
        face = heading if r == 0 else body
        cells = [wrap(cell, face, edges[c + 1] - edges[c] - 2 * pad) for c, cell in enumerate(row)]
        laid.append((face, cells, max(len(lines) for lines in cells) * step + 2 * pad))
    return edges, laid


def _table(page: _Page, layout: _TableLayout, y: int) -> int:
    """Draw a ruled table (heading row centred), one truth line per cell line; returns the
    y under it."""
    edges, rows = layout
    dpi, pad, rule = page.dpi, mm(1.5, page.dpi), max(1, page.dpi // 150)
    step = round(pt(12, dpi) * 1.2)
    top = y
    page.draw.line((edges[0], top, edges[-1], top), fill=INK, width=rule)
    for r, (face, cells, height) in enumerate(rows):
        for c, lines in enumerate(cells):
            for n, line in enumerate(lines):
                x = centred_x(face, line, edges[c], edges[c + 1]) if r == 0 else edges[c] + pad
                box = draw_line(page.draw, (x, y + pad + n * step), line, face, fill=INK)
                page.lines.append(TextLine(line, box, "table"))
        y += height
        page.draw.line((edges[0], y, edges[-1], y), fill=INK, width=rule)
    for x in edges:
        page.draw.line((x, top, x, y), fill=INK, width=rule)
    return y + mm(2, dpi)


def _fitting_size(page: _Page, text: str, width: int, size: float, style: str) -> float:
    """The largest size up to ``size`` at which ``text`` fits ``width`` on one line."""
    while size > 9 and text_width(page.font(size, style), text) > width:
        size -= 0.5
    return size


def _title(page: _Page, parts: AdminParts, column: _Column, size_pt: float) -> int:
    if not parts.title:
        return column.y
    for line in parts.title:
        width = page.centred(column, line, size_pt, "bold", "title", spacing=1.2)
    page.rule(column, min(width, mm(40, page.dpi)))
    return column.y + mm(3, page.dpi)


def _body(page: _Page, paragraphs: list[str], left: int, right: int, y: int, limit: int,
          size_pt: float) -> int:
    """Justified paragraphs with a first-line indent, up to ``limit``; returns the new y."""
    face = page.font(size_pt)
    step = round(pt(size_pt, page.dpi) * 1.3)
    indent = mm(12.7, page.dpi)
    for paragraph in paragraphs:
        wrapped = wrap(paragraph, face, right - left - indent)
        if y + step * len(wrapped) > limit and any(ln.region == "body" for ln in page.lines):
            return y  # whole paragraphs only, unless not even the first one fits
        for n, line in enumerate(wrapped):
            if y + step > limit:
                return y
            x = left + (indent if n == 0 else 0)
            last = n == len(wrapped) - 1
            box = draw_line(page.draw, (x, y), line, face, fill=INK,
                            justify_to=None if last else right)
            page.lines.append(TextLine(line, box, "body"))
            y += step
        y += mm(1.5, page.dpi)
    return y


class _FooterPlan:
    """The footer measured before the body is laid out, so the body stops in time."""

    def __init__(self, page: _Page, parts: AdminParts, left: int, right: int, size_pt: float):
        dpi = page.dpi
        self.parts = parts
        self.left, self.right = left, right
        self.split = left + round(0.45 * (right - left))
        self.size = min(size_pt, 13.5)
        small = page.font(11)
        self.recipients = [
            (line, n == 0)
            for n, item in enumerate(parts.recipients)
            for line in (wrap(item, small, self.split - left) if n else [item])
        ]
        left_height = len(self.recipients) * pt(12, dpi)
        bold, column = page.font(self.size, "bold"), self.right + mm(5, dpi) - self.split
        sig_lines = sum(len(wrap(line, bold, column)) for line in [*parts.signature, parts.signer])
        right_height = sig_lines * pt(self.size * 1.2, dpi) + (mm(24, dpi) if parts.signer else 0)
        self.height = max(left_height, right_height) + mm(6, dpi)

    def draw(self, page: _Page, y: int, rng: random.Random, *, seal: bool,
             signature: bool) -> None:
        dpi = page.dpi
        heading = page.font(12, "bolditalic")
        small = page.font(11)
        ly = y
        for line, is_heading in self.recipients:
            face = heading if is_heading else small
            box = draw_line(page.draw, (self.left, ly), line, face, fill=INK)
            page.lines.append(TextLine(line, box, "footer-left"))
            ly += pt(12, dpi)
        column = _Column(self.split, self.right + mm(5, dpi), y)
        for line in self.parts.signature:
            page.centred(column, line, self.size, "bold", "footer-right", spacing=1.2)
        if not self.parts.signer:
            return
        sign_top = column.y
        column.y += mm(24, dpi)
        centre = (column.left + column.right) // 2
        if signature:
            scribble_signature(page.image, (centre - mm(22, dpi), sign_top + mm(3, dpi),
                                            centre + mm(22, dpi), sign_top + mm(20, dpi)),
                               rng, width=max(2, mm(0.5, dpi)))
        if seal:
            rim = " ".join(self.parts.issuer) or "CƠ QUAN BAN HÀNH"
            radius = mm(19, dpi)
            stamp_seal(page.image, (centre - mm(16, dpi), sign_top + mm(6, dpi)), radius,
                       f"{rim} ★", page.font(7.5, "bold"), rng)
        page.centred(column, self.parts.signer, self.size, "bold", "footer-right")
