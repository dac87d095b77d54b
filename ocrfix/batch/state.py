"""Where a batch keeps its files, and the per-document state that makes it resumable.

A document is finished when its state file exists with the current key and all the outputs
it lists exist. The state is written last (atomically), after the outputs, so a run killed in
between simply redoes the document. ``journal.jsonl`` logs each commit, one line each.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocrfix.io.atomic import atomic_write_text

STATE_DIR = ".ocrfix"


@dataclass(frozen=True)
class Layout:
    """Paths of every file a batch writes under its output folder ``out``."""

    out: Path

    def output(self, name: str, suffix: str) -> Path:
        """Per-document output, e.g. ``output("a/x", ".txt")`` -> ``out/a/x.txt``."""
        return self.out / f"{name}{suffix}"

    def state(self, name: str) -> Path:
        return self.out / STATE_DIR / "state" / f"{name}.json"

    def pages(self, name: str, key: str) -> Path:
        """Folder of the finished pages of a split document (until the document commits)."""
        return self.out / STATE_DIR / "pages" / f"{name}@{key}"

    @property
    def lock(self) -> Path:
        return self.out / STATE_DIR / "lock"

    @property
    def journal(self) -> Path:
        return self.out / STATE_DIR / "journal.jsonl"

    def report(self, filename: str) -> Path:
        return self.out / filename


def load_state(layout: Layout, name: str) -> dict[str, Any] | None:
    """The document's saved state, or None if absent or unreadable (then it is redone)."""
    try:
        return json.loads(layout.state(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_finished(state: dict[str, Any] | None, key: str, layout: Layout, *,
                retry_failed: bool = False) -> bool:
    """True when ``state`` records this key and its outputs are all there."""
    if not state or state.get("key") != key:
        return False
    if state.get("status") == "failed" and retry_failed:
        return False
    return all(layout.output(state["name"], suffix).exists() for suffix in state["outputs"])


def save_state(layout: Layout, state: dict[str, Any]) -> None:
    """Commit a document: its state atomically, then one journal line."""
    atomic_write_text(layout.state(state["name"]), json.dumps(state, ensure_ascii=False) + "\n")
    line = json.dumps({"name": state["name"], "key": state["key"], "status": state["status"]},
                      ensure_ascii=False) + "\n"
    layout.journal.parent.mkdir(parents=True, exist_ok=True)
    # One short O_APPEND write per line: lines never interleave, a kill loses at most the last.
    fd = os.open(layout.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)
