"""``ocr-pairs`` render options: parsing, the defaults' mix, the settings guard, and one
real line rendered and OCR'd with asked-for settings."""

from __future__ import annotations

import argparse

import pytest

from ocrfix.build import ocr_pairs
from ocrfix.build.ocr_pairs import RenderSettings, Unit
from ocrfix.exceptions import UsageError
from ocrfix.synth.fonts import available_families


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    ocr_pairs.register(parser.add_subparsers(dest="target"))
    return parser.parse_args(["ocr-pairs", *argv])


def test_defaults_are_the_general_mix():
    args = _parse()
    settings = RenderSettings(args.fonts, args.sizes, args.dpi, args.degrade)
    assert settings == RenderSettings()
    assert settings.degradations == ocr_pairs.DEGRADATIONS
    assert settings.dpis == (200, 240, 300)
    assert settings.font_choices() == available_families() + ["Liberation Serif"] * 2


def test_options_parse_into_settings():
    args = _parse("--fonts", "Liberation Serif, DejaVu Serif", "--sizes", "12,13.5",
                  "--dpi", "150,200", "--degrade", "faded+fax:3,fax")
    assert args.fonts == ("Liberation Serif", "DejaVu Serif")
    assert args.sizes == (12.0, 13.5)
    assert args.dpi == (150, 200)
    assert args.degrade == (("faded+fax", 3.0), ("fax", 1.0))
    assert RenderSettings(fonts=args.fonts).font_choices() == list(args.fonts)


@pytest.mark.parametrize("argv", [
    ("--fonts", "Times New Roman"),
    ("--fonts", ","),
    ("--sizes", "12,-1"),
    ("--dpi", "two hundred"),
    ("--degrade", "fax+smudge"),
    ("--degrade", "fax:0"),
    ("--degrade", "fax:heavy"),
])
def test_bad_options_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _parse(*argv)
    assert exit_info.value.code == 2
    assert argv[1].split(",")[0].split(":")[0].split("+")[-1] in capsys.readouterr().err


def test_a_parts_folder_keeps_its_settings(tmp_path):
    light_fax = RenderSettings(degradations=(("faded+fax", 1.0),))
    ocr_pairs._check_settings(tmp_path, light_fax)
    ocr_pairs._check_settings(tmp_path, RenderSettings(degradations=(("faded+fax", 1.0),)))
    with pytest.raises(UsageError, match="other render settings"):
        ocr_pairs._check_settings(tmp_path, RenderSettings())


@pytest.mark.tesseract
def test_a_unit_is_rendered_with_the_asked_settings():
    """One short line on a 150-dpi page: every record carries the settings drawn."""
    settings = RenderSettings(fonts=("DejaVu Serif",), sizes=(14.0,), dpis=(150,),
                              degradations=(("clean", 1.0),))
    unit = Unit("t0", "doc-t0", ("Độc lập Tự do Hạnh phúc",))
    result = ocr_pairs.process_unit(unit, "eng", 1, 4, 60.0, settings=settings)
    (record,) = result.records
    assert (record["font"], record["size_pt"], record["render_dpi"], record["degrade"]) == (
        "DejaVu Serif", 14.0, 150, "clean")
    assert record["truth"] == "Độc lập Tự do Hạnh phúc"
    assert "do" in record["ocr"].split() and len(result.seconds) == 1
