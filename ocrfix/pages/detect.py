"""Decide what a file is from its first bytes, never from its name."""

from __future__ import annotations

import enum
from pathlib import Path

from ocrfix.io.textfile import read_bytes
from ocrfix.pages.errors import EmptyFileError, UnknownFormatError


class Kind(enum.Enum):
    """Input kinds the page reader streams."""

    PDF = "pdf"
    TIFF = "tiff"
    PNG = "png"
    JPEG = "jpeg"
    OTHER_IMAGE = "image"  # BMP, GIF, WebP, PNM: handled by Pillow like PNG


_MAGIC: tuple[tuple[bytes, Kind], ...] = (
    (b"%PDF-", Kind.PDF),
    (b"II*\x00", Kind.TIFF),
    (b"MM\x00*", Kind.TIFF),
    (b"\x89PNG\r\n\x1a\n", Kind.PNG),
    (b"\xff\xd8\xff", Kind.JPEG),
    (b"BM", Kind.OTHER_IMAGE),
    (b"GIF8", Kind.OTHER_IMAGE),
    (b"P4", Kind.OTHER_IMAGE),
    (b"P5", Kind.OTHER_IMAGE),
    (b"P6", Kind.OTHER_IMAGE),
)


def kind_of_bytes(head: bytes) -> Kind | None:
    """The kind announced by ``head`` (a file's first bytes), or None.

    >>> kind_of_bytes(b"%PDF-1.7 ...")
    <Kind.PDF: 'pdf'>
    >>> kind_of_bytes(b"hello") is None
    True
    """
    # A PDF may carry junk before its header; readers accept it within the first KiB.
    if b"%PDF-" in head[:1024]:
        return Kind.PDF
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Kind.OTHER_IMAGE
    return None


def detect_kind(path: str | Path) -> Kind:
    """Kind of the file at ``path``; raises an :class:`InputError` naming it otherwise."""
    name = str(path)
    head = read_bytes(path, limit=1024)
    if not head:
        raise EmptyFileError("empty file (0 bytes)", path=name)
    kind = kind_of_bytes(head)
    if kind is None:
        raise UnknownFormatError(
            "not a PDF or image (expected PDF, TIFF, PNG or JPEG content)", path=name
        )
    return kind
