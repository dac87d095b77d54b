"""Fixtures of the extraction tests."""

from __future__ import annotations

import pytest
from extract_samples import build_doc


@pytest.fixture
def make_doc():
    return build_doc
