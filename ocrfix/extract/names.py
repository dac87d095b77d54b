"""Persons' names in signature blocks, as printed or as OCR leaves them.

A name is 2-6 title-case words, optionally after a military or academic rank ("Thượng
tướng Vũ Hải Sản"). Scans add debris around it (the signature scribble and the seal read as
"‹", "~", "1", "ống"; a ghosted photo doubles each word), split off or cut its first letters
("N guyễn", "guyễn Anh Tài"); OCR misreads the surname's marks alone ("Dao Thu Hương",
"Dạng Ngọc Minh"). :func:`read_name` removes the debris and restores the surname from the
common Vietnamese family names when exactly one fits.
"""

from __future__ import annotations

import regex

from ocrfix.extract.keywords import VIETNAMESE_MARKED, fold

RANKS = regex.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)|(?:PGS|GS|TS|ThS|BS|KTS)\.?(?:\s*TS\.?)?)\s+"
)
# The family names most Vietnamese carry (general knowledge, not read from any document).
SURNAMES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Vương", "Trịnh", "Trương", "Đinh", "Lâm",
    "Phùng", "Mai", "Tô", "Hà", "Tạ", "Lưu", "Cao", "Chu", "Đàm", "Lương", "Quách", "Thái",
    "Tăng", "Kiều", "Lại", "Khúc", "Lục", "Mạc", "Nông", "Triệu", "Âu", "Thân", "Doãn", "Giang",
    "Hứa", "Tống", "Châu", "Diệp", "Đồng", "Từ", "Viên", "Nghiêm", "Khổng", "Lò", "Hầu",
)
_LIST_MARKS = "-–—+•~*"
# Positions that repair may title-case into a name-like line ("Oe URE SHU TICH" → "Hệ Tre Chủ
# Tịch"); no one is so named ("vu truong" is left out: Vũ Trường is a name).
_POSITIONS = regex.compile(r"\b(?:chu tich|giam doc|bo truong|cuc truong)\b")
_DEBRIS = 2  # a token of at most this many characters and no letter is OCR debris


def split_name(text: str) -> tuple[str | None, str | None]:
    """``(rank, name)`` when ``text`` is exactly a person's name ("Thượng tướng Vũ Hải Sản")."""
    text = " ".join(text.split())
    rank_match = RANKS.match(text)
    rank = rank_match.group().strip() if rank_match else None
    name = text[rank_match.end() :] if rank_match else text
    words = name.split()
    if not 2 <= len(words) <= 6:
        return None, None
    if all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha() for w in words):
        return rank, name
    return None, None


def read_name(text: str) -> tuple[str | None, str | None]:
    """``(rank, name)`` of a line that holds only a name and OCR debris (not a list item)."""
    text = text.strip()
    if not text or text[0] in _LIST_MARKS:
        return None, None
    words = [w for w in text.split() if len(w) > _DEBRIS or any(c.isalpha() for c in w)]
    words = [regex.sub(r"[^\p{L}]", "", w) if len(w) <= _DEBRIS else w for w in words]  # "T“"
    words = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]  # a ghosted photo
    if len(words) >= 3 and len(words[0]) == 1 and words[0].isupper() and words[1][0].islower():
        # its first letter split off: "N guyễn", or after repair "N nguyễn"
        rejoined = words[1] if fold(words[1])[0] == fold(words[0]) else words[0] + words[1]
        words[:2] = [rejoined[0].upper() + rejoined[1:]]
    if words and words[0][0].islower() and len(words) >= 3:  # "guyễn Anh Tài": first letters cut
        words[0] = _complete_surname(words[0]) or words[0]
    if len(words) >= 4 and words[-1].islower() and words[0] in SURNAMES:  # "... Phong ống"
        words.pop()
    rank, name = split_name(" ".join(words))
    if name and _POSITIONS.search(fold(name)):
        return None, None
    if name and not rank:
        first, _, rest = name.partition(" ")
        if _has_marks(rest) and first not in SURNAMES:  # "Dao", "Dạng" for Đào, Đặng
            name = f"{_marked_surname(first) or first} {rest}"
    return rank, name


def _has_marks(text: str) -> bool:
    return any(c in VIETNAMESE_MARKED for c in text.lower())


def _complete_surname(fragment: str) -> str | None:
    """The one family name ending in ``fragment`` (at least two letters, marks ignored since
    OCR and repair often get them wrong), if exactly one does."""
    if len(fragment) < 2:
        return None
    fits = [s for s in SURNAMES if fold(s).endswith(fold(fragment))]
    return fits[0] if len(fits) == 1 else None


def _marked_surname(word: str) -> str | None:
    """The family name ``word`` is with its marks lost or misread ("Dao", "Dạng" → "Đào",
    "Đặng"), if only one fits."""
    fits = [s for s in SURNAMES if fold(s) == fold(word)]
    return fits[0] if len(fits) == 1 else None


def surname_led(name: str) -> bool:
    """Whether ``name`` starts with a common family name (OCR debris seldom does)."""
    return name.split(" ", 1)[0] in SURNAMES


def complete_from_text(name: str, text: str) -> str | None:
    """The full name ``text`` gives elsewhere for a signer's name whose family name OCR lost
    ("Hạnh Phúc" and "- Phó CT UBND tỉnh Ngô Hạnh Phúc;"), when exactly one fits."""
    if surname_led(name):
        return None
    pattern = rf"\b(?:{'|'.join(SURNAMES)})(?:\s+\p{{Lu}}\p{{Ll}}*){{0,2}}\s+{regex.escape(name)}\b"
    found = {" ".join(m.split()) for m in regex.findall(pattern, text)}
    return found.pop() if len(found) == 1 else None
