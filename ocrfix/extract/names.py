"""Persons' names in signature blocks, as printed or as OCR leaves them.

A name is 2-6 title-case words, optionally after a military or academic rank ("Thượng
tướng Vũ Hải Sản"). Scans add debris around it (the signature scribble and the seal read as
"‹", "~", "1", "ống"; a ghosted photo doubles each word), split off or cut its first letters
("N guyễn", "guyễn Anh Tài"); OCR misreads the surname's marks alone ("Dao Thu Hương",
"Dạng Ngọc Minh", "Phạnĩ" for Phạm), swaps it behind the middle name ("Văn Trần Thuấn") or
leaves specks inside it ("L.ương", "Vũ a Hai 2 Sân"). :func:`read_name` removes the debris,
puts the words back in order and restores the surname from the common Vietnamese family
names when exactly one fits.
"""

from __future__ import annotations

import regex

from ocrfix.extract.keywords import VIETNAMESE_MARKED, fold
from ocrfix.text import strip_tones

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
# Middle names OCR leaves unmarked whose unmarked form no one carries there ("Thi" → "Thị").
_MIDDLE_MARKS = {"Thi": "Thị", "Van": "Văn", "Duc": "Đức", "Huu": "Hữu", "Ngoc": "Ngọc",
                 "Quoc": "Quốc", "Xuan": "Xuân"}
_MIDDLE = frozenset(_MIDDLE_MARKS) | frozenset(_MIDDLE_MARKS.values())
# Letter shapes OCR reads as others in a surname: "m" as "rn" or "n" plus an i ("Phạnĩ").
_GLYPHS = regex.compile(r"rn|n[iìíĩỉị]")
_SPECKS = regex.compile(r"^[^\p{L}]+|(?<=\p{L})[.,'`](?=\p{L})")  # ".am", "L.ương"


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


def read_name(text: str, context: str = "") -> tuple[str | None, str | None]:
    """``(rank, name)`` of a line that holds only a name and OCR debris (not a list item); a
    family name cut to a fragment no family name alone completes ("ù Chiến Thắng": Vũ, Lưu,
    Chu...) is completed from where ``context`` names the person in full."""
    text = text.strip()
    if not text or text[0] in _LIST_MARKS:
        return None, None
    words = [w for w in text.split() if len(w) > _DEBRIS or any(c.isalpha() for c in w)]
    words = [regex.sub(r"[^\p{L}]", "", w) if len(w) <= _DEBRIS else _unspeck(w)
             for w in words]  # "T“", "\"hung", "L.ương"
    words = _unstutter(words)
    inner = [w for i, w in enumerate(words)  # scribble read inside the name: "Vũ a Hai"
             if not (0 < i < len(words) - 1 and len(w) <= _DEBRIS and w.islower())]
    if surname_led(RANKS.sub("", " ".join(inner))):  # only a name that starts as names do
        words = inner
    if len(words) >= 3 and len(words[0]) == 1 and words[0].isupper() and words[1][0].islower():
        # its first letter split off: "N guyễn", or after repair "N nguyễn"
        rejoined = words[1] if fold(words[1])[0] == fold(words[0]) else words[0] + words[1]
        words[:2] = [rejoined[0].upper() + rejoined[1:]]
    if len(words) >= 3 and words[0][0].islower() and split_name(" ".join(words[1:]))[1]:
        words[0] = _complete_surname(words[0]) or words[0]  # "guyễn Anh Tài": first letters cut
        full = complete_from_text(" ".join(words[1:]), context) if words[0].islower() else None
        words = full.split() if full else words
    words = _drop_stray_initial(words)
    if len(words) >= 4 and words[-1].islower() and words[0] in SURNAMES:  # "... Phong ống"
        words.pop()
    rank, name = split_name(" ".join(words))
    if name and _POSITIONS.search(fold(name)):
        return None, None
    if name and not rank:
        name = _mend_order(name.split())
        first, _, rest = name.partition(" ")
        if _has_marks(rest) and first not in SURNAMES:  # "Dao", "Dạng" for Đào, Đặng
            name = f"{_marked_surname(first) or first} {rest}"
    return rank, name


_STUTTER = 3  # the longest run of words a ghosted photo is seen to repeat


def _unstutter(words: list[str]) -> list[str]:
    """``words`` with runs read twice in a row said once: a ghosted or shaken photo prints a
    name twice over ("Phạm Thị Phạm Thị Minh Hiền", "Vũ Vũ Hải")."""
    i = 0
    while i < len(words):
        run = next((k for k in range(_STUTTER, 0, -1)
                    if words[i : i + k] == words[i + k : i + 2 * k]), 0)
        if run:
            del words[i : i + run]
        else:
            i += 1
    return words


def _drop_stray_initial(words: list[str]) -> list[str]:
    """``words`` without a stray mark read as a letter glued to the family name ("Anguyễn Sỹ
    Hiệp"): kept when the first word is a family name or its rest is none."""
    if len(words) < 2 or words[0] in SURNAMES or len(words[0]) < 3:
        return words
    rest = words[0][1:]
    if rest.islower() and rest[0].upper() + rest[1:] in SURNAMES:
        return [rest[0].upper() + rest[1:], *words[1:]]
    return words


def _unspeck(word: str) -> str:
    """``word`` without the specks before or inside its letters (kept when it has none)."""
    return _SPECKS.sub("", word) if any(c.isalpha() for c in word) else word


def _mend_order(words: list[str]) -> str:
    """The name with a middle name read before the surname put back behind it ("Văn Trần
    Thuấn"), and an unmarked middle name in a marked name given its marks ("Phạm Thi Minh
    Hiền" → "Thị")."""
    if len(words) >= 3 and words[0] in _MIDDLE and _marked_surname(words[1]):
        words = [words[1], words[0], *words[2:]]
    if len(words) >= 3 and _has_marks(" ".join([words[0], *words[2:]])):  # not on plain text
        words = [words[0], _MIDDLE_MARKS.get(words[1], words[1]), *words[2:]]
    return " ".join(words)


def _has_marks(text: str) -> bool:
    return any(c in VIETNAMESE_MARKED for c in text.lower())


def _one_mismatch(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


# Ever looser ways a cut fragment may end a family name: as printed when it carries a tone
# ("ào" ends Đào); else marks ignored, since a fragment without a tone may have lost it ("ân"
# ends Trần as well as Thân) and repair may have invented its vowel marks ("am" → "âm", Lâm
# for Phạm); then one letter misread too ("lủng" ends Phùng).
_SUFFIX_TESTS = (
    lambda s, f: strip_tones(f) != f and s.lower().endswith(f.lower()),
    lambda s, f: len(f) < len(s) and fold(s).endswith(fold(f)),  # "trưởng" is no cut Trương
    lambda s, f: 4 <= len(f) < len(s) and _one_mismatch(fold(s)[-len(f):], fold(f)),
)


def _complete_surname(fragment: str) -> str | None:
    """The one family name ending in ``fragment`` (at least two letters, or one marked
    vowel: "ê" ends only Lê) under the strictest test that any name passes, if exactly one
    passes it."""
    if len(fragment) < 2 and not _has_marks(fragment):
        return None
    for test in _SUFFIX_TESTS:
        fits = [s for s in SURNAMES if test(s, fragment)]
        if fits:
            return fits[0] if len(fits) == 1 else None
    return None


def _marked_surname(word: str) -> str | None:
    """The family name ``word`` is with its marks lost or misread ("Dao", "Dạng" → "Đào",
    "Đặng") or its "m" read as "rn" or "nĩ" ("Phạnĩ"), if only one fits."""
    for guess in dict.fromkeys((word, _GLYPHS.sub("m", word))):
        fits = [s for s in SURNAMES if fold(s) == fold(guess)]
        if fits:
            return fits[0] if len(fits) == 1 else None
    return None


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
