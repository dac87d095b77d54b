"""Atomic file writes: a killed run never leaves a half-written output.

Each write goes to a hidden temp file ``.<name>.<8 random chars>.tmp`` beside its target and is
renamed over it (a writer that builds its output from parts keeps them in a temp folder named
the same way, :func:`temp_folder`). A process killed in between leaves that temp file behind;
:func:`remove_temp_files` takes such leftovers away (the batch runner calls it on its output
folder while it holds that folder's lock, so no live write can be hit).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_SUFFIX = ".tmp"
# mkstemp's random part: 8 characters of [a-z0-9_]
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temp path beside ``path`` to write to; renamed over ``path`` when the block ends,
    removed if it raises (for writers that need a file name, such as SQLite)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def temp_folder(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A hidden work folder beside ``path``, removed when the block ends; named like a temp
    file so that :func:`remove_temp_files` also sweeps it after a kill."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(
        prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent
    ) as folder:
        yield Path(folder)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder and an atomic rename."""
    with atomic_path(path) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """UTF-8 text version of :func:`atomic_write_bytes` (LF line endings kept as given)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def is_temp_file(name: str, target: str | None = None) -> bool:
    """Whether ``name`` is a temp file of an atomic write (into ``target``, when given).

    >>> is_temp_file(".a.txt.x1_b2c3d.tmp"), is_temp_file(".a.txt.x1_b2c3d.tmp", "b.txt")
    (True, False)
    """
    match = _TEMP_NAME.fullmatch(name)
    return match is not None and target in (None, match["target"])


def remove_temp_files(folder: str | os.PathLike[str], *, target: str | None = None,
                      recursive: bool = True) -> int:
    """Remove the temp files and folders that killed atomic writes left in ``folder`` (and
    below, when ``recursive``; only those of writes into ``target``, when given); returns how
    many.

    Only safe while no other process writes there: the caller must hold the folder's lock.
    """
    root = Path(folder)
    if not root.is_dir():
        return 0
    found = root.rglob(f"*{TEMP_SUFFIX}") if recursive else root.glob(f"*{TEMP_SUFFIX}")
    removed = 0
    for path in list(found):  # listed first: removing a folder must not upset the walk
        if not is_temp_file(path.name, target) or not path.exists():
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    return removed
