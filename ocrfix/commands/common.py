"""Helpers shared by subcommands: reading an input argument, writing an output argument."""

from __future__ import annotations

import sys
from pathlib import Path

from ocrfix.io.atomic import atomic_write_text

STDIO = "-"


def read_input_text(source: str, *, encoding: str = "auto") -> str:
    """Text of a file or of stdin (``-``), decoded (legacy encodings detected) and NFC."""
    from ocrfix.io.textfile import decode_text, read_text

    if source == STDIO:
        return decode_text(sys.stdin.buffer.read(), name="<stdin>", encoding=encoding)
    return read_text(Path(source), encoding=encoding)


def write_output_text(target: str | None, text: str) -> None:
    """Write to a file atomically, or to stdout when ``target`` is None or ``-``."""
    if target in (None, STDIO):
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(target, text)
