"""The "Số: 12/QĐ-UBND" line of the header (also garbled: "S6:", "$6", "s6")."""

from __future__ import annotations

import regex

from ocrfix.extract.found import Found, warning
from ocrfix.extract.layout import Line, evidence
from ocrfix.extract.symbols import SYMBOL, is_well_formed, normalize_symbol

# "Số", "So", "S6", "$6", "5ố" (folded) with optional colon, right before a digit.
_SO_PREFIX = regex.compile(r"(?:^|\s)(?:[s5]\S{1,3}[:;.]|[s5][o06e]{0,2}\s*[:;.,]?)\s*(?=\d)")
_BODY = regex.compile(r"^\s*(?:can cu|theo|xet|dieu|tai|ngay)\b")
NUMBER_DEPTH = 10  # issuer (≤ 4 lines), motto (2), then "Số"; deeper "số ..." are citations
FALLBACK_DEPTH = 8  # a symbol this high up, off the "Số" line, is the document's own


def extract_number(header: list[Line], *, stripped: bool) -> Found:
    """Number and symbol from the header: the "Số" line first, any symbol as a fallback."""
    for line in header[:NUMBER_DEPTH]:
        for match in _SO_PREFIX.finditer(line.folded):
            symbol = SYMBOL.match(line.text, match.end())
            if symbol:
                return _found(line, symbol, stripped, 1.0)
    for line in header[:FALLBACK_DEPTH]:
        symbol = None if _BODY.match(line.folded) else SYMBOL.search(line.text)
        if symbol:
            return _found(line, symbol, stripped, 0.6)
    return Found(None, 0.0, None, [warning("number", "missing", "no 'Số:' line in the header")])


def _found(line: Line, match: regex.Match, stripped: bool, confidence: float) -> Found:
    value = normalize_symbol(match.group(), stripped=stripped)
    warnings = []
    if not is_well_formed(value):
        warnings.append(warning("number", "malformed_symbol", f"unusual symbol {value!r}"))
        confidence *= 0.8
    ev = evidence(line, start=match.start(), end=match.end())
    return Found(value, confidence, ev, warnings)
