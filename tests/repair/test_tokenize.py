"""Tokens and their spans: what is a word, a symbol, a number, a URL."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocrfix.repair.tokenize import iter_lines, tokenize


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("1909/BC-UBND", "symbol"),
        ("05-NQ/TU", "symbol"),
        ("23/CT-TTg", "symbol"),
        ("01/2023/TT-VPCP", "symbol"),
        ("9476 /BNNMT-CNTY", "symbol"),
        ("15/7/2021", "date"),
        ("2025", "number"),
        ("1.000.000", "number"),
        ("98,5%", "number"),
        ("https://dichvucong.gov.vn/p/home", "url"),
        ("vanthu@hanoi.gov.vn", "email"),
        ("QĐ-UBND", "code"),
        ("V/v", "code"),
        ("NN&PTNT", "code"),
        ("ĐBQH&HĐND", "code"),
        ("596/TTr-SNN&MT", "symbol"),
        ("d&", "word"),
        ("A8-A9", "code"),
        ("Bd&a", "word"),
        ("S6", "word"),
        ("m3", "unit"),
        ("km2", "unit"),
        ("d3", "word"),
        ("x@", "word"),
        ("$6", "word"),
        ("thwe", "word"),
    ],
)
def test_kinds(text, kind):
    assert kinds(text) == [(kind, text)]


def test_sentence_with_everything():
    got = kinds("Số: 1909/BC-UBND, ngày 15/7/2021 (xem https://a.gov.vn).")
    assert got == [
        ("word", "Số"), ("punct", ":"), ("symbol", "1909/BC-UBND"), ("punct", ","),
        ("word", "ngày"), ("date", "15/7/2021"), ("punct", "("), ("word", "xem"),
        ("url", "https://a.gov.vn"), ("punct", ")"), ("punct", "."),
    ]  # fmt: skip


@given(st.text(alphabet=st.sampled_from("aăđộ Ư1/-.,:@$ \nQB"), max_size=40))
def test_spans_point_into_the_text_and_skip_only_whitespace(text):
    tokens = tokenize(text, offset=0)
    last = 0
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text
        assert text[last : tok.start].strip() == ""
        last = tok.end
    assert text[last:].strip() == ""


def test_lines_keep_offsets():
    text = "một\r\nhai\n\nba"
    expected = [(0, "một"), (5, "hai"), (9, ""), (10, "ba")]
    assert list(iter_lines(text)) == expected


def test_wrapped_lines_form_one_passage_and_short_lines_stay_alone():
    from ocrfix.repair.tokenize import iter_passages

    text = (
        "Các doanh nghiệp kinh doanh trong lĩnh vực tài chính, ngân hàng và bảo\n"
        "hiểm phải thực hiện đầy đủ các quy định của pháp luật về thuế và phí\n"
        "c\n"
        "d\n"
        "- Như trên;\n"
        "\n"
        "a) Mục đích của kế hoạch là nâng cao hiệu quả công tác quản lý nhà nước\n"
    )
    passages = [[line for _, line in p] for p in iter_passages(text)]
    assert passages == [
        [text.splitlines()[0], text.splitlines()[1], "c"],  # wrapped; a short line ends it
        ["d"],
        ["- Như trên;"],
        [text.splitlines()[-1]],
    ]
    for passage in iter_passages(text):  # offsets point into the text
        for offset, line in passage:
            assert text[offset : offset + len(line)] == line
