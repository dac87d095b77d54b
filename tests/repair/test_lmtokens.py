"""How text becomes LM tokens: the rules the decoder and the model build share."""

from __future__ import annotations

from ocrfix.repair.lmtokens import lm_tokens, token_key


def test_keys_are_lower_case_with_traditional_tone_placement():
    assert [token_key(w) for w in ("Hoà", "HÒA", "thuỷ", "Uỷ", "QĐ")] == [
        "hòa",
        "hòa",
        "thủy",
        "ủy",
        "qđ",
    ]


def test_decomposed_input_gives_the_same_key():
    assert token_key("ho\u0300a") == token_key("hòa") == "hòa"


def test_numbers_become_num():
    assert lm_tokens("ngày 15/01/2025, 1.000 đồng") == [
        "<s>", "ngày", "<num>", "<num>", "<num>", "<num>", "đồng", "</s>",
    ]  # fmt: skip


def test_sentences_end_at_line_ends_and_sentence_punctuation():
    assert lm_tokens("Điều 1. Ban hành\nNơi nhận: như trên;") == [
        "<s>", "điều", "<num>", "</s>",
        "<s>", "ban", "hành", "</s>",
        "<s>", "nơi", "nhận", "</s>",
        "<s>", "như", "trên", "</s>",
    ]  # fmt: skip


def test_other_punctuation_is_dropped_and_empty_sentences_skipped():
    assert lm_tokens("(UBND tỉnh), “Hà Nội” -- ... \n\n ;;") == [
        "<s>", "ubnd", "tỉnh", "hà", "nội", "</s>",
    ]  # fmt: skip
