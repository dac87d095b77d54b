"""Where the shipped data files live.

In a source checkout (the supported install: ``pip install -e .``) they are in the
project's ``dictionaries/`` folder; ``OCRFIX_DICTIONARIES`` overrides the location, e.g.
for a deployment that keeps models elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

from ocrfix.exceptions import MissingDependencyError


def dictionaries_dir() -> Path:
    """The folder holding ``syllables.tsv``, ``lm/``, ``errormodel/``, ..."""
    override = os.environ.get("OCRFIX_DICTIONARIES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "dictionaries"


def dictionary_path(name: str) -> Path:
    """Path of one shipped file; a clear error when it is missing."""
    path = dictionaries_dir() / name
    if not path.exists():
        raise MissingDependencyError(
            f"model file missing: {path} (rebuild with: python -m ocrfix.build --help)"
        )
    return path
