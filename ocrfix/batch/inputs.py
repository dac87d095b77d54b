"""What a batch reads: files, folders (recursive), globs and manifests, each with a unique name.

A document's name is its path relative to the folder it was found in, without the suffix
(``a/x.pdf`` -> ``a/x``), or its id from a CSV manifest; outputs are written under that name.
Names that still collide (``x.pdf`` beside ``x.txt``, one stem in two arguments) get a short
hash of their path appended, so no document overwrites another's outputs.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ocrfix.exceptions import InputError, UsageError
from ocrfix.pipeline import ErrorEntry

SCAN_SUFFIXES = frozenset({
    ".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".pnm", ".pbm",
    ".pgm", ".ppm",
})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
DOCUMENT_SUFFIXES = SCAN_SUFFIXES | TEXT_SUFFIXES
_UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class InputItem:
    """One input document: its absolute ``path`` and its output ``name`` (POSIX, no suffix)."""

    path: str
    name: str


def collect_inputs(
    paths: Sequence[str], *, manifest: str | None = None, exclude: str | None = None
) -> tuple[list[InputItem], list[ErrorEntry]]:
    """Expand ``paths`` and ``manifest`` into unique documents, plus errors for missing ones.

    Folders are walked recursively for document suffixes (hidden entries and the ``exclude``
    folder, normally the output folder, are skipped); a file named explicitly is taken
    whatever its suffix.
    """
    found: list[tuple[str, str]] = []
    errors: list[ErrorEntry] = []
    skip = os.path.abspath(exclude) if exclude else None
    for arg in paths:
        found.extend(expand_path(arg, skip, errors))
    if manifest:
        found.extend(read_manifest(manifest))
    return unique_names(found), errors


def expand_path(arg: str, skip: str | None, errors: list[ErrorEntry]) -> list[tuple[str, str]]:
    """(absolute path, name) pairs for one command-line argument."""
    if os.path.isdir(arg):
        return list(walk_folder(arg, skip))
    if os.path.exists(arg):
        return [(os.path.abspath(arg), Path(arg).stem)]
    if glob.has_magic(arg):
        matches = sorted(m for m in glob.glob(arg, recursive=True) if os.path.isfile(m))
        if not matches:
            errors.append(ErrorEntry(arg, None, "InputError", "no file matches this pattern"))
        return [(os.path.abspath(m), Path(m).stem) for m in matches]
    errors.append(ErrorEntry(arg, None, "InputError", "no such file or folder"))
    return []


def walk_folder(root: str, skip: str | None) -> Iterable[tuple[str, str]]:
    """Documents under ``root`` in a stable order, named by their relative path."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and os.path.abspath(os.path.join(folder, d)) != skip)
        for file in sorted(files):
            path = Path(folder, file)
            if file.startswith(".") or path.suffix.lower() not in DOCUMENT_SUFFIXES:
                continue
            relative = PurePosixPath(*path.relative_to(root).parts)
            yield os.path.abspath(path), str(relative.with_suffix(""))


def read_manifest(manifest: str) -> list[tuple[str, str]]:
    """Entries of a manifest: a list of paths (one a line, ``#`` comments) or a CSV.

    A CSV has a header with a ``path`` (or ``file``) column and optionally ``id``, which then
    names the outputs. Relative paths are relative to the manifest's folder.
    """
    base = os.path.dirname(os.path.abspath(manifest))
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as handle:
            if manifest.lower().endswith(".csv"):
                rows = [(row.get("path") or row.get("file") or "", row.get("id") or "")
                        for row in manifest_rows(handle, manifest)]
            else:
                rows = [(line.strip(), "") for line in handle
                        if line.strip() and not line.lstrip().startswith("#")]
    except OSError as exc:
        raise InputError(f"cannot read manifest: {exc.strerror or exc}", path=manifest) from exc
    except UnicodeDecodeError as exc:
        raise InputError("manifest is not UTF-8 text", path=manifest) from exc
    entries = []
    for path, doc_id in rows:
        absolute = os.path.abspath(os.path.join(base, path.strip()))
        entries.append((absolute, safe_name(doc_id) if doc_id.strip() else Path(path).stem))
    return entries


def manifest_rows(handle: Iterable[str], manifest: str) -> list[dict[str, str]]:
    """Rows of a CSV manifest, checked to have a path column."""
    reader = csv.DictReader(handle)
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    if not columns & {"path", "file"}:
        raise UsageError("a CSV manifest needs a 'path' (or 'file') column", path=manifest)
    return [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            for row in reader]


def safe_name(doc_id: str) -> str:
    """An id made safe as a file name (no folders, no ``..``).

    >>> safe_name("QĐ 12/2020")
    'QĐ_12_2020'
    """
    return _UNSAFE.sub("_", doc_id.strip()).strip("._") or "_"


def unique_names(found: Sequence[tuple[str, str]]) -> list[InputItem]:
    """Drop repeated paths; give documents whose names collide a suffix from their path."""
    seen: dict[str, str] = {}
    for path, name in found:
        seen.setdefault(path, name)
    counts = Counter(name.casefold() for name in seen.values())
    items = []
    for path, name in seen.items():
        if counts[name.casefold()] > 1:
            name = f"{name}-{hashlib.sha1(path.encode()).hexdigest()[:8]}"
        items.append(InputItem(path, name))
    return items
