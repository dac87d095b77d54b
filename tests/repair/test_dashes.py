"""List dashes read as ``~`` at a line start come back as ``-``; other tildes stay."""

from __future__ import annotations

from ocrfix.repair.dashes import dash_fixes
from ocrfix.repair.result import RepairConfig


def test_line_opening_tilde_is_a_dash():
    text = "Nơi nhận:\n~ Như trên;\n\t~ Lưu: VT, VP.\n"
    fixes = dash_fixes(text)
    assert [(f.original, f.text) for f in fixes] == [("~", "-"), ("~", "-")]
    assert all(text[f.start : f.end] == "~" for f in fixes)


def test_other_tildes_stay():
    assert dash_fixes("nhiệt độ ~ 30 độ\n~30%\n~\nx~ y") == []


def test_engine_writes_the_dash_back(standin_engine):
    out = standin_engine.fix_and_explain("~ Nhu tren;\n~ Luu VT", RepairConfig(channel="stripped"))
    assert out.text.startswith("- ") and "\n- " in out.text
    assert "~" not in out.text
