"""Alignment of OCR output with its truth: the basis of the learned error model."""

from __future__ import annotations

import pytest

from ocrfix.repair.align import align_chars, align_tokens, edits, syllable_pairs


@pytest.mark.parametrize(
    ("truth", "ocr", "expected"),
    [
        ("Tam Hợp", "Tam Hgp", [("tam", "tam"), ("hợp", "hgp")]),
        ("thực hiện", "thwe hign", [("thực", "thwe"), ("hiện", "hign")]),
        ("của Bộ", "ciia B§", [("của", "ciia"), ("bộ", "b§")]),
        ("Nghị quyết số", "Nghi quyét $6", [("nghị", "nghi"), ("quyết", "quyét"), ("số", "$6")]),
        ("Độc lập", "Péc 1ap", [("độc", "péc"), ("lập", "1ap")]),
    ],
)
def test_syllable_pairs_known_garbles(truth: str, ocr: str, expected: list) -> None:
    assert syllable_pairs(truth, ocr) == expected


def test_merge_kept_together_and_split_joined() -> None:
    assert syllable_pairs("là xã Tam", "làxã Tam") == [("là xã", "làxã"), ("tam", "tam")]
    assert syllable_pairs("Đảng bộ", "Pang b o") == [("đảng", "pang"), ("bộ", "bo")]


def test_lost_and_stray_tokens_do_not_shift_the_rest() -> None:
    groups = align_tokens(["Ủy", "ban", "nhân", "dân"], ["Uy", "~", "ban", "dan"])
    assert ("Ủy", "Uy") in groups and ("dân", "dan") in groups and ("nhân", "") in groups
    assert ("ban", "~ ban") in groups or {("", "~"), ("ban", "ban")} <= set(groups)


def test_one_to_many_characters() -> None:
    pairs = align_chars("của", "ciia")
    assert "".join(t for t, _ in pairs) == "của" and "".join(o for _, o in pairs) == "ciia"
    assert ("ủ", "i") in pairs and ("", "i") in pairs
    assert align_chars("m", "rn") in ([("m", "r"), ("", "n")], [("", "r"), ("m", "n")])


def test_edits_carry_context_and_never_pure_insertions() -> None:
    found = set(edits("của", "ciia"))
    assert ("ủ", "ii") in found and ("củ", "cii") in found
    assert all(alpha for alpha, _ in found)
    assert set(edits("xã", "xã")) == set()
