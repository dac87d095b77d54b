"""Resume keys: a document's outputs are valid while its bytes and the settings are unchanged."""

from __future__ import annotations

import hashlib
import os

from ocrfix import __version__
from ocrfix.pipeline import RunOptions

_CHUNK = 1 << 20


def file_digest(path: str | os.PathLike[str]) -> str:
    """SHA-256 of the file's bytes, read in chunks (scans can be hundreds of MB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def task_key(path: str | os.PathLike[str], options: RunOptions) -> str:
    """Key of (content, settings, ocrfix version); not of the path, so moved archives resume.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as f:
    ...     task_key(f.name, RunOptions()) != task_key(f.name, RunOptions(dpi=200))
    True
    """
    material = f"{file_digest(path)}\n{options.fingerprint()}\n{__version__}"
    return hashlib.sha256(material.encode()).hexdigest()[:24]
