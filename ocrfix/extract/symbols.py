"""Document number-and-symbol strings ("1909/BC-UBND", "05-NQ/TU", "01/2023/TT-VPCP").

Shared by the header's "Số:" line and by cited references. :data:`SYMBOL` finds them in
running text, tolerating a space before a separator ("3565 /QĐ -UBND") and a break after
a hyphen ("5158/QĐ-\\nUBND"), the hyphen scans read as ``~`` or ``–`` and the slash they
read as a fraction or division slash (``⁄``, ``∕``);
:func:`normalize_symbol` removes those gaps, repairs the codes OCR damages (``QÐ``, ``Qb``,
``QĐÐ`` → ``QĐ``; a hyphen read as a dot between two codes, "CT.CS") and drops a code read
twice.
"""

from __future__ import annotations

from functools import cache

import regex
from rapidfuzz.distance import Levenshtein

from ocrfix.extract.doc_type import CODE_TO_NAME
from ocrfix.extract.keywords import fold
from ocrfix.repair.protect import CodeBook

_UPPER = "A-ZĐÐÂĂÊÔƠƯÁÀẢÃẠ"
_SEG = rf"[{_UPPER}][\p{{L}}0-9.&]*"
_SEP = rf"(?:[ \t]?[/⁄∕\-~–](?:[ \t]*\n[ \t]*)?|[ \t]?[-~–][ \t](?=[{_UPPER}]{{2}}))"
SYMBOL = regex.compile(
    rf"(?<![\w/.-])\d{{1,8}}(?:\.\d{{1,6}})?[a-z]?(?:{_SEP}\d{{1,6}})?{_SEP}{_SEG}(?:{_SEP}(?:{_SEG}|\d{{1,4}}\b))*"
)
_YEAR = regex.compile(r"^(19|20)\d\d$")
# A hyphen read as a dot after a known code ("CT.CS"; "V.I" and "OL.WMCLV" are codes).
_DOTTED = regex.compile(r"(?<=/(?P<code>\p{L}{2,}))\.(?=\p{Lu}{2,}(?:$|[/-]))")

# Codes (type codes and common body abbreviations) whose Đ OCR loses or mangles.
KNOWN_CODES = (*CODE_TO_NAME, "UBND", "HĐND", "CP", "TTg", "VPCP", "QH", "TW", "BCH", "CQĐP", "ĐU")
# Body abbreviations with Đ that appear inside longer codes ("SGDĐT-VP", "BGDĐT").
_INNER_D = {"GDDT": "GDĐT", "HDND": "HĐND", "CQDP": "CQĐP"}
_BY_FOLD = {fold(code).replace("d", "#"): code for code in KNOWN_CODES if "Đ" in code}


def _repair_segment(segment: str, stripped: bool) -> str:
    segment = segment.replace("Ð", "Đ").replace("ĐĐ", "Đ")  # no code doubles Đ ("QĐÐ")
    if "Đ" in segment or segment in KNOWN_CODES:  # "DA" and "HD" are codes as they stand
        return segment
    key = fold(segment).replace("d", "#")
    # English OCR reads Đ as b, B or DB ("Qb", "QB", "QDB"); no code has a lower-case b,
    # and repair leaves "QDB" as it stands; scans read it as 0 or O too ("Q0", "H0ND")
    guesses = [segment.replace("b", "D"), segment.replace("DB", "D"),
               segment.replace("0", "D"), segment.replace("O", "D")]
    if stripped:
        guesses.append(segment.replace("B", "D").replace("b", "D"))
    for guess in guesses:
        repaired = _BY_FOLD.get(fold(guess).replace("d", "#")) if guess != segment else None
        if repaired:
            return repaired
    if key in _BY_FOLD:  # Đ lost ("QD", "ND-CP", "HDND"): also in repaired text
        return _BY_FOLD[key]
    for plain, marked in _INNER_D.items():
        segment = segment.replace(plain, marked)
    return segment


def normalize_symbol(raw: str, *, stripped: bool = False) -> str:
    """The symbol without gaps, its codes repaired; ``stripped`` marks diacritic-free input."""
    unified = regex.sub("[~–]", "-", regex.sub("[⁄∕]", "/", raw.strip()))
    compact = regex.sub(r"\s*([/-])\s*", r"\1", unified).rstrip(".")
    compact = _DOTTED.sub(lambda m: "-" if m["code"] in KNOWN_CODES else ".", compact)
    parts = [p if p in "/-" else _repair_segment(p, stripped)
             for p in regex.split(r"([/-])", compact)]
    for i in range(len(parts) - 1, 1, -2):  # a code read twice: "2776/QĐ- QĐ-UBND"
        if parts[i] == parts[i - 2] and not parts[i].isdigit():
            del parts[i - 1 : i + 1]
    return "".join(parts)


MIN_CODE_COUNT = 20  # rarer codes of the lexicon are too often OCR or corpus noise


@cache
def _lexicon() -> frozenset[str]:
    """Codes seen in the corpus at least :data:`MIN_CODE_COUNT` times (repair's code book,
    ``dictionaries/codes.tsv``), and :data:`KNOWN_CODES`."""
    counts = CodeBook.load().counts
    return frozenset(KNOWN_CODES) | {c for c, n in counts.items() if n >= MIN_CODE_COUNT}


def is_known_code(code: str) -> bool:
    """Whether ``code`` is a type code or an issuer code common in the corpus."""
    return code in _lexicon()


def lacks_issuer_code(symbol: str) -> bool:
    """True for a state-style symbol that stops at its type code ("80/2025/NQ"): Decree 30
    always has the issuer's code follow, so OCR cut the rest off."""
    match = regex.fullmatch(rf"\d+(?:/\d{{4}})?/(?P<code>{_SEG})", symbol)
    return bool(match) and match["code"] in CODE_TO_NAME


def repair_codes(symbol: str, anchors: set[str]) -> str | None:
    """``symbol`` with an unknown code that is one OCR slip away from an expected code
    joined to a known one put right ("5331/CFCS" + "CT" → "5331/CT-CS": a letter misread and
    the hyphen lost), or None. ``anchors`` are the codes the header leads one to expect (the
    issuer's initials, the type line's code); the reading must be the only one that close,
    and not an exact join, which is a compound code as printed ("QĐ-CTUBND").
    """
    parts = regex.split(r"([/-])", symbol)
    for index in range(2, len(parts), 2):
        part = parts[index]
        if len(part) < 3 or not part.isalpha() or is_known_code(part):
            continue
        readings: dict[str, int] = {}
        for anchor in (a for a in anchors if len(a) >= 2):
            for code in (c for c in _lexicon() if len(c) >= 2):
                for reading in (f"{anchor}-{code}", f"{code}-{anchor}"):
                    distance = Levenshtein.distance(part, reading.replace("-", ""))
                    if distance <= 1:
                        readings[reading] = distance
        if len(readings) == 1 and 1 in readings.values():  # joined as printed: "CTUBND"
            return "".join([*parts[:index], *readings, *parts[index + 1 :]])
    return None


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


def reconcile_code(symbol: str, code: str) -> str | None:
    """``symbol`` with an OCR-damaged type code replaced by ``code`` (the type its title line
    names): "37691/TE-CHQ" + "TB" → "37691/TB-CHQ". None when nothing needs or allows it.
    """
    parts = regex.split(r"([/-])", symbol)
    for i, part in enumerate(parts[2::2], start=1):
        index = 2 * i
        if part.isdigit():
            continue
        if part == code or part in KNOWN_CODES or len(part) != len(code):
            return None
        if sum(a != b for a, b in zip(fold(part), fold(code), strict=True)) != 1:
            return None
        return "".join([*parts[:index], code, *parts[index + 1:]])
    return None


def symbol_year(symbol: str) -> int | None:
    """The year a symbol embeds ("84/2025/QĐ-UBND" → 2025), if any."""
    for part in regex.split(r"[/-]", symbol)[1:]:
        if _YEAR.match(part):
            return int(part)
    return None


def is_well_formed(symbol: str) -> bool:
    """Number, optional year, then a code: the shapes Decree 30/2020 and Party rules allow."""
    return bool(regex.fullmatch(rf"\d+(?:/\d{{4}})?/{_SEG}(?:-{_SEG})*|\d+-{_SEG}/{_SEG}", symbol))
