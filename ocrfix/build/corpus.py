"""Reading the shared corpus and documents, with the held-out split applied.

Everything that trains or tunes goes through here, so held-out documents cannot leak
into a model: ``admin_docs.txt.xz`` repeats the text of ``data/admin_docs``, and its
lines that belong to a held-out document are dropped.
"""

from __future__ import annotations

import json
import lzma
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ocrfix.build.splits import is_heldout

CORPUS_FILES = ("phapdien_demuc.txt.xz", "vlc_laws.txt.xz", "admin_docs.txt.xz")
DEFAULT_SHARED = Path("../shared")


@dataclass(frozen=True)
class AdminDoc:
    """One document of ``shared/data/admin_docs`` with its metadata record."""

    id: str
    text: str
    record: dict

    @property
    def heldout(self) -> bool:
        return is_heldout(self.id)


def iter_admin_docs(shared: Path = DEFAULT_SHARED, split: str = "all") -> Iterator[AdminDoc]:
    """Documents in id order; ``split`` is ``"dev"``, ``"test"`` or ``"all"``."""
    folder = Path(shared) / "data" / "admin_docs"
    with open(folder / "records.jsonl", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    for record in sorted(records, key=lambda r: r["id"]):
        doc = AdminDoc(record["id"], (folder / f"{record['id']}.txt").read_text("utf-8"), record)
        if split == "all" or (split == "test") == doc.heldout:
            yield doc


def heldout_lines(shared: Path = DEFAULT_SHARED) -> frozenset[str]:
    """Every non-trivial line of every held-out document."""
    lines: set[str] = set()
    for doc in iter_admin_docs(shared, "test"):
        lines.update(line.strip() for line in doc.text.splitlines() if len(line.strip()) > 20)
    return frozenset(lines)


def iter_training_lines(shared: Path = DEFAULT_SHARED) -> Iterator[str]:
    """Paragraphs of the whole corpus that may be used for training (held-out removed)."""
    banned = heldout_lines(shared)
    for name in CORPUS_FILES:
        with lzma.open(Path(shared) / "corpus" / name, "rt", encoding="utf-8") as handle:
            for line in handle:
                line = line.strip()
                if line and line not in banned:
                    yield line
