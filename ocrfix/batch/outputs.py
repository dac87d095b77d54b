"""Per-document output files (``<name>.txt``, ``.json``, ``.raw.txt``, ``.words.jsonl``)."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from ocrfix.batch.state import Layout
from ocrfix.batch.task import Outcome
from ocrfix.io.atomic import atomic_write_text

ALL_SUFFIXES = (".txt", ".json", ".raw.txt", ".words.jsonl")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def write_outputs(layout: Layout, outcome: Outcome) -> list[str]:
    """Write the outputs of a successful document atomically; returns the suffixes written."""
    result = outcome.result
    assert result is not None
    name, options = outcome.task.name, outcome.task.options
    files: dict[str, str] = {
        ".txt": ensure_newline(nfc(result.text)),
        ".json": json.dumps(result.record, ensure_ascii=False, indent=2) + "\n",
    }
    if options.keep_raw:
        files[".raw.txt"] = ensure_newline(nfc(result.raw_text))
    if options.keep_words:
        files[".words.jsonl"] = "".join(json.dumps(w, ensure_ascii=False) + "\n"
                                        for w in result.words or [])
    for suffix, content in files.items():
        atomic_write_text(layout.output(name, suffix), content)
    return list(files)


def remove_outputs(layout: Layout, name: str) -> None:
    """Remove a document's outputs from an earlier run (its input changed and now fails)."""
    for suffix in ALL_SUFFIXES:
        layout.output(name, suffix).unlink(missing_ok=True)


def read_record(layout: Layout, name: str) -> dict[str, Any] | None:
    """The record written for ``name``, or None if it is missing or not valid JSON."""
    try:
        record = json.loads(layout.output(name, ".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def ensure_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"
