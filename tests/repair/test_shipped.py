"""The engine with the shipped models: regression cases, round trips of correct text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ocrfix.build.corpus import DEFAULT_SHARED, iter_admin_docs
from ocrfix.repair import fix, fix_and_explain
from ocrfix.text import normalize_tones

CASES = Path(__file__).resolve().parents[1] / "cases" / "repair_regression.json"
SHARED = Path(__file__).resolve().parents[2] / DEFAULT_SHARED
_DATA = json.loads(CASES.read_text("utf-8"))
KNOWN_FAILURES = set(_DATA["known_failures"])


@pytest.mark.parametrize("case", _DATA["cases"], ids=[c["id"] for c in _DATA["cases"]])
def test_regression_case(case):
    out = fix(case["input"])
    if case["id"] in KNOWN_FAILURES:
        assert out != case["expected"], f"{case['id']} passes now: take it off known_failures"
        pytest.xfail(f"known failure: {case['id']}")
    assert out == case["expected"]


def test_known_failures_are_cases():
    assert KNOWN_FAILURES.issubset(c["id"] for c in _DATA["cases"])


@pytest.mark.skipif(not (SHARED / "data").is_dir(), reason="needs ../shared")
def test_correct_dev_lines_come_out_unchanged():
    lines = [
        line
        for doc in list(iter_admin_docs(SHARED, "dev"))[:12]
        for line in doc.text.splitlines()[:25]
    ]
    changed = [(line, out) for line in lines if (out := fix(line)) != normalize_tones(line)]
    assert len(changed) <= len(lines) // 100, changed  # at most 1 % (names, odd tokens)


def test_every_token_has_a_confidence_and_low_ones_are_marked():
    result = fix_and_explain("Nghi quyét $6 05-NQ/TU cia Pang b xa Tam Hgp")
    assert all(0.0 <= t.confidence <= 1.0 for t in result.tokens)
    changed = [t for t in result.tokens if t.changed]
    assert changed and all(t.alternatives or t.confidence > 0.99 for t in changed)


def test_a_word_cut_by_the_margin_is_read_with_the_next_line():
    out = fix(
        "Cac doanh nghiep kinh doanh trong linh vuc tai chinh, ngan hang va bao\n"
        "hiem phai thuc hien day du cac quy dinh"
    )
    assert out == (
        "Các doanh nghiệp kinh doanh trong lĩnh vực tài chính, ngân hàng và bảo\n"
        "hiểm phải thực hiện đầy đủ các quy định"
    )  # alone, the first line ends in "báo" (newspaper)


def test_english_channel_offers_other_tones_of_its_best_readings():
    from ocrfix.repair.channel import ChannelModel

    model = ChannelModel.load()
    eng = {c.text for c in model.candidates("Idi", kind="eng", limit=None)}
    assert {"lợi", "lời"} <= eng  # the renders taught ợ → d; ờ is its sibling
    assert fix("Tra Idi cong van so 12") == "Trả lời công văn số 12"


CLEAN_PAGE = """Kính gửi:
Công Ty TNHH Cơ Khí Minh Long;
Mã số thuế: 0102044417;
Địa chỉ nhận thông báo: Lô C5-C6 Đường Số 03, Cụm Công Nghiệp Quế Võ, xã Nam Sơn
Theo đề nghị của Sở Nông nghiệp và Môi trường tại Tờ trình số
96/TTr-SNN&MT ngày 31/10/2025; ý kiến thẩm định của Sở Tư pháp tại Báo
cáo số 12/BC-STP ngày 02/11/2025.
Nơi nhận:
- Như trên;
- Phó CTr. Lê Văn Hải (để bc);
- Các đơn vị thuộc Bộ: CST, QLKT, DNTN;
- Lưu: VT, KSTH."""


def test_names_and_codes_of_a_clean_page_stay_as_printed():
    """Text Tesseract ``vie`` read right: lot codes with digits, codes joined by ``&`` and
    abbreviations on short lines of a clean page are no damage to repair."""
    assert fix(CLEAN_PAGE) == CLEAN_PAGE
