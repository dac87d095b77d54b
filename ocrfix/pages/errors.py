"""Input errors of the page reader, each an :class:`InputError` naming the file (and page)."""

from __future__ import annotations

from ocrfix.exceptions import InputError


class EmptyFileError(InputError):
    """The file has no bytes at all."""


class UnknownFormatError(InputError):
    """The content is neither a PDF nor an image format we read (checked by magic bytes)."""


class CorruptFileError(InputError):
    """The file claims a known format but cannot be decoded."""


class EncryptedPdfError(InputError):
    """The PDF needs a password to open."""


class NoPagesError(InputError):
    """The document decodes but contains no page."""


class ImageTooLargeError(InputError):
    """A page exceeds the pixel limit (decompression-bomb guard)."""
