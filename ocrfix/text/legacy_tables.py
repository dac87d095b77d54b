"""Character tables of the 8-bit Vietnamese encodings TCVN3 (TCVN 5712:1993) and VNI-Windows.

Codes are given as the character a cp1252 (or latin-1) reading of the byte shows, because
that is how legacy files reach us: ``"Céng hßa"`` is TCVN3, ``"Coäng hoøa"`` is VNI.

TCVN 5712:1993 defines three sets. VN3, the one of the ABC keyboard and the .VnTime fonts,
has every lower-case letter but only the capitals Ă Â Ê Ô Ơ Ư Đ; other capitals were typed
with the lower-case codes in a capitals-only font (.VnTimeH), so the bytes do not say which
letters are capitals. VN1 adds the toned capitals in the C0/C1 control ranges and in the
slots VN3 leaves free; we decode those too (checked against glibc's TCVN5712-1 table).

VNI-Windows writes a base letter followed by a mark byte (``"a" + "ø"`` = à); ``i``, ``ơ``,
``ư``, ``đ`` and ``ỵ`` are single bytes. Capitals use the upper-case mark bytes.
"""

from __future__ import annotations

from ocrfix.text.chars import join_tone

# Base vowels in table order; each row of the tables below gives tones 0..5 in the order
# of ``chars.TONE_MARKS``: none, huyền, sắc, hỏi, ngã, nặng.
_VOWEL_ROWS = "aăâeêioôơuưy"

# --- TCVN3 / VN3: lower case, one byte per letter (0x61.. are ASCII a, e, i, o, u, y).
_TCVN3_LOWER_ROWS = (
    "a\xb5\xb8\xb6\xb7\xb9",  # a à á ả ã ạ
    "\xa8\xbb\xbe\xbc\xbd\xc6",  # ă
    "\xa9\xc7\xca\xc8\xc9\xcb",  # â
    "e\xcc\xd0\xce\xcf\xd1",  # e
    "\xaa\xd2\xd5\xd3\xd4\xd6",  # ê
    "i\xd7\xdd\xd8\xdc\xde",  # i
    "o\xdf\xe3\xe1\xe2\xe4",  # o
    "\xab\xe5\xe8\xe6\xe7\xe9",  # ô
    "\xac\xea\xed\xeb\xec\xee",  # ơ
    "u\xef\xf3\xf1\xf2\xf4",  # u
    "\xad\xf5\xf8\xf6\xf7\xf9",  # ư
    "y\xfa\xfd\xfb\xfc\xfe",  # y
)
_TCVN3_OTHER = {"đ": "\xae", "Đ": "\xa7", "Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4",
                "Ơ": "\xa5", "Ư": "\xa6"}  # fmt: skip

# --- VN1 capitals (TCVN 5712:1993 VN1), as latin-1 characters of their byte.
_VN1_CAPITALS = {
    "Ú": "\x01", "Ụ": "\x02", "Ừ": "\x04", "Ử": "\x05", "Ữ": "\x06", "Ứ": "\x11", "Ự": "\x12",
    "Ỳ": "\x13", "Ỷ": "\x14", "Ỹ": "\x15", "Ý": "\x16", "Ỵ": "\x17",
    "À": "\x80", "Ả": "\x81", "Ã": "\x82", "Á": "\x83", "Ạ": "\x84", "Ặ": "\x85", "Ậ": "\x86",
    "È": "\x87", "Ẻ": "\x88", "Ẽ": "\x89", "É": "\x8a", "Ẹ": "\x8b", "Ệ": "\x8c", "Ì": "\x8d",
    "Ỉ": "\x8e", "Ĩ": "\x8f", "Í": "\x90", "Ị": "\x91", "Ò": "\x92", "Ỏ": "\x93", "Õ": "\x94",
    "Ó": "\x95", "Ọ": "\x96", "Ộ": "\x97", "Ờ": "\x98", "Ở": "\x99", "Ỡ": "\x9a", "Ớ": "\x9b",
    "Ợ": "\x9c", "Ù": "\x9d", "Ủ": "\x9e", "Ũ": "\x9f",
    "Ằ": "\xaf", "Ẳ": "\xba", "Ẵ": "\xbf", "Ắ": "\xc0", "Ầ": "\xc1", "Ẩ": "\xc2", "Ẫ": "\xc3",
    "Ấ": "\xc4", "Ề": "\xc5", "Ể": "\xcd", "Ễ": "\xd9", "Ế": "\xda", "Ồ": "\xdb", "Ổ": "\xe0",
    "Ỗ": "\xf0", "Ố": "\xff",
}  # fmt: skip

# --- VNI-Windows mark bytes (lower case; capitals use ``str.upper`` of the same byte).
_VNI_TONES = ("", "\xf8", "\xf9", "\xfb", "\xf5", "\xef")  # ø ù û õ ï
_VNI_CIRCUMFLEX = ("\xe2", "\xe0", "\xe1", "\xe5", "\xe3", "\xe4")  # â à á å ã ä
_VNI_BREVE = ("\xea", "\xe8", "\xe9", "\xfa", "\xfc", "\xeb")  # ê è é ú ü ë
_VNI_I = ("i", "\xec", "\xed", "\xe6", "\xf3", "\xf2")  # i ì í æ ó ò
_VNI_SINGLE = {"ơ": "\xf4", "ư": "\xf6", "đ": "\xf1"}  # ô ö ñ
_VNI_Y_DOT = "\xee"  # î: ỵ is one byte, unlike ỳ ý ỷ ỹ


def _tcvn3_table() -> dict[str, str]:
    table = dict(_TCVN3_OTHER)
    for base, row in zip(_VOWEL_ROWS, _TCVN3_LOWER_ROWS, strict=True):
        for tone, code in enumerate(row):
            table[join_tone(base, tone)] = code
    table.update(_VN1_CAPITALS)
    return table


def _vni_lower(base: str, tone: int) -> str:
    if base == "i":
        return _VNI_I[tone]
    if base == "y" and tone == 5:
        return _VNI_Y_DOT
    if base in "âêô":
        return {"â": "a", "ê": "e", "ô": "o"}[base] + _VNI_CIRCUMFLEX[tone]
    if base == "ă":
        return "a" + _VNI_BREVE[tone]
    return _VNI_SINGLE.get(base, base) + _VNI_TONES[tone]


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for base in _VOWEL_ROWS:
        for tone in range(6):
            lower = join_tone(base, tone)
            table[lower] = _vni_lower(base, tone)
            table[lower.upper()] = _vni_lower(base, tone).upper()
    table.update({"đ": "\xf1", "Đ": "\xd1"})
    return {char: code for char, code in table.items() if char != code}


#: Unicode letter → its TCVN3 code (VN3, else VN1 for capitals), cp1252/latin-1 view.
TCVN3_ENCODE: dict[str, str] = {c: b for c, b in _tcvn3_table().items() if c != b}
#: Unicode letter → its VNI-Windows sequence of one or two bytes, cp1252 view.
VNI_ENCODE: dict[str, str] = _vni_table()
