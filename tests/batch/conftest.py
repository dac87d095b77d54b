"""Batch test fixtures; ``tests/batch`` goes on sys.path so workers can import the fakes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from batch_samples import make_archive  # noqa: E402


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Good texts and PDFs in nested folders plus one of each bad input kind."""
    return make_archive(tmp_path)
