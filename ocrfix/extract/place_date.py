"""The "Tam Hợp, ngày 24 tháng 12 năm 2024" line: place and ISO date of issue.

Matched on folded text with the ``regex`` package's fuzzy groups, so "ngay 24 thang 12
nam 2024", "tháng12" and one OCR slip per keyword still match, as do scans' "ng? 20 tháng k
11 năm 2025_" (a mangled "ngày", a speck before the month, a stroke after the year), "ngày 21
11 năm 2025" (the "tháng" lost), "tháng 1 1" and "năm 20 25" (split where narrow digits
meet); digits OCR read as letters (``O`` for 0, ``l`` for 1) are mapped back. A year the
line lost, wholly or in part ("năm 202"), is read from the start of the next line ("... năm"
/ "2025", a wrapped column), else taken, with a warning, from a :class:`YearHint`: the year
in the document's symbol ("12/2025/QĐ-UBND") or the latest year of the documents it cites
(none is later than it).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import regex

from ocrfix.extract.found import Found, warning
from ocrfix.extract.layout import Line, evidence
from ocrfix.extract.symbols import SYMBOL

_DIGITISH = "0-9olizs"
_DAY_MONTH = (
    rf"(?P<d>[{_DIGITISH}]{{1,2}})(?:[\s.,]*(?:thang){{e<=2}}\s*|\s+)"
    rf"(?:[^\s\d]\s+)?(?P<m>[{_DIGITISH}](?: ?[{_DIGITISH}])?)[\s.,]*(?:nam){{e<=2}}"
)
DATE_WORDS = regex.compile(
    rf"(?:\bn\S{{1,3}}\s*)?{_DAY_MONTH}\s*(?P<y>[{_DIGITISH}]{{2}} ?[{_DIGITISH}]{{2}})(?![0-9])",
    regex.BESTMATCH,
)
# The same line with its year lost at the end, or its last digits (the "ngày" then required).
_YEAR_LOST = regex.compile(
    rf"\bn\S{{1,3}}\s*{_DAY_MONTH}\s*(?P<part>[12]\d{{0,2}})?[\W_]*$", regex.BESTMATCH
)
_WRAPPED_YEAR = regex.compile(r"^[\W_]*(?P<y>(?:19|20)\d\d)(?!\d)")
_TO_DIGIT = str.maketrans("olizs", "01125")
_PLACE_STOP = regex.compile(r"[;:()]|\s{2,}")
_NOT_A_DATE_LINE = regex.compile(r"^\s*(?:can cu|theo|xet|tai|thuc hien|dieu)\b")
_MAX_BEFORE = 80  # a place, perhaps after a merged left column; longer is a body sentence


class YearHint(NamedTuple):
    """A year for a date line that lost its own, and where it comes from (for the warning:
    ``year_from_number``, ``year_from_references``)."""

    year: int
    source: str


def parse_numbers(day: str, month: str, year: str) -> tuple[str | None, str | None]:
    """ISO date from day/month/year strings, or ``(None, reason)`` when impossible."""
    try:
        d, m, y = (int(x.translate(_TO_DIGIT).replace(" ", "")) for x in (day, month, year))
    except ValueError:
        return None, "unreadable digits"
    try:
        return dt.date(y, m, d).isoformat(), None
    except ValueError:
        return None, f"impossible date {d}/{m}/{y}"


def _place(line: Line, date_start: int) -> tuple[str | None, int]:
    before = line.text[:date_start]
    stops = [*_PLACE_STOP.finditer(before), *SYMBOL.finditer(before)]  # "Số: 1/QĐ-X Hà Nội, ..."
    cut = max((m.end() for m in stops), default=0)
    place = before[cut:].strip(" ,.\t")
    words = place.split()
    if len(words) > 5:  # a merged left column: keep the place name at its end
        words = words[-3:]
        place = " ".join(words)
    start = line.text.find(place, cut) if place else date_start
    return (place or None), start


def _date_line(header: list[Line], year_hint: YearHint | None) -> tuple[Line, Found] | None:
    """The first header line with a date in words, and the date read from it."""
    for index, line in enumerate(header):
        match = DATE_WORDS.search(line.folded)
        if match and match.start() <= _MAX_BEFORE and not _NOT_A_DATE_LINE.match(line.folded):
            ev = evidence(line, start=match.start(), end=match.end())
            sure = sum(match.fuzzy_counts) == 0
            return line, _read_date(match, match["y"], ev, 1.0 if sure else 0.8)
        lost = None if match else _YEAR_LOST.search(line.folded)
        if lost and lost.start() <= _MAX_BEFORE and not _NOT_A_DATE_LINE.match(line.folded):
            found = _lost_year(header[index + 1 : index + 3], line, lost, year_hint)
            if found:
                return line, found
    return None


def _lost_year(
    after: list[Line], line: Line, match: regex.Match, year_hint: YearHint | None
) -> Found | None:
    """The date of a line that lost its year: the year that starts the next line, or else
    the hinted year, warned about, if it begins with what is left of the year."""
    nxt = next((a for a in after if a.stripped), None)
    wrapped = _WRAPPED_YEAR.match(nxt.text) if nxt and not match["part"] else None
    if nxt and wrapped:
        ev = evidence(line, nxt, start=match.start(), end=wrapped.end())
        return _read_date(match, wrapped["y"], ev, 0.8)
    if year_hint is None or not str(year_hint.year).startswith(match["part"] or ""):
        return None
    note = warning(
        "issued_date",
        f"year_from_{year_hint.source}",
        f"year {year_hint.year} taken from the {year_hint.source}",
    )
    ev = evidence(line, start=match.start(), end=match.end())
    confidence = 0.6 if year_hint.source == "number" else 0.5
    return _read_date(match, str(year_hint.year), ev, confidence, [note])


def _read_date(
    match: regex.Match, year: str, ev: dict, confidence: float, notes: list[dict] | None = None
) -> Found:
    iso, problem = parse_numbers(match["d"], match["m"], year)
    warnings = list(notes or [])
    if problem:
        warnings.append(warning("issued_date", "impossible_date", problem))
        confidence = 0.0
    return Found(iso, confidence, ev, warnings)


def extract_place_date(
    header: list[Line], *, year_hint: YearHint | None = None
) -> tuple[Found, Found]:
    """``(place, issued_date)`` from the first header line carrying a date in words;
    ``year_hint`` is for a date line that lost its year."""
    found = _date_line(header, year_hint)
    if found:
        line, date_found = found
        date_start = date_found.evidence["start"] - line.start
        place, start = _place(line, date_start)
        place_found = Found(
            place,
            0.9 if place else 0.0,
            evidence(line, start=start, end=date_start) if place else None,
        )
        return place_found, date_found
    missing = [
        warning("issued_date", "missing", "no 'ngày ... tháng ... năm ...' line in the header")
    ]
    return Found(None, 0.0, None), Found(None, 0.0, None, missing)
