"""Document type and its code (Decree 30/2020/NĐ-CP, Appendix III, plus legal normative types).

The type is read from the stand-alone type line under the header ("QUYẾT ĐỊNH", also with
OCR specks after it: "QUYẾT ĐỊNH non", or a colon the symbol's type code vouches for:
"THÔNG TƯ :"), else from the symbol's type code ("12/QĐ-UBND"), else a "V/v" summary means
a công văn (which has no code). A symbol ``VBHN`` marks a consolidated text, which reprints
the type line of the document it consolidates, so the symbol wins there. A title line that
merely starts with a type name ("QUY ĐỊNH CƠ CHẾ ...": a verb as often as a type) yields to
the symbol's type code when they disagree.
"""

from __future__ import annotations

import regex
from rapidfuzz import fuzz

from ocrfix.extract.found import MISSING, Found, warning
from ocrfix.extract.keywords import fold, upper_ratio
from ocrfix.extract.layout import Line, evidence

# Appendix III of Decree 30/2020/NĐ-CP: administrative document types and abbreviations.
APPENDIX_III: tuple[tuple[str, str], ...] = (
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
)
# Legal normative and Party documents carry these codes in their symbols.
OTHER_TYPES: tuple[tuple[str, str], ...] = (
    ("Nghị định", "NĐ"),
    ("Thông tư liên tịch", "TTLT"),
    ("Thông tư", "TT"),
    ("Nghị quyết liên tịch", "NQLT"),
    ("Văn bản hợp nhất", "VBHN"),
    ("Kết luận", "KL"),
    ("Pháp lệnh", "PL"),
    ("Lệnh", "L"),
)
CONG_VAN = "Công văn"
NAMED_ONLY = ("Luật", "Bộ luật", "Hiến pháp")  # cited by name; their symbols end in QH
TYPES = APPENDIX_III + OTHER_TYPES
CODE_TO_NAME = {code: name for name, code in TYPES}
_FOLDED_NAMES = {fold(name): name for name, _ in TYPES}
NAME_TO_CODE = {name: code for name, code in TYPES}


_LEADING_JUNK = regex.compile(r"^[\W_]*(?:\w[\W_]+)?(?=\w{3})")
# OCR specks after an upper-case line: short tokens without a capital ("QUYẾT ĐỊNH non")
_TRAILING_JUNK = regex.compile(r"(?:\s+[^\p{Lu}\s:]{1,3})+\s*$")


def name_for_code(code: str | None) -> str | None:
    """The type a symbol code stands for (``"QĐ"`` → ``"Quyết định"``)."""
    return CODE_TO_NAME.get(code) if code else None


def match_type_line(text: str, *, cutoff: float = 88.0) -> str | None:
    """The type a stand-alone title line names ("QUYẾT ĐỊNH", garbled "QUYET DINH")."""
    folded = " ".join(fold(text).strip(" .").split())
    folded = _LEADING_JUNK.sub("", folded)  # OCR specks before the line: "f : QUYET DINH"
    if not folded or folded.endswith(":") or len(folded) > 24:
        return None
    if folded in _FOLDED_NAMES:
        return _FOLDED_NAMES[folded]
    best = max(_FOLDED_NAMES, key=lambda name: fuzz.ratio(name, folded))
    return _FOLDED_NAMES[best] if fuzz.ratio(best, folded) >= cutoff else None


def _prefix_type(line: Line) -> tuple[str, int] | None:
    """``(type, column)`` when an upper-case line starts with a type name then more words."""
    folded = line.folded
    for folded_name in sorted(_FOLDED_NAMES, key=len, reverse=True):
        lead = len(folded) - len(folded.lstrip())
        if folded[lead:].startswith(folded_name + " "):
            return _FOLDED_NAMES[folded_name], lead + len(folded_name) + 1
    return None


def standalone_type(line: Line) -> str | None:
    """The type an upper-case line names on its own ("QUYẾT ĐỊNH", "QUYẾT ĐỊNH non")."""
    core = _TRAILING_JUNK.sub("", line.stripped)
    return match_type_line(core) if core and upper_ratio(core) >= 0.8 else None


def find_type_line(
    lines: list[Line], symbol_code: str | None = None
) -> tuple[Line, str, int | None] | None:
    """The header line naming the document type: ``(line, type, title column or None)``.

    A type name standing alone wins, then one followed by a colon when ``symbol_code`` (the
    type code of the document's symbol) names the same type; failing that, an upper-case
    line that starts with one ("THÔNG BÁO KẾT LUẬN ...") gives the type and the column
    where the title begins.
    """
    cores = [(line, _TRAILING_JUNK.sub("", line.stripped)) for line in lines if line.stripped]
    upper = [(line, core) for line, core in cores if upper_ratio(core) >= 0.8]
    for line in lines:
        name = standalone_type(line)
        if name:
            return line, name, None
    symbol_name = name_for_code(symbol_code)
    for line, core in upper:
        if symbol_name and core.endswith(":") and match_type_line(core.rstrip(": ")) == symbol_name:
            return line, symbol_name, None
    for line, _ in upper:
        found = _prefix_type(line)
        if found and not line.stripped.endswith(":"):
            return line, found[0], found[1]
    return None


def extract_doc_type(
    type_line: tuple[Line, str, int | None] | None,
    symbol_code: str | None,
    summary_line: Line | None,
    addressee_line: Line | None = None,
) -> tuple[Found, Found]:
    """``(doc_type, doc_type_code)`` from the type line, the symbol code, a V/v summary, and a
    "Kính gửi" line (a document addressed to someone with no type name is a công văn)."""
    if symbol_code == "VBHN":
        name = CODE_TO_NAME["VBHN"]
        ev = evidence(type_line[0]) if type_line else None
        return Found(name, 0.9, ev), Found("VBHN", 0.9, ev)
    if type_line:
        line, name, column = type_line
        ev = evidence(line)
        symbol_name = name_for_code(symbol_code)
        code = NAME_TO_CODE.get(name)
        warnings = []
        if symbol_name and symbol_name != name:
            if column is not None:  # a title opening with a verb ("QUY ĐỊNH CƠ CHẾ ...")
                return Found(symbol_name, 0.8, ev), Found(symbol_code, 0.8, ev)
            warnings.append(
                warning(
                    "doc_type",
                    "type_mismatch",
                    f"title says {name!r} but the symbol code {symbol_code!r} means "
                    f"{symbol_name!r}",
                )
            )
        confidence = 1.0 if symbol_name == name else 0.85
        return Found(name, confidence, ev, warnings), Found(code, confidence, ev)
    if summary_line is not None:
        ev = evidence(summary_line)
        return Found(CONG_VAN, 0.9, ev), Found(None, 0.9, ev)
    if addressee_line is not None:  # a letter to someone without a type name: công văn
        ev = evidence(addressee_line)
        return Found(CONG_VAN, 0.75, ev), Found(None, 0.75, ev)
    name = name_for_code(symbol_code)
    if name:
        return Found(name, 0.6, None), Found(symbol_code, 0.6, None)
    return MISSING, MISSING
