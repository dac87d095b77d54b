"""The "Số: 12/QĐ-UBND" line of the header (also garbled: "S6:", "$6", "s6", "§ố").

A symbol that breaks off after a hyphen ("Số: 2811/QĐ- ~", the seal's specks after it) is
completed with the codes that stand alone on the next line ("QĐ-UBND"; a code read twice
is dropped). A symbol that stops at its type code, which Decree 30 never lets stand without
the issuer's code, goes on with a known code OCR cut off by a hyphen read as a dot or a
speck ("80/2025/NQ. HĐND"); a number split by a space ("Số: 1 1654/VPCP-CN", where narrow
digits meet) is joined, and a slash lost before a known code put back ("2881QĐ-TTg"). The
search ends at the summary ("V/v"), the type line or where the body begins ("Căn cứ",
"Kính gửi"): numbers below are citations, and a symbol the header shows without its "Số"
wins over them.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from ocrfix.extract.doc_type import standalone_type
from ocrfix.extract.found import Found, warning
from ocrfix.extract.keywords import fold
from ocrfix.extract.layout import Line, evidence
from ocrfix.extract.symbols import (
    KNOWN_CODES,
    SYMBOL,
    is_known_code,
    is_well_formed,
    lacks_issuer_code,
    normalize_symbol,
)
from ocrfix.extract.title import is_summary_line

# "Số", "So", "S6", "$6", "5ố", and on scans "§ố", "S&", "_Số5331" (folded), with optional
# colon, right before a digit.
_SO_PREFIX = regex.compile(
    r"(?:^|[\s_|.,'\"`-])(?:[s5§]\S{1,3}[:;.]|[s5§][^\s\d]{0,2}\s*[:;.,]?)\s*(?=\d)"
)
# body lines, also behind specks ("| ", folded "l ")
_BODY = regex.compile(r"^(?:[\W_]|l(?=\s))*(?:can\W{0,3}cu|theo|xet|dieu|tai|ngay)\b")
# where the body begins: no line from here on is the header's (OCR: "Căn. cứ")
_BODY_START = regex.compile(r"^(?:[\W_]|l(?=\s))*(?:can\W{0,3}cu|kinh gui)\b")
# The number right after "Số:" with digits OCR read as letters ("Số: B0/2025/NQ-HĐND").
_LOOKALIKE_NUMBER = regex.compile(
    r"((?i:\bs\S{0,2})\s*:\s*)(?=[0-9BOIl]*\d)([0-9BOIl]{1,8})(?=\s*/)"
)
_TO_DIGITS = str.maketrans("BOIl", "8011")
_DANGLING = regex.compile(r"[ \t]*[-~–]")  # what a symbol broken after its hyphen leaves
_CODE = r"[A-ZĐ][A-Za-zĐ0-9&]{0,7}"
_CODE_LINE = regex.compile(rf"^[\W_]*(?P<codes>{_CODE}(?:-{_CODE})*)[\W_]*$")
# "Số: 1 1654/VPCP-CN": Tesseract splits a number where a narrow 1 meets a digit (after
# the colon: "S6 7/NĐ-CP" is a garbled "Số")
_SPLIT_DIGITS = regex.compile(
    r"(?<=[:;][ \t]*)(?P<lead>\d?1|\d) (?=(?:(?<=1 )\d|1)\d{0,5}[ \t]?[/⁄∕-])"
)
# "Sẽ 2881QĐ-TTg": the slash between the number and a known code lost
_SLASH_LOST = regex.compile(
    rf"(?P<digits>\d{{1,6}})(?P<codes>{_CODE}(?:-{_CODE})*)\b(?![/⁄∕])"
)
# the issuer's codes after a type code, cut off by a hyphen read as a dot, comma or speck
_CUT_CODES = regex.compile(rf"[ \t.,_~–-]{{1,4}}(?P<codes>{_CODE}(?:-{_CODE})*)\b")
NUMBER_DEPTH = 10  # issuer (≤ 4 lines), motto (2), then "Số"; deeper "số ..." are citations
FALLBACK_DEPTH = 8  # a symbol this high up, off the "Số" line, is the document's own


def extract_number(header: list[Line], *, stripped: bool) -> Found:
    """Number and symbol from the header: the "Số" line first, any symbol as a fallback."""
    lines = _above_body(header[:NUMBER_DEPTH])
    for index, line in enumerate(lines):
        if _BODY.match(line.folded):
            continue
        text = _LOOKALIKE_NUMBER.sub(lambda m: m[1] + m[2].translate(_TO_DIGITS), line.text)
        confidence = 1.0 if text == line.text else 0.9  # a digit read as a letter
        for match in _SO_PREFIX.finditer(fold(text)):
            read = _after_so(line, text, match.end(), header[index + 1 : index + 4])
            if read:
                factor = confidence * read.factor
                return _found(line, read.symbol, read.span, stripped, factor, read.more)
    for line in lines[:FALLBACK_DEPTH]:
        symbol = None if _BODY.match(line.folded) else SYMBOL.search(line.text)
        if symbol:
            return _found(line, symbol.group(), symbol.span(), stripped, 0.6)
    return Found(None, 0.0, None, [warning("number", "missing", "no 'Số:' line in the header")])


class _Read(NamedTuple):
    """A symbol as read after "Số": its text, columns, how sure, the codes it goes on with."""

    symbol: str
    span: tuple[int, int]
    factor: float
    more: tuple[Line, regex.Match] | None = None


def _after_so(line: Line, text: str, offset: int, after: list[Line]) -> _Read | None:
    """The symbol right after "Số" at column ``offset`` of ``text`` (``line`` with digits
    OCR read as letters mapped back), or None."""
    # on the rest of the line: a glued "Số73/TB-VP" fails SYMBOL's look-behind
    rest = text[offset:]
    split = _SPLIT_DIGITS.match(text, offset)
    symbol = SYMBOL.match(rest, split.end() - offset if split else 0)
    if symbol:
        if _DANGLING.match(rest, symbol.end()):
            more = _continuation(after)
        else:
            more = _cut_codes(line, text, offset, symbol)
        lead = split["lead"] if split else ""
        start = split.start() if split else offset + symbol.start()
        return _Read(lead + symbol.group(), (start, offset + symbol.end()), 1.0, more)
    glued = _SLASH_LOST.match(rest)
    if glued and is_known_code(glued["codes"].split("-")[0]):
        read = f"{glued['digits']}/{glued['codes']}"
        return _Read(read, (offset, offset + glued.end()), 0.8)
    return None


def _above_body(lines: list[Line]) -> list[Line]:
    """``lines`` up to the summary ("V/v"), the type line or the first line of the body:
    Decree 30 prints the number above them all."""
    end = next((i for i, line in enumerate(lines) if _ends_number_zone(line)), len(lines))
    return lines[:end]


def _ends_number_zone(line: Line) -> bool:
    return bool(_BODY_START.match(line.folded) or is_summary_line(line) or standalone_type(line))


def _cut_codes(
    line: Line, text: str, offset: int, symbol: regex.Match
) -> tuple[Line, regex.Match] | None:
    """The known codes a symbol that stops at its type code goes on with on its own line,
    behind a hyphen OCR misread ("80/2025/NQ. HĐND"), and their match."""
    if not lacks_issuer_code(normalize_symbol(symbol.group())):
        return None
    cut = _CUT_CODES.match(text, offset + symbol.end())
    codes = normalize_symbol(cut["codes"]).split("-") if cut else []  # "HDND" → "HĐND"
    if codes and all(is_known_code(code) for code in codes):
        return line, cut
    return None


def _continuation(after: list[Line]) -> tuple[Line, regex.Match] | None:
    """The line of codes among the next two that a symbol broken after its hyphen goes on
    with, and its match."""
    for line in [a for a in after if a.stripped][:2]:
        match = _CODE_LINE.match(line.text)
        if match:
            return line, match
    return None


def _found(
    line: Line,
    read: str,
    span: tuple[int, int],
    stripped: bool,
    confidence: float,
    more: tuple[Line, regex.Match] | None = None,
) -> Found:
    """The number ``read`` at columns ``span`` of ``line`` gives (``more``: the codes it goes
    on with, further on the line or on a later one)."""
    joined = f"{read.rstrip('.,')}-{more[1]['codes']}" if more else read
    value = normalize_symbol(joined, stripped=stripped)
    warnings = []
    if not is_well_formed(value):
        warnings.append(warning("number", "malformed_symbol", f"unusual symbol {value!r}"))
        confidence *= 0.8
    if more:
        ev = evidence(line, more[0], start=span[0], end=more[1].end("codes"))
        return Found(value, confidence * 0.9, ev, warnings)
    ev = evidence(line, start=span[0], end=span[1])
    return Found(value, confidence, ev, warnings)


def _trust(value: str) -> tuple[bool, int]:
    """How sure a symbol looks: well formed, then how many of its codes are known ones."""
    codes = [p for p in regex.split(r"[/-]", value)[1:] if not p.isdigit()]
    return is_well_formed(value), sum(code in KNOWN_CODES for code in codes)


def prefer_raw_number(repaired: Found, raw: Found) -> Found:
    """The number read from the repaired text, or the one read from the raw OCR text when
    repair damaged it: lost it, changed its digits (OCR digits are all there is), or turned a
    known code into an unknown one ("5829/TTr-BCH" → "BCĐ")."""
    if raw.value is None or raw.value == repaired.value:
        return repaired
    if repaired.value is not None:
        same_digits = regex.sub(r"\D", "", raw.value) == regex.sub(r"\D", "", repaired.value)
        if same_digits and _trust(raw.value) <= _trust(repaired.value):
            return repaired
    note = warning("number", "read_from_raw", f"repaired text gave {repaired.value!r}")
    return Found(raw.value, raw.confidence * 0.9, raw.evidence, [*raw.warnings, note])
