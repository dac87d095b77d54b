"""Properties of the orthography core: parse, compose, tone placement, stripping."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from vn_strategies import SYLLABLES, VIETNAMESE_LETTERS, sentences, syllables

from ocrfix.text import (
    TONE_STYLES,
    compose,
    inventory,
    is_valid_syllable,
    normalize_tones,
    parse_syllable,
    strip_diacritics,
    strip_tones,
)
from ocrfix.text.chars import join_tone, split_tone
from ocrfix.text.syllable import iter_inventory


@pytest.mark.parametrize("style", TONE_STYLES)
def test_parse_compose_is_identity_over_the_whole_inventory(style):
    parts = list(iter_inventory())
    assert len(parts) > 15_000
    for syllable in parts:
        written = compose(syllable, style)
        assert unicodedata.is_normalized("NFC", written)
        assert parse_syllable(written) == syllable, written
        assert parse_syllable(written.upper()) == syllable, written


def test_inventory_has_no_duplicates_and_both_styles_differ_only_in_placement():
    traditional, modern = inventory("traditional"), inventory("modern")
    assert len(set(traditional)) == len(traditional) == len(modern) == len(set(modern))
    differing = {(t, m) for t, m in zip(traditional, modern, strict=True) if t != m}
    assert ("hòa", "hoà") in differing and ("thủy", "thuỷ") in differing
    assert all(strip_tones(t) == strip_tones(m) for t, m in differing)
    assert "quý" in traditional and "quý" in modern  # qu + y: one vowel, no choice


@pytest.mark.parametrize(
    ("traditional", "modern"),
    [("hòa", "hoà"), ("thủy", "thuỷ"), ("Ủy", "Uỷ"), ("khỏe", "khoẻ"), ("quý", "quý"),
     ("giữ", "giữ"), ("người", "người"), ("hoàng", "hoàng"), ("khuyến", "khuyến"),
     ("thuở", "thuở"), ("quốc", "quốc"), ("HÒA", "HOÀ")],
)  # fmt: skip
def test_tone_styles_on_known_words(traditional, modern):
    assert normalize_tones(modern, "traditional") == traditional
    assert normalize_tones(traditional, "modern") == modern


@settings(max_examples=200, deadline=None)
@given(text=sentences(), style=st.sampled_from(TONE_STYLES))
def test_normalize_tones_is_idempotent(text, style):
    once = normalize_tones(text, style)
    assert normalize_tones(once, style) == once
    assert unicodedata.is_normalized("NFC", once)


@settings(max_examples=200, deadline=None)
@given(text=sentences())
def test_styles_convert_losslessly(text):
    traditional = normalize_tones(text, "traditional")
    modern = normalize_tones(traditional, "modern")
    assert normalize_tones(modern, "traditional") == traditional
    assert normalize_tones(traditional, "modern") == modern
    assert strip_tones(modern) == strip_tones(traditional) == strip_tones(text)


@settings(max_examples=200, deadline=None)
@given(word=syllables, style=st.sampled_from(TONE_STYLES))
def test_case_is_preserved(word, style):
    lower = normalize_tones(word, style)
    assert normalize_tones(word.upper(), style) == lower.upper()
    title = word[:1].upper() + word[1:]
    assert normalize_tones(title, style) == lower[:1].upper() + lower[1:]


def test_decomposed_input_comes_out_nfc():
    decomposed = unicodedata.normalize("NFD", "Cộng hòa xã hội chủ nghĩa Việt Nam")
    assert normalize_tones(decomposed) == "Cộng hòa xã hội chủ nghĩa Việt Nam"


@pytest.mark.parametrize("letter", VIETNAMESE_LETTERS)
def test_strip_diacritics_maps_every_letter_to_ascii(letter):
    stripped = strip_diacritics(letter)
    assert len(stripped) == 1 and stripped in string.ascii_letters
    assert stripped.isupper() == letter.isupper()


def test_strip_diacritics_examples_and_passthrough():
    assert strip_diacritics("Đường Nguyễn Trãi, QUẬN 1") == "Duong Nguyen Trai, QUAN 1"
    assert strip_diacritics("đ Đ") == "d D"
    assert strip_diacritics("12/2020/NĐ-CP — “ok” ç") == "12/2020/ND-CP — “ok” ç"


@settings(max_examples=300, deadline=None)
@given(word=syllables)
def test_stripped_syllables_are_ascii_lower_case(word):
    assert set(strip_diacritics(word)) <= set(string.ascii_lowercase)


@pytest.mark.parametrize(
    "word",
    ["thwe", "hgp", "hóà", "hoàá", "hàt", "cà̀", "ce", "ki̊", "gha", "ngi", "kơ", "qo", "xyz",
     "ăa", "", "a1", "nghe ", "tiếg", "ưu̇"],
)  # fmt: skip
def test_invalid_strings_are_rejected(word):
    assert not is_valid_syllable(word)
    assert parse_syllable(word) is None


@pytest.mark.parametrize(
    "word",
    ["gì", "gìn", "già", "giếng", "quốc", "quýt", "quỳnh", "khuya", "oẳn", "nghiêng", "ươn",
     "yêu", "thuở", "Nghị", "ĐỊNH", "kìa", "ghẹ", "ngoằn", "boong", "xoong"],
)  # fmt: skip
def test_real_syllables_are_accepted(word):
    assert is_valid_syllable(word)


def test_a_second_tone_mark_on_any_other_vowel_is_rejected():
    doubled = []
    for word in SYLLABLES:
        bases = [split_tone(c) for c in word]
        if not any(tone for _, tone in bases):
            continue
        for i, (base, tone) in enumerate(bases):
            if tone == 0 and base in "aăâeêioôơuưy":
                doubled.append(word[:i] + join_tone(base, 4 if tone != 4 else 2) + word[i + 1 :])
    assert len(doubled) > 5_000
    assert not any(map(is_valid_syllable, doubled))
