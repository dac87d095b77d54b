"""The issuing body (left column of the header) and its parent body.

"BỘ TÀI CHÍNH / CỤC THUẾ" → issuer "Cục Thuế", parent "Bộ Tài chính"; "ỦY BAN NHÂN DÂN /
TỈNH HÀ TĨNH" is one body split over two lines (a People's Committee needs its locality).
Names are re-cased the way Vietnamese writes them: first word capitalised, the name after a
body word ("Bộ", "Cục", "Sở", ...) capitalised, localities in title case.
"""

from __future__ import annotations

import regex

from ocrfix.extract.found import MISSING, Found
from ocrfix.extract.header import split_motto
from ocrfix.extract.keywords import fold, upper_ratio
from ocrfix.extract.layout import Line, evidence

LEVELS = ("thanh pho", "thi xa", "thi tran", "dac khu", "tinh", "huyen", "quan", "xa", "phuong")
_LEVEL_START = regex.compile(rf"^(?:{'|'.join(LEVELS)})\b")
_NEEDS_LOCALITY = regex.compile(r"(?:uy ban nhan dan|hoi dong nhan dan|ubnd|hdnd)\s*$")
_BODY_WORDS = (
    "tong cuc",
    "chi cuc",
    "van phong",
    "trung tam",
    "ngan hang",
    "kho bac",
    "bo",
    "cuc",
    "so",
    "vu",
    "ban",
    "thue",
    "phong",
    "vien",
)
_ABBREVIATIONS = {"ubnd": "ỦY BAN NHÂN DÂN", "hdnd": "HỘI ĐỒNG NHÂN DÂN"}
# A body name starts with one of these; a header line that does not continues the line above.
_ORG_START = regex.compile(
    r"^(?:bo|cuc|so|vu|ban|uy ban|hoi dong|van phong|chinh phu|thu tuong|thue|tong cuc|chi cuc|"
    r"trung tam|ubnd|hdnd|dang uy|tinh uy|thanh uy|huyen uy|kho bac|ngan hang|vien|truong|"
    r"cong an|toa an|quoc hoi|chu tich|phong|bao hiem|tap doan|tong cong ty|cong ty|dai hoc|"
    r"hoc vien|benh vien|doan|hoi|mat tran|kiem toan|thanh tra)\b"
)
_PROPER = {
    "chinh phu": "Chính phủ",
    "trung uong": "Trung ương",
    "quoc hoi": "Quốc hội",
    "viet nam": "Việt Nam",
    "nha nuoc": "Nhà nước",
    "hai quan": "Hải quan",
}


def _units(texts: list[str]) -> list[str]:
    """Header lines grouped into bodies (a locality line joins its committee/council line)."""
    units: list[str] = []
    for text in texts:
        words = [_ABBREVIATIONS.get(fold(w), w) for w in text.split()]
        text = " ".join(words)
        folded = fold(text)
        if units and (
            (_LEVEL_START.match(folded) and _NEEDS_LOCALITY.search(fold(units[-1])))
            or not (_ORG_START.match(folded) or _LEVEL_START.match(folded))
            or folded.startswith("va ")
            or units[-1].rstrip().endswith((",", " VÀ", " và"))
        ):
            units[-1] = f"{units[-1]} {text}"
        else:
            units.append(text)
    return units


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def vietnamese_case(name: str) -> str:
    """Sentence-case an upper-case body name ("BỘ TÀI CHÍNH" → "Bộ Tài chính")."""
    if upper_ratio(name) < 0.7:
        return " ".join(name.split())
    words = name.lower().split()
    folded = [fold(w) for w in words]
    out = list(words)
    out[0] = _cap(out[0])
    for body in _BODY_WORDS:
        size = len(body.split())
        if " ".join(folded[:size]) == body and len(words) > size:
            if not _LEVEL_START.match(" ".join(folded[size:])):
                out[size] = _cap(out[size])
                for k in range(size + 1, len(words)):  # "Bộ Khoa học và Công nghệ"
                    if folded[k - 1] == "va" or words[k - 1].endswith(","):
                        out[k] = _cap(out[k])
            break
    for i in range(len(words)):
        pair = " ".join(folded[i : i + 2])
        if pair in _PROPER:
            out[i : i + 2] = _PROPER[pair].split()
    for i in range(len(words)):
        joined = " ".join(folded[i : i + 2])
        level = 2 if joined in LEVELS else (1 if folded[i] in LEVELS else 0)
        if level and i + level < len(words) and (i > 0):
            out[i + level :] = [_cap(w) for w in out[i + level :]]
            break
    return " ".join(out)


def initials(name: str) -> str:
    """The code Decree 30 abbreviates a body to, from its name's syllables up to its locality
    ("Cục Hải quan" → "CHQ", "Ủy ban nhân dân tỉnh Hà Tĩnh" → "UBND", "Bộ Giáo dục và Đào
    tạo" → "BGDĐT"); "và" gives no letter, "đ" gives "Đ"."""
    words = name.split()
    folded = [fold(word) for word in words]
    letters = []
    for i, word in enumerate(words):
        if i and _LEVEL_START.match(" ".join(folded[i:])) and len(words) > i + 1:
            break  # a locality follows ("tỉnh Hà Tĩnh"), not "Cục Hải quan"
        if folded[i] != "va" and folded[i][:1].isalpha():
            letters.append("Đ" if word[0] in "đĐ" else folded[i][0].upper())
    return "".join(letters)


def extract_issuer(header: list[Line], first_field_line: int) -> tuple[Found, Found]:
    """``(issuer, issuer_parent)`` from the header lines above the number/date/title lines."""
    texts: list[str] = []
    used: list[Line] = []
    for line in header:
        if line.number >= first_field_line:
            break
        split = split_motto(line.text)
        left = split.left.strip(" -_")
        if left and upper_ratio(left) >= 0.6:
            texts.append(left)
            used.append(line)
    if not texts:
        return MISSING, MISSING
    units = _units(texts)
    ev = evidence(used[0], used[-1])
    issuer = Found(vietnamese_case(units[-1]), 0.85, ev)
    parent = Found(vietnamese_case(units[-2]), 0.8, ev) if len(units) > 1 else MISSING
    return issuer, parent
