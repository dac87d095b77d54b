"""Read a text file whatever its encoding: UTF-8/16, cp1258, or legacy TCVN3/VNI/VIQR.

Vietnamese office files come in all of these, and a wrong guess turns a report into
mojibake, so ``"auto"`` decides from evidence (BOM, NUL pattern, valid UTF-8, then which
legacy encoding turns the most words into Vietnamese syllables) and refuses binary data
and 8-bit text it cannot place, naming the file. Output is NFC with LF line endings.
"""

from __future__ import annotations

import codecs
import os
import unicodedata
from collections.abc import Callable

import regex

from ocrfix.exceptions import EncodingError, InputError, UsageError
from ocrfix.text.legacy import convert, decode_cp1252, detect_legacy
from ocrfix.text.syllable import is_valid_syllable

ENCODINGS = ("auto", "utf-8", "utf-16", "cp1258", "tcvn3", "vni", "viqr")

_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    *_UTF16_BOMS,
)
_MAGIC = (
    (b"%PDF", "a PDF document (use `ocrfix ocr`)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image (use `ocrfix ocr`)"),
    (b"\xff\xd8\xff", "a JPEG image (use `ocrfix ocr`)"),
    (b"II*\x00", "a TIFF image (use `ocrfix ocr`)"),
    (b"MM\x00*", "a TIFF image (use `ocrfix ocr`)"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (DOCX/XLSX/ODT are ZIP; save as plain text first)"),
    (b"\xd0\xcf\x11\xe0", "an OLE file (old DOC/XLS; save as plain text first)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
)
_SNIFF = 4096  # bytes looked at for the UTF-16 NUL pattern
# Share of high bytes that are NUL in UTF-16 text: ASCII letters, digits and spaces make
# well over half of Vietnamese text; binary data with a few NULs stays far below.
_UTF16_NUL_SHARE = 0.5
# Control characters that plain text may hold; VN1 (TCVN3) capitals also live in C0.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a\x1b") | frozenset("\x01\x02\x04\x05\x06") | frozenset(
    chr(c) for c in range(0x11, 0x18)
)
_BAD_CONTROLS = regex.compile(r"[\x00-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_MAX_UNPLACED_HIGH_BYTES = 0.3  # 8-bit text in no known encoding: cp1252 if this sparse
_NEWLINES = regex.compile(r"\r\n?")
_WORDS = regex.compile(r"\p{L}+")


def read_text(path: str | os.PathLike[str], encoding: str = "auto") -> str:
    """Text of the file at ``path``, decoded, NFC, LF line endings.

    Raises :class:`InputError` for a missing, unreadable or empty file and
    :class:`EncodingError` for binary data or text whose encoding cannot be determined;
    both name the file.
    """
    return decode_text(read_bytes(path), name=os.fspath(path), encoding=encoding)


def read_bytes(path: str | os.PathLike[str], *, limit: int | None = None) -> bytes:
    """The file's bytes (the first ``limit`` only, if given); InputError naming the file."""
    name = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=name) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path=name) from None


def decode_text(data: bytes, *, name: str, encoding: str = "auto") -> str:
    """Decode the bytes of a text file (or stdin) named ``name`` in error messages."""
    if encoding not in ENCODINGS:
        raise UsageError(f"unknown encoding {encoding!r}; choose one of {', '.join(ENCODINGS)}")
    if not data:
        raise InputError("empty file", path=name)
    decoder = _auto if encoding == "auto" else _EXPLICIT[encoding]
    text = decoder(data, name)
    return unicodedata.normalize("NFC", _NEWLINES.sub("\n", text))


def _auto(data: bytes, name: str) -> str:
    text = _unicode(data, name)
    if text is None:
        return _legacy_8bit(data, name)
    legacy = detect_legacy(text)  # mojibake is often saved again as UTF-8 or UTF-16
    return convert(text, legacy) if legacy else text


def _unicode(data: bytes, name: str) -> str | None:
    """The text if ``data`` is UTF-8/16/32 (BOM, NUL pattern or valid UTF-8), else None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec, name)
    _refuse_binary_magic(data, name)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, name)
    _refuse_nul(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    _refuse_controls(text, name)
    return text


def _legacy_8bit(data: bytes, name: str) -> str:
    """Not UTF-8: the best of TCVN3/VNI/VIQR (read as cp1252) and cp1258.

    When neither gives more Vietnamese syllables than plain cp1252, mostly-ASCII text
    (a few Windows quotes or dashes) is returned as cp1252; anything else is refused.
    """
    shown = decode_cp1252(data)
    _refuse_controls(shown, name)
    candidates = [unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))]
    legacy = detect_legacy(shown)
    if legacy:
        candidates.append(convert(shown, legacy))
    best = max(candidates, key=_syllable_share)
    if _syllable_share(best) > _syllable_share(shown):
        return best
    if sum(b >= 0x80 for b in data) <= _MAX_UNPLACED_HIGH_BYTES * len(data):
        return shown
    raise EncodingError(
        "not UTF-8, UTF-16 or a recognised Vietnamese encoding (TCVN3, VNI, VIQR, cp1258); "
        "give the encoding with --from-encoding",
        path=name,
    )


def _syllable_share(text: str) -> float:
    words = _WORDS.findall(text[:20000])
    return sum(map(is_valid_syllable, words)) / len(words) if words else 0.0


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when NULs sit in every other byte, as in UTF-16."""
    sample = data[:_SNIFF]
    if len(sample) < 2 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_share, odd_share = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_share >= _UTF16_NUL_SHARE and even_share < odd_share / 10:
        return "utf-16-le"
    if even_share >= _UTF16_NUL_SHARE and odd_share < even_share / 10:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        label = codec.upper().replace("-LE", "").replace("-BE", "")
        raise EncodingError(
            f"not valid {label}: byte 0x{data[error.start]:02x} at offset {error.start}", path=name
        ) from None
    _refuse_controls(text, name)
    return text


def _refuse_binary_magic(data: bytes, name: str) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise EncodingError(f"binary data: {what}, not text", path=name)


def _refuse_controls(text: str, name: str) -> None:
    sample = text[:100_000]
    bad = sum(1 for c in _BAD_CONTROLS.findall(sample) if c not in _TEXT_CONTROLS)
    if "\x00" in sample:
        raise EncodingError("binary data (NUL characters), not text", path=name)
    if bad > max(3, _MAX_CONTROL_SHARE * len(sample)):
        raise EncodingError(f"binary data ({bad} control characters), not text", path=name)


def _as_utf8(data: bytes, name: str) -> str:
    return _strict(data.removeprefix(codecs.BOM_UTF8), "utf-8", name)


def _as_utf16(data: bytes, name: str) -> str:
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec, name)
    return _strict(data, _utf16_without_bom(data) or "utf-16-le", name)


def _as_cp1258(data: bytes, name: str) -> str:
    _refuse_binary(data, name)
    return _strict(data, "cp1258", name)


def _as_legacy(encoding: str) -> Callable[[bytes, str], str]:
    def decode(data: bytes, name: str) -> str:
        _refuse_binary(data, name)
        try:
            shown = data.decode("utf-8")  # VIQR is ASCII; converted mojibake may be UTF-8
        except UnicodeDecodeError:
            shown = decode_cp1252(data)
        _refuse_controls(shown, name)
        return convert(shown, encoding)

    return decode


def _refuse_nul(data: bytes, name: str) -> None:
    if b"\x00" in data:
        raise EncodingError("binary data (NUL bytes), not text", path=name)


def _refuse_binary(data: bytes, name: str) -> None:
    _refuse_binary_magic(data, name)
    _refuse_nul(data, name)


_EXPLICIT: dict[str, Callable[[bytes, str], str]] = {
    "utf-8": _as_utf8,
    "utf-16": _as_utf16,
    "cp1258": _as_cp1258,
    "tcvn3": _as_legacy("tcvn3"),
    "vni": _as_legacy("vni"),
    "viqr": _as_legacy("viqr"),
}
