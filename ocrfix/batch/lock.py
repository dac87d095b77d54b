"""One run at a time per output folder, and the leftovers of killed runs cleared.

While a run holds the folder's lock no other ``ocrfix run`` writes there, so every temp file of
an atomic write found under it is a leftover of a killed run and can go.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ocrfix.batch.state import Layout
from ocrfix.exceptions import UsageError
from ocrfix.io.atomic import remove_temp_files


@contextmanager
def exclusive(layout: Layout, *, also: Path | None = None) -> Iterator[int]:
    """Hold the lock of ``layout.out`` for the block, after removing the stale temp files
    under it (and those of writes into the file ``also``, e.g. the SQLite database wherever
    it lives); yields how many were removed. Raises ``UsageError`` if another run holds it."""
    layout.lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(layout.lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"another ocrfix run is writing to {layout.out}") from None
        removed = remove_temp_files(layout.out)
        if also is not None:
            removed += remove_temp_files(also.parent, target=also.name, recursive=False)
        yield removed
    finally:
        os.close(fd)  # closing the descriptor releases the lock
