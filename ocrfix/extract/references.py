"""Documents the text cites: "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ".

Every number-and-symbol in the text is a candidate; the type word before it ("Nghị định
số"), the date right after it ("ngày 01/7/2025", "ngày 16 tháng 6 năm 2025") and the body
after "của" complete it. Laws are also cited by name and date alone ("Luật Tổ chức chính
quyền địa phương ngày 16/6/2025"). The document's own number is not a reference.
"""

from __future__ import annotations

import regex

from ocrfix.extract.doc_type import NAMED_ONLY, TYPES, name_for_code
from ocrfix.extract.keywords import fold
from ocrfix.extract.place_date import parse_numbers
from ocrfix.extract.symbols import SYMBOL, normalize_symbol, type_code

_TYPE_NAMES = sorted(
    {name for name, _ in TYPES} | set(NAMED_ONLY) | {"Công văn", "Văn bản", "Chỉ thị"},
    key=len,
    reverse=True,
)
_TYPE_ALT = "|".join(regex.escape(n) for n in _TYPE_NAMES)
_LAW_ALT = "Bộ luật|Luật|Pháp lệnh|Hiến pháp"
_TYPE_BEFORE = regex.compile(
    rf"(?<!\p{{L}})(?P<type>{_TYPE_ALT})(?P<name>[^;:()\n]{{0,160}}?)\s+(?:số|số hiệu)\s*:?\s*$",
    regex.IGNORECASE | regex.V1,
)
_DATE_NUMERIC = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_DATE_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s*(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
_DATE_AFTER = regex.compile(
    rf"^\s*,?\s*(?:ban hành\s+|được ban hành\s+)?ngày\s+(?:{_DATE_NUMERIC}|{_DATE_WORDS})",
    regex.IGNORECASE,
)
_FORM_BEFORE = regex.compile(r"mẫu\s+(?:số\s*)?:?\s*$", regex.IGNORECASE)  # forms are not documents
_ISSUER_AFTER = regex.compile(
    r"^\s*,?\s*của\s+(?P<issuer>.+?)(?=\s+(?:về|quy định|hướng dẫn|ban hành|sửa đổi|phê duyệt|"
    r"v/v|việc|công bố|bãi bỏ|tại|đến|theo|và|thì|đã|để|giao|thông qua|đối với|trong)\b|"
    r"[,;.:()\n\"“”]|$)"
)
_LAW_BY_NAME = regex.compile(
    rf"(?<!\p{{L}})(?P<type>{_LAW_ALT})\s+(?P<name>[^;:()\n]{{2,160}}?)\s+ngày\s+"
    rf"(?:{_DATE_NUMERIC}|{_DATE_WORDS})"
)
_BAD_LAW_NAME = regex.compile(r"\bsố\s*\d|hiệu lực|\btừ$|\bđến$|\bnăm$|\btrước$|\bsau$")
_GENERIC = {"văn bản", "công văn"}
_LOOKBACK = 200


def _date(match: regex.Match) -> str | None:
    groups = match.groupdict()
    if groups.get("d"):
        return parse_numbers(groups["d"], groups["m"], groups["y"])[0]
    return parse_numbers(groups["d2"], groups["m2"], groups["y2"])[0]


def _doc_type(word: str | None, symbol: str) -> str | None:
    code = type_code(symbol)
    if word is None:
        return name_for_code(code)
    canonical = next(n for n in _TYPE_NAMES if n.lower() == word.lower())
    if canonical.lower() in _GENERIC:
        return name_for_code(code) or ("Công văn" if canonical == "Công văn" else None)
    return canonical


def _clean_name(name: str) -> str | None:
    name = " ".join(name.split()).strip(" ,")
    return name or None


def _from_symbols(text: str, own: str | None) -> list[dict]:
    refs = []
    for match in SYMBOL.finditer(text):
        number = normalize_symbol(match.group())
        if (own and number == own) or _FORM_BEFORE.search(
            text[max(0, match.start() - 12) : match.start()]
        ):
            continue
        before = _TYPE_BEFORE.search(text[max(0, match.start() - _LOOKBACK) : match.start()])
        word = before["type"] if before else None
        law_name = None
        if before and word.lower() in {n.lower() for n in (*NAMED_ONLY, "Pháp lệnh")}:
            law_name = _clean_name(f"{word} {before['name']}")
        after = text[match.end() : match.end() + 200]
        date_match = _DATE_AFTER.match(after)
        date = _date(date_match) if date_match else None
        issuer_match = _ISSUER_AFTER.match(after[date_match.end() :] if date_match else after)
        refs.append(
            {
                "doc_type": _doc_type(word, number),
                "number": number,
                "date": date,
                "issuer": _clean_name(issuer_match["issuer"]) if issuer_match else None,
                "name": law_name,
                "_at": match.start(),
            }
        )
    return refs


def _from_law_names(text: str) -> list[dict]:
    refs = []
    for match in _LAW_BY_NAME.finditer(text):
        name = _clean_name(match["name"])
        if not name or _BAD_LAW_NAME.search(name) or SYMBOL.search(name):
            continue
        name = f"{match['type']} {name}"
        refs.append(
            {
                "doc_type": next(n for n in _TYPE_NAMES if n.lower() == match["type"].lower()),
                "number": None,
                "date": _date(match),
                "issuer": None,
                "name": name,
                "_at": match.start(),
            }
        )
    return refs


def _key(ref: dict) -> str:
    return ref["number"] or f"{ref['doc_type']}:{fold(ref['name'] or '')}"


def _merge(refs: list[dict]) -> list[dict]:
    """One entry per cited document, keeping the fullest (dated, with issuer) mention."""
    merged: dict[tuple[str, str | None], dict] = {}
    dated_keys = {_key(r) for r in refs if r["date"]}
    for ref in sorted(refs, key=lambda r: r["_at"]):
        key = _key(ref)
        if ref["date"] is None and key in dated_keys:
            continue
        slot = (key, ref["date"])
        if slot not in merged:
            merged[slot] = dict(ref)
            continue
        kept = merged[slot]
        for field in ("doc_type", "issuer", "name"):
            kept[field] = kept[field] or ref[field]
    out = []
    for ref in merged.values():
        ref.pop("_at")
        out.append(ref)
    return out


def extract_references(text: str, *, own_number: str | None = None) -> list[dict]:
    """Every cited document as ``{doc_type, number, date, issuer, name}`` (name: laws)."""
    return _merge(_from_symbols(text, own_number) + _from_law_names(text))
