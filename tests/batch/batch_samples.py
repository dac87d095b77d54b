"""Inputs for batch tests: texts and PDFs (good and every bad kind) built with pypdf."""

from __future__ import annotations

import io
import os
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def text_pdf(pages: list[str]) -> bytes:
    """A PDF whose pages carry ``pages`` as their text layer (Helvetica, ASCII)."""
    writer = PdfWriter()
    for text in pages:
        page = writer.add_blank_page(595, 842)
        font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        })
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)}),
        })
        stream = DecodedStreamObject()
        lines = " ".join(f"({line}) Tj 0 -14 Td" for line in text.splitlines())
        stream.set_data(f"BT /F1 12 Tf 50 800 Td {lines} ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zero_page_pdf() -> bytes:
    buffer = io.BytesIO()
    PdfWriter().write(buffer)
    return buffer.getvalue()


GOOD_TEXTS = {
    "a/cv1.txt": "Cong van so 12/UBND-VP\nCăn cứ Nghị định 30/2020/NĐ-CP\n- Như trên;\n- Lưu VT.\n",
    "a/dup.txt": "Số: 7/QĐ-UBND\nQuyết định\n",
    "b/dup.txt": "Số: 8/QĐ-UBND\nQuyết định khác\n",
    "b/c/deep.txt": "Thông báo 3/TB-UBND ?\n",
}


def make_archive(tmp_path: Path) -> Path:
    """Good texts and PDFs in nested folders plus one of each bad input kind."""
    root = tmp_path / "archive"
    for name, text in GOOD_TEXTS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "scan2.pdf").write_bytes(text_pdf(["So 5/KH-UBND", "Trang hai 6/BC-UBND"]))
    (root / "timeout.pdf").write_bytes(text_pdf(["So 9/KH-UBND", "TIMEOUT"]))
    bad = root / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(os.urandom(64) + b"\x00\x00")
    (bad / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage\n%%EOF")
    (bad / "encrypted.pdf").write_bytes(encrypted_pdf())
    (bad / "nopages.pdf").write_bytes(zero_page_pdf())
    (bad / "alltimeout.pdf").write_bytes(text_pdf(["TIMEOUT"]))
    return root


BAD_NAMES = {"bad/empty", "bad/binary", "bad/corrupt", "bad/encrypted", "bad/nopages",
             "bad/alltimeout"}
