"""Legacy detection and conversion on real administrative documents (development split)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ocrfix.build.splits import is_heldout
from ocrfix.io.textfile import decode_text
from ocrfix.text.legacy import LEGACY_ENCODINGS, convert, detect_legacy, encode, encode_bytes

ADMIN_DOCS = Path(__file__).resolve().parents[2].parent / "shared/data/admin_docs"
SAMPLE = 8  # documents; keeps the test to a few seconds


@pytest.fixture(scope="module")
def dev_docs() -> list[str]:
    if not ADMIN_DOCS.is_dir():
        pytest.skip(f"{ADMIN_DOCS} not present")
    paths = [p for p in sorted(ADMIN_DOCS.glob("*.txt")) if not is_heldout(p.stem)][:SAMPLE]
    return [unicodedata.normalize("NFC", p.read_text("utf-8")) for p in paths]


def test_unicode_documents_are_left_alone(dev_docs):
    assert all(detect_legacy(doc) is None for doc in dev_docs)


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
def test_encoded_documents_are_detected_and_restored(dev_docs, encoding):
    """Through text and through the bytes of a file; a word may differ where the document
    holds characters the legacy encoding lacks (Cyrillic look-alikes, µ, →)."""
    words = from_text = from_file = 0
    for doc in dev_docs:
        legacy = encode(doc, encoding)
        assert detect_legacy(legacy) == encoding
        original = doc.split()
        words += len(original)
        from_text += sum(map(str.__eq__, convert(legacy, encoding).split(), original))
        read_back = decode_text(encode_bytes(doc, encoding), name="doc").split()
        from_file += sum(map(str.__eq__, read_back, original))
    assert from_text / words > 0.995 and from_file / words > 0.99, (from_text, from_file, words)
