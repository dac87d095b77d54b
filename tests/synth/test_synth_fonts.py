"""Fonts: every family we render with draws real Vietnamese glyphs, never .notdef boxes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ocrfix.exceptions import MissingDependencyError
from ocrfix.synth import fonts


@pytest.mark.parametrize("style", ["regular", "bold", "italic", "bolditalic"])
def test_every_available_family_covers_vietnamese(style):
    families = fonts.available_families()
    assert "Liberation Serif" in families
    for family in families:
        assert fonts.missing_glyphs(fonts.find_font(family, style).path) == ""


def test_missing_glyphs_reports_letters_drawn_as_notdef():
    path = fonts.find_font("DejaVu Serif").path
    assert fonts.missing_glyphs(path, "aă\ue000中") == "\ue000中"


def test_a_font_without_vietnamese_is_rejected(tmp_path, monkeypatch):
    """A file named like Liberation 1.x's but drawing boxes must not be picked."""
    latin_less = Path("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf")
    if not latin_less.exists():
        pytest.skip("no font without Vietnamese to test with")
    assert fonts.missing_glyphs(latin_less)
    shutil.copy(latin_less, tmp_path / "NotoSerif-Regular.ttf")
    monkeypatch.setenv("OCRFIX_FONT_DIRS", str(tmp_path))
    monkeypatch.setattr(fonts, "SYSTEM_FONT_DIRS", ())
    fonts.find_font.cache_clear()
    try:
        with pytest.raises(MissingDependencyError, match="lacking Vietnamese"):
            fonts.find_font("Noto Serif")
    finally:
        fonts.find_font.cache_clear()


def test_unknown_family_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown font"):
        fonts.find_font("Comic Sans")
