"""Shared fixtures. Tests that need Tesseract or poppler skip on a machine without them,
but fail under CI (``CI=true``), where a skip would hide a missing install step.

Property tests draw new examples on every local run, so they keep finding cases; under CI
they draw a fixed sequence, so a red build is one anyone can reproduce, not luck."""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache

import pytest
from hypothesis import settings

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
settings.register_profile("ci", derandomize=True)
if IN_CI:
    settings.load_profile("ci")

_NEEDS = {
    "tesseract": ("tesseract",),
    "poppler": ("pdftoppm", "pdfinfo"),
}


@cache
def _tesseract_languages() -> frozenset[str]:
    try:
        out = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:])


def _missing(marker: str) -> list[str]:
    missing = [tool for tool in _NEEDS[marker] if shutil.which(tool) is None]
    if marker == "tesseract" and not missing:
        missing = [f"tesseract-ocr-{lang}" for lang in ("vie", "eng")
                   if lang not in _tesseract_languages()]
    return missing


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in _NEEDS:
        if item.get_closest_marker(marker) is None:
            continue
        missing = _missing(marker)
        if not missing:
            continue
        message = f"needs {', '.join(missing)} (not installed)"
        if IN_CI:
            pytest.fail(f"{message}: CI must install it", pytrace=False)
        pytest.skip(message)
