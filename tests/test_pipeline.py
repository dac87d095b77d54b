"""``process_document``: stages composed through their contracts, page failures isolated."""

from __future__ import annotations

import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest

from ocrfix.exceptions import InputError, UsageError
from ocrfix.pipeline import (
    PageResult,
    RunOptions,
    Stages,
    detect_kind,
    finish_scan,
    load_stages,
    ocr_pages,
    process_document,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def ocr_page(number: int, text: str = "", **fields) -> SimpleNamespace:
    """An OCR page as the OCR stage returns it (attributes only)."""
    base = {"words": [], "error": None, "error_kind": None, "timed_out": False, "seconds": 0.5}
    return SimpleNamespace(number=number, text=text, **{**base, **fields})


def ocr_of(*pages: SimpleNamespace):
    def ocr(path: str, options: RunOptions, numbers=None):
        ocr.options = options
        text = "\n\n".join(p.text for p in pages if p.error is None)
        return SimpleNamespace(pages=list(pages), text=text)

    return ocr


def fake_stages(**overrides) -> Stages:
    base = {
        "read_text": lambda path: Path(path).read_text(encoding="utf-8"),
        "repair": lambda text: SimpleNamespace(
            text=text.upper(), tokens=[SimpleNamespace(confidence=c) for c in (0.5, 1.0)]),
        "extract": lambda text, source, raw: {"text": text, "source": source, "raw": raw},
    }
    return Stages(**{**base, **overrides})


def test_text_goes_through_repair_then_extract(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("so 5", encoding="utf-8")
    result = process_document(path, stages=fake_stages())
    assert (result.kind, result.status, result.pages) == ("text", "ok", 1)
    assert result.raw_text == "so 5" and result.text == "SO 5"
    assert result.record == {"text": "SO 5", "source": str(path), "raw": "so 5"}  # both texts
    assert result.confidence == 0.75


def test_no_repair_keeps_the_raw_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("so 5", encoding="utf-8")
    result = process_document(path, RunOptions(repair=False), stages=fake_stages())
    assert result.text == "so 5" and result.confidence is None


def test_scan_failed_pages_are_listed_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.png"
    path.write_bytes(PNG)
    word = SimpleNamespace(text="Số", box=(1, 2, 3, 4), conf=91.0, block=1, line=2)
    ocr = ocr_of(ocr_page(1, "trang một", words=[word]),
                 ocr_page(2, error="p2 timed out", error_kind="OcrError", timed_out=True),
                 ocr_page(3, error="bad page", error_kind="InputError"))
    options = RunOptions(dpi=200, keep_words=True)
    result = process_document(path, options, stages=fake_stages(ocr=ocr))
    assert ocr.options is options
    assert (result.kind, result.status, result.pages) == ("scan", "partial", 3)
    assert result.text == "TRANG MỘT" and result.ocr_seconds == 1.5
    assert [(e.page, e.kind) for e in result.errors] == [(2, "OcrError"), (3, "InputError")]
    assert result.words == [{"page": 1, "text": "Số", "box": [1, 2, 3, 4], "conf": 91.0,
                             "block": 1, "line": 2}]


def test_scan_with_every_page_failed_is_failed_without_record(tmp_path: Path) -> None:
    path = tmp_path / "s.png"
    path.write_bytes(PNG)
    ocr = ocr_of(ocr_page(1, error="timed out", timed_out=True))
    result = process_document(path, stages=fake_stages(ocr=ocr))
    assert result.status == "failed" and result.record is None and result.text == ""


def test_a_scan_without_pages_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "s.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    with pytest.raises(InputError, match="no pages"):
        process_document(path, stages=fake_stages(ocr=ocr_of()))


@pytest.mark.parametrize(("content", "kind"), [(b"%PDF-1.7", "scan"), (PNG, "scan"),
                                                (b"II*\x00rest", "scan"),
                                                ("Số 1".encode(), "text")])
def test_detect_kind_by_content(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "file.bin"
    path.write_bytes(content)
    assert detect_kind(path) == kind


def test_detect_kind_rejects_empty_missing_and_folders(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    for path, message in ((tmp_path / "empty.txt", "empty"), (tmp_path / "no.txt", "no such"),
                          (tmp_path, "folder")):
        with pytest.raises(InputError, match=message) as info:
            detect_kind(path)
        assert info.value.path == str(path)


def test_options_pickle_and_fingerprint_settings() -> None:
    options = RunOptions(lang="vie+eng", keep_raw=True)
    assert pickle.loads(pickle.dumps(options)) == options
    assert options.fingerprint() != RunOptions().fingerprint()
    assert RunOptions().fingerprint() == RunOptions().fingerprint()


def test_load_stages() -> None:
    assert load_stages(None) is load_stages("")
    with pytest.raises(UsageError):
        load_stages("ocrfix.pipeline:nothing")
    with pytest.raises(UsageError):
        load_stages("ocrfix.pipeline:RunOptions")


def test_real_text_stages_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("ocrfix.io.textfile")
    path = tmp_path / "cv.txt"
    path.write_bytes("Số: 12/QĐ-UBND\nHà Nội, ngày 5 tháng 3 năm 2024\nQUYẾT ĐỊNH\n"
                     .encode("utf-16"))
    result = process_document(path, RunOptions(repair=False))  # repair: its own tests
    assert result.status == "ok"
    assert result.record["number"] == "12/QĐ-UBND"
    assert result.record["issued_date"] == "2024-03-05"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff\x00binary" * 20)
    with pytest.raises(InputError):
        process_document(bad)


def test_pages_in_ranges_finish_as_the_whole_document(tmp_path: Path) -> None:
    path = tmp_path / "s.png"
    path.write_bytes(PNG)
    word = SimpleNamespace(text="Số", box=(1, 2, 3, 4), conf=91.0, block=1, line=2)
    all_pages = [ocr_page(1, "trang một\n", words=[word]), ocr_page(2, error="timed out",
                 timed_out=True), ocr_page(3, "trang ba")]

    def ocr(path: str, options: RunOptions, numbers=None):
        return SimpleNamespace(pages=[p for p in all_pages if not numbers or p.number in numbers])

    stages, options = fake_stages(ocr=ocr), RunOptions(keep_words=True)
    pieces = [*ocr_pages(path, options, (3,), stages=stages),
              *ocr_pages(path, options, (1, 2), stages=stages)]
    assert [p.number for p in pieces] == [3, 1, 2]
    pieces = [PageResult.from_dict(p.to_dict()) for p in sorted(pieces, key=lambda p: p.number)]
    split = finish_scan(path, pieces, options, stages=stages, seconds=2.0)
    whole = process_document(path, options, stages=stages)
    assert split.text == whole.text == "TRANG MỘT\n\nTRANG BA"
    assert (split.record, split.words, split.errors) == (whole.record, whole.words, whole.errors)
    assert split.status == "partial" and split.seconds >= 2.0

