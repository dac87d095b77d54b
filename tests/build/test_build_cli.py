"""``python -m ocrfix.build``: a missing source folder is one clear line, not a traceback."""

from __future__ import annotations

from ocrfix.build.__main__ import main


def test_missing_shared_folder_is_reported_in_one_line(tmp_path, capsys):
    code = main(["codes", "--shared", str(tmp_path / "nowhere"), "--out", str(tmp_path / "c")])
    err = capsys.readouterr().err
    assert code == 1
    assert "error:" in err and "nowhere" in err and "Traceback" not in err
