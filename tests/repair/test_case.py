"""Letter case of repaired words: by the line, since OCR prints marked small letters as capitals."""

from __future__ import annotations

import pytest

from ocrfix.repair.explain import surface
from ocrfix.repair.lattice import in_capitals
from ocrfix.repair.tokenize import tokenize


@pytest.mark.parametrize(
    ("original", "chosen", "caps", "expected"),
    [
        ("BO", "bộ", False, "Bộ"),  # ``Bộ Y tế`` read as ``BO Y tế``
        ("BO", "bộ", True, "BỘ"),  # ``BỘ Y TẾ`` in a heading
        ("NOi", "nội", False, "Nội"),
        ("CHiNH", "chính", True, "CHÍNH"),
        ("Hop", "hợp", True, "Hợp"),  # two small letters: the word itself was not in capitals
        ("Idi", "lời", False, "lời"),  # a capital I is a small l
        ("ỦBND", "ubnd", False, "UBND"),  # no syllable: an abbreviation keeps its capitals
        ("HDND", "HĐND", False, "HĐND"),  # a code candidate is printed as it is
        ("cong", "công", True, "công"),
        ("Tam", "tam", False, "Tam"),  # unchanged words keep their exact form
    ],
)
def test_surface_case(original, chosen, caps, expected):
    assert surface(original, chosen, "traditional", caps) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("CONG HOA XA HOI CHU NGHIA VIET NAM", True),
        ("Bo truong BO Y te ban hanh", False),
        ("UY BAN NHAN DAN xa Tam", True),  # four words in capitals of seven
        ("- Luu: VT, KT.", False),  # abbreviations do not vote when Vietnamese words are there
        ("S6: 1909/QĐ-UBND", False),  # one letter is no evidence
        ("THL.CỤCTRƯỜNG", True),
    ],
)
def test_line_in_capitals(line, expected):
    assert in_capitals(tokenize(line, 0)) is expected


def test_roman_numerals_keep_their_capitals():
    assert surface("Il", "ii", "traditional") == "II"
    assert surface("IH", "iii", "traditional") == "III"
    assert surface("Xl", "xi", "traditional") == "Xi"  # xi is a syllable (xi măng)
