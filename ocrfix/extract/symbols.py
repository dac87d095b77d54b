"""Document number-and-symbol strings ("1909/BC-UBND", "05-NQ/TU", "01/2023/TT-VPCP").

Shared by the header's "Số:" line and by cited references. :data:`SYMBOL` finds them in
running text, tolerating a space before a separator ("3565 /QĐ -UBND") and a break after
a hyphen ("5158/QĐ-\\nUBND"); :func:`normalize_symbol` removes those gaps and repairs the
codes OCR damages (``QÐ``, ``Qb`` → ``QĐ``).
"""

from __future__ import annotations

import regex

from ocrfix.extract.doc_type import CODE_TO_NAME
from ocrfix.extract.keywords import fold

_UPPER = "A-ZĐÐÂĂÊÔƠƯÁÀẢÃẠ"
_SEG = rf"[{_UPPER}][\p{{L}}0-9.&]*"
_SEP = rf"(?:[ \t]?[/-](?:[ \t]*\n[ \t]*)?|[ \t]?-[ \t](?=[{_UPPER}]{{2}}))"
SYMBOL = regex.compile(
    rf"(?<![\w/.-])\d{{1,8}}(?:\.\d{{1,6}})?[a-z]?(?:{_SEP}\d{{1,6}})?{_SEP}{_SEG}(?:{_SEP}(?:{_SEG}|\d{{1,4}}\b))*"
)
_YEAR = regex.compile(r"^(19|20)\d\d$")

# Codes (type codes and common body abbreviations) whose Đ OCR loses or mangles.
KNOWN_CODES = (*CODE_TO_NAME, "UBND", "HĐND", "CP", "TTg", "VPCP", "QH", "TW", "BCH", "CQĐP", "ĐU")
# Body abbreviations with Đ that appear inside longer codes ("SGDĐT-VP", "BGDĐT").
_INNER_D = {"GDDT": "GDĐT", "HDND": "HĐND", "CQDP": "CQĐP"}
_BY_FOLD = {fold(code).replace("d", "#"): code for code in KNOWN_CODES if "Đ" in code}


def _repair_segment(segment: str, stripped: bool) -> str:
    segment = segment.replace("Ð", "Đ")
    if "Đ" in segment:
        return segment
    key = fold(segment).replace("d", "#")
    lookalikes = "bB" if stripped else "b"  # English OCR reads Đ as b or B ("Qb", "QB")
    if any(ch in segment for ch in lookalikes):
        guess = "".join("D" if ch in lookalikes else ch for ch in segment)
        repaired = _BY_FOLD.get(fold(guess).replace("d", "#"))
        if repaired:
            return repaired
    if not stripped:
        return segment
    if key in _BY_FOLD:
        return _BY_FOLD[key]
    for plain, marked in _INNER_D.items():
        segment = segment.replace(plain, marked)
    return segment


def normalize_symbol(raw: str, *, stripped: bool = False) -> str:
    """The symbol without gaps, its codes repaired; ``stripped`` marks diacritic-free input."""
    compact = regex.sub(r"\s*([/-])\s*", r"\1", raw.strip()).rstrip(".")
    parts = regex.split(r"([/-])", compact)
    return "".join(p if p in "/-" else _repair_segment(p, stripped) for p in parts)


def type_code(symbol: str) -> str | None:
    """The document-type code a symbol carries, or None (công văn symbols carry none).

    State style "12/2024/QĐ-UBND": the first code after the number (and year). Party style
    "05-NQ/TU": the code after the hyphen.
    """
    parts = regex.split(r"[/-]", symbol)
    codes = [p for p in parts[1:] if p and not p.isdigit()]
    if not codes:
        return None
    return codes[0] if codes[0] in CODE_TO_NAME else None


def symbol_year(symbol: str) -> int | None:
    """The year a symbol embeds ("84/2025/QĐ-UBND" → 2025), if any."""
    for part in regex.split(r"[/-]", symbol)[1:]:
        if _YEAR.match(part):
            return int(part)
    return None


def is_well_formed(symbol: str) -> bool:
    """Number, optional year, then a code: the shapes Decree 30/2020 and Party rules allow."""
    return bool(regex.fullmatch(rf"\d+(?:/\d{{4}})?/{_SEG}(?:-{_SEG})*|\d+-{_SEG}/{_SEG}", symbol))
