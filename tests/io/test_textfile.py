"""read_text / decode_text on every kind of text file an office archive holds, and on junk."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from ocrfix.exceptions import EncodingError, InputError, UsageError
from ocrfix.io.textfile import decode_text, read_text
from ocrfix.text.chars import TONE_MARKS, split_tone
from ocrfix.text.legacy import decode_cp1252, encode_bytes

TEXT = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Số: 12/QĐ-UBND\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
    "Xét đề nghị của Giám đốc Sở Tài chính, Ủy ban nhân dân tỉnh quyết định:\n"
)


def write(tmp_path, data: bytes, name: str = "doc.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no BOM: found by the NUL pattern
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32",
         "crlf", "cr"],
)  # fmt: skip
def test_unicode_files(tmp_path, data):
    assert read_text(write(tmp_path, data)) == TEXT


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viqr"])
def test_legacy_files_are_detected_and_converted(tmp_path, encoding):
    data = encode_bytes(TEXT, encoding).replace(b"\n", b"\r\n")
    assert read_text(write(tmp_path, data)) == TEXT
    assert read_text(write(tmp_path, data), encoding=encoding) == TEXT


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_mojibake_saved_again_as_utf8_is_converted(tmp_path, encoding):
    shown = decode_cp1252(encode_bytes(TEXT, encoding))
    assert read_text(write(tmp_path, shown.encode("utf-8"))) == TEXT


def cp1258_bytes(text: str) -> bytes:
    """cp1258 holds few toned letters: write base letter + combining tone, as Word did."""
    out = []
    for char in text:
        base, tone = split_tone(char)
        out.append(base.encode("cp1258") + TONE_MARKS[tone].encode("cp1258"))
    return b"".join(out)


def test_windows_1258_with_combining_tones(tmp_path):
    data = cp1258_bytes(TEXT)
    assert b"\xd2" in data  # combining dot below: really the cp1258 form
    assert read_text(write(tmp_path, data)) == TEXT
    assert read_text(write(tmp_path, data), encoding="cp1258") == TEXT


def test_decomposed_unicode_comes_out_nfc(tmp_path):
    data = unicodedata.normalize("NFD", TEXT).encode("utf-8")
    assert read_text(write(tmp_path, data)) == TEXT


def test_plain_ascii_and_english_pass_through(tmp_path):
    for text in ("Ket qua thuc hien cong tac nam 2020.\n", "The minutes of the meeting.\n"):
        assert read_text(write(tmp_path, text.encode("ascii"))) == text


def test_sparse_windows_punctuation_in_ascii_is_read_as_cp1252(tmp_path):
    data = "Bao cao “ket qua” – nam 2020\n".encode("cp1252")
    assert read_text(write(tmp_path, data)) == "Bao cao “ket qua” – nam 2020\n"


def test_explicit_encodings(tmp_path):
    assert read_text(write(tmp_path, TEXT.encode("utf-8")), encoding="utf-8") == TEXT
    assert read_text(write(tmp_path, TEXT.encode("utf-16")), encoding="utf-16") == TEXT
    assert read_text(write(tmp_path, TEXT.encode("utf-16-le")), encoding="utf-16") == TEXT


def test_decode_text_for_stdin():
    assert decode_text(encode_bytes(TEXT, "vni"), name="<stdin>") == TEXT
    with pytest.raises(InputError, match="<stdin>: empty file"):
        decode_text(b"", name="<stdin>")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"II*\x00\x08\x00\x00\x00", "TIFF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (bytes(range(256)) * 4, "NUL"),
        (b"abc\x00def\x00\x01\x02\x03ghi" * 10, "NUL"),
        (b"text \x07\x08\x0e\x0f\x10 with bells" * 20, "control characters"),
    ],
    ids=["pdf", "png", "jpeg", "tiff", "zip", "all-bytes", "nuls", "controls"],
)
def test_binary_data_is_refused_naming_the_file(tmp_path, data, message):
    path = write(tmp_path, data, "scan.txt")
    with pytest.raises(EncodingError, match=message) as info:
        read_text(path)
    assert str(path) in str(info.value) and info.value.path == str(path)


def test_undecodable_8bit_text_is_refused(tmp_path):
    data = bytes(range(0xA0, 0x100)) * 8  # dense high bytes that make no Vietnamese
    with pytest.raises(EncodingError, match="--from-encoding"):
        read_text(write(tmp_path, data))


def test_invalid_utf8_when_utf8_is_asked(tmp_path):
    path = write(tmp_path, "Việt Nam".encode() + b"\xff\xfe")
    with pytest.raises(EncodingError, match=r"not valid UTF-8: byte 0xff at offset 10"):
        read_text(path, encoding="utf-8")


def test_empty_missing_directory_and_unreadable(tmp_path):
    with pytest.raises(InputError, match="empty file"):
        read_text(write(tmp_path, b""))
    with pytest.raises(InputError, match="no such file") as info:
        read_text(tmp_path / "missing.txt")
    assert info.value.path == str(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_unreadable_file_gives_the_os_reason(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("ocrfix.io.textfile.open", denied, raising=False)  # root ignores chmod
    with pytest.raises(InputError, match=r"locked\.txt: cannot read: Permission denied"):
        read_text(tmp_path / "locked.txt")


def test_unknown_encoding_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="unknown encoding 'koi8-r'"):
        read_text(write(tmp_path, b"x"), encoding="koi8-r")
