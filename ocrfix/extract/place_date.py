"""The "Tam Hợp, ngày 24 tháng 12 năm 2024" line: place and ISO date of issue.

Matched on folded text with the ``regex`` package's fuzzy groups, so "ngay 24 thang 12
nam 2024", "tháng12" and one OCR slip per keyword still match, as do scans' "ng? 20 tháng k
11 năm 2025_" (a mangled "ngày", a speck before the month, a stroke after the year), "ngày 21
11 năm 2025" (the "tháng" lost); digits OCR read as letters (``O`` for 0, ``l`` for 1) are
mapped back.
"""

from __future__ import annotations

import datetime as dt

import regex

from ocrfix.extract.found import Found, warning
from ocrfix.extract.layout import Line, evidence
from ocrfix.extract.symbols import SYMBOL

_DIGITISH = "0-9olizs"
DATE_WORDS = regex.compile(
    rf"(?:\bn\S{{1,3}}\s*)?(?P<d>[{_DIGITISH}]{{1,2}})(?:[\s.,]*(?:thang){{e<=2}}\s*|\s+)"
    rf"(?:[^\s\d]\s+)?(?P<m>[{_DIGITISH}]{{1,2}})[\s.,]*(?:nam){{e<=2}}\s*"
    rf"(?P<y>[{_DIGITISH}]{{4}})(?![0-9])",
    regex.BESTMATCH,
)
_TO_DIGIT = str.maketrans("olizs", "01125")
_PLACE_STOP = regex.compile(r"[;:()]|\s{2,}")
_NOT_A_DATE_LINE = regex.compile(r"^\s*(?:can cu|theo|xet|tai|thuc hien|dieu)\b")
_MAX_BEFORE = 80  # a place, perhaps after a merged left column; longer is a body sentence


def parse_numbers(day: str, month: str, year: str) -> tuple[str | None, str | None]:
    """ISO date from day/month/year strings, or ``(None, reason)`` when impossible."""
    try:
        d, m, y = (int(x.translate(_TO_DIGIT)) for x in (day, month, year))
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


def extract_place_date(header: list[Line]) -> tuple[Found, Found]:
    """``(place, issued_date)`` from the first header line carrying a date in words."""
    for line in header:
        match = DATE_WORDS.search(line.folded)
        if not match or match.start() > _MAX_BEFORE or _NOT_A_DATE_LINE.match(line.folded):
            continue
        iso, problem = parse_numbers(match["d"], match["m"], match["y"])
        warnings = []
        confidence = 1.0 if sum(match.fuzzy_counts) == 0 else 0.8
        if problem:
            warnings.append(warning("issued_date", "impossible_date", problem))
            confidence = 0.0
        date_found = Found(
            iso, confidence, evidence(line, start=match.start(), end=match.end()), warnings
        )
        place, start = _place(line, match.start())
        place_found = Found(
            place,
            0.9 if place else 0.0,
            evidence(line, start=start, end=match.start()) if place else None,
        )
        return place_found, date_found
    missing = [
        warning("issued_date", "missing", "no 'ngày ... tháng ... năm ...' line in the header")
    ]
    return Found(None, 0.0, None), Found(None, 0.0, None, missing)
