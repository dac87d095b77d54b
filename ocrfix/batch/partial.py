"""Finished pages of a split document, one small JSON file each under the state folder.

The runner saves each page as its range comes back (atomically), so a run killed in the
middle of a long scan redoes only the pages that had not come back; once the document
commits, its page files go. Folders are keyed like the document (content and settings), so
pages of a changed input are never reused.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable

from ocrfix.batch.state import Layout
from ocrfix.io.atomic import atomic_write_text
from ocrfix.pipeline import PageResult

KEY = re.compile(r"[0-9a-f]+")  # resume keys are hex digests


def save_pages(layout: Layout, name: str, key: str, pages: Iterable[PageResult]) -> None:
    folder = layout.pages(name, key)
    for page in pages:
        atomic_write_text(folder / f"{page.number:06d}.json",
                          json.dumps(page.to_dict(), ensure_ascii=False) + "\n")


def load_pages(layout: Layout, name: str, key: str) -> dict[int, PageResult]:
    """The saved pages by number; an unreadable file is skipped (that page is redone)."""
    folder = layout.pages(name, key)
    if not folder.is_dir():
        return {}
    pages = {}
    for path in folder.glob("*.json"):
        try:
            page = PageResult.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if path.stem == f"{page.number:06d}":
            pages[page.number] = page
    return pages


def drop_pages(layout: Layout, name: str) -> None:
    """Remove the saved pages of ``name`` under every key (the document is committed)."""
    anchor = layout.pages(name, "")
    if anchor.parent.is_dir():
        for path in anchor.parent.iterdir():
            key = path.name[len(anchor.name):]
            if path.name.startswith(anchor.name) and KEY.fullmatch(key) and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
