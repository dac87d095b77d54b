"""``ocrfix ocr`` end to end: outputs, formats, and one bad file among good ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pagegen import text_page

from ocrfix.cli import main

LINE = "Căn cứ Nghị định số 181/2025/NĐ-CP của Chính phủ"


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "scan.png"
    text_page([LINE, "Điều 1. Phạm vi điều chỉnh"], size=50, page=(1500, 400)).save(path)
    return path


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ocr", "--help"]) == 0
    out = capsys.readouterr().out
    assert "ocrfix ocr scan.pdf" in out and "--page-timeout" in out


def test_bad_dpi_is_a_usage_error(scan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ocr", str(scan), "--dpi", "5"]) == 2
    assert "--dpi" in capsys.readouterr().err


@pytest.mark.tesseract
def test_one_bad_file_fails_alone(
    scan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    out = tmp_path / "out"
    assert main(["ocr", "--raw", str(bad), str(scan), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: not a PDF or image" in err
    text = (out / "scan.txt").read_text(encoding="utf-8")
    assert "Nghị định số 181/2025/NĐ-CP" in text
    assert not (out / "bad.txt").exists()


@pytest.mark.tesseract
def test_json_format_has_boxes_and_confidences(
    scan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ocr", str(scan), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    words = data["pages"][0]["words"]
    assert any(w["text"] == "Chính" for w in words)
    assert all(len(w["box"]) == 4 and 0 <= w["conf"] <= 100 for w in words)
