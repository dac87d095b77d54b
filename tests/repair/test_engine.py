"""The engine on stand-in models: what is repaired, what is preserved exactly."""

from __future__ import annotations

import pytest

from ocrfix.exceptions import UsageError
from ocrfix.repair.result import RepairConfig

STRIPPED = RepairConfig(channel="stripped")  # the stand-in channel knows only stripping


def fix(engine, text: str, config: RepairConfig = STRIPPED) -> str:
    return engine.fix_and_explain(text, config).text


def test_restores_stripped_text_with_context(standin_engine):
    assert fix(standin_engine, "Cong hoa xa hoi chu nghia Viet Nam") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )


@pytest.mark.parametrize(
    "text",
    [
        "So 1909/BC-UBND ngay 24/12/2024, xem https://dichvucong.gov.vn/p/a.html",
        "Lien he: van.thu@tamhop.gov.vn; (3,5%) 1.000.000 dong",
        "  hai  dau cach\tva tab \n\ndong trong\r\nCRLF  ",
        "Ket qua: 98,5% - so lieu [1] “trich dan” …",
    ],
)
def test_preserves_everything_but_letters(standin_engine, text):
    from ocrfix.text import strip_diacritics

    out = fix(standin_engine, text)
    assert strip_diacritics(out) == text  # numbers, symbols, URLs, spaces, line breaks


def test_preserves_letter_case(standin_engine):
    assert fix(standin_engine, "UY BAN NHAN DAN xa Tam Hop") == "ỦY BAN NHÂN DÂN xã Tam Hợp"


def test_repairs_garbled_codes_and_keeps_known_ones(standin_engine):
    out = fix(standin_engine, "So 12/Qb-UBND cua HDND; 05-NQ/TU; V/v ban hanh")
    assert out == "Số 12/QĐ-UBND của HĐND; 05-NQ/TU; V/v ban hành"


def test_text_with_diacritics_is_unchanged(standin_engine):
    text = "Ủy ban nhân dân xã Tam Hợp báo cáo"
    assert fix(standin_engine, text) == text


def test_tone_style(standin_engine):
    modern = RepairConfig(channel="stripped", tone_style="modern")
    assert fix(standin_engine, "Cong hoa xa hoi", modern) == "Cộng hoà xã hội"
    assert fix(standin_engine, "Cộng hoà", STRIPPED) == "Cộng hòa"


def test_tokens_describe_the_repair(standin_engine):
    text = "Uy ban nhan dan, so 05"
    result = standin_engine.fix_and_explain(text, STRIPPED)
    assert result.text == "Ủy ban nhân dân, số 05"
    for tok in result.tokens:
        assert text[tok.start : tok.end] == tok.original
        assert 0.0 <= tok.confidence <= 1.0
    words = {t.original: t for t in result.tokens}
    assert words["Uy"].text == "Ủy" and words["Uy"].changed
    assert words["05"].reason == "kept: number" and not words["05"].changed
    assert all(a.text != words["nhan"].text for a in words["nhan"].alternatives)


def test_empty_and_blank_input(standin_engine):
    assert fix(standin_engine, "") == ""
    assert fix(standin_engine, "\n\n  \n") == "\n\n  \n"
    assert fix(standin_engine, "...") == "..."


def test_output_is_nfc(standin_engine):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Việt Nam xa hoi")
    out = fix(standin_engine, decomposed)
    assert out == unicodedata.normalize("NFC", out)


@pytest.mark.parametrize("enabled", [True, False])
def test_repair_leaves_the_cycle_collector_as_it_found_it(standin_engine, enabled):
    import gc

    (gc.enable if enabled else gc.disable)()
    try:
        fix(standin_engine, "Cong hoa xa hoi")
        assert gc.isenabled() is enabled
        with pytest.raises(UsageError):
            standin_engine.fix_and_explain("x", RepairConfig(channel="nonsense"))
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_long_text_goes_in_chunks_with_the_same_result(standin_engine, monkeypatch):
    from ocrfix.repair import engine as engine_module

    text = "Cong hoa xa hoi\n\nchu nghia Viet Nam\nTam Hop\nngay 24 thang 12\n\n"
    whole = fix(standin_engine, text)
    monkeypatch.setattr(engine_module, "CHUNK_PASSAGES", 2)
    seen: list[int] = []
    chunked = standin_engine.fix_and_explain(text, STRIPPED, progress=seen.append)
    assert chunked.text == whole
    assert len(seen) >= 2 and sum(seen) == len(text)


def test_keeping_an_unreadable_word_costs_what_the_text_says_of_its_damage():
    from ocrfix.repair.engine import identity_share, keep_logp
    from ocrfix.repair.lattice import Params

    clean = (("eng", 0.0), ("identity", 0.9), ("stripped", 0.0), ("vie", 0.1))
    assert keep_logp(Params(), identity_share("auto", clean)) == pytest.approx(-0.0454, abs=1e-3)
    assert keep_logp(Params(), identity_share("eng", None)) == pytest.approx(Params().keep_logp)
    assert keep_logp(Params(), identity_share("identity", None)) == 0.0
