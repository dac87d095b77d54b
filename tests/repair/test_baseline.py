from ocrfix.repair import baseline
from ocrfix.text import strip_diacritics


def test_baseline_restores_stripped_words_and_keeps_the_rest():
    text = "Cong hoa xa hoi chu nghia Viet Nam, so 1909/BC-UBND"
    out = baseline.fix(text)
    assert strip_diacritics(out) == text  # only diacritics change
    assert "xã hội chủ nghĩa Việt" in out  # each the most frequent form of its skeleton
    assert out.endswith(", số 1909/BC-UBND")


def test_baseline_leaves_words_with_diacritics_alone():
    text = "Tạm thời giữ nguyên"
    assert baseline.fix(text) == text


def test_baseline_tokens_point_into_the_input():
    text = "Ket qua: 98,5%"
    result = baseline.fix_and_explain(text)
    assert [text[t.start : t.end] for t in result.tokens] == [t.original for t in result.tokens]
