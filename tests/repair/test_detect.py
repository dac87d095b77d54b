"""Damage detection: correct lines look correct, stripped look stripped, garbled look OCR'd."""

from __future__ import annotations

import pytest

from ocrfix.repair.detect import CLASSES, damage_profile, damage_profile_within, features

CORRECT = [
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Ủy ban nhân dân tỉnh quyết định thành lập Ban chỉ đạo",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
]
STRIPPED = [
    "Cong hoa xa hoi chu nghia Viet Nam",
    "Uy ban nhan dan tinh quyet dinh thanh lap Ban chi dao",
    "Can cu Luat To chuc chinh quyen dia phuong ngay 19 thang 6 nam 2015;",
]
GARBLED = [
    "du@ng, thdi gian va s5 ngutl tic hign gidm djnh ddi véi ting loi viéc giim djnh",
    "Bp trvdng BO Y tf ban hinh Thing tr bal bé Thing tt 6 31/2015/TT: BYT ngay",
    "Nghi quyét $6 12 cia HDND x4 Tam Hgp vé cong tic thwe hién",
]


def test_profile_is_a_distribution() -> None:
    profile = damage_profile(CORRECT[0])
    assert set(profile) == set(CLASSES)
    assert sum(profile.values()) == pytest.approx(1.0, abs=1e-3)
    assert min(profile.values()) > 0.0


@pytest.mark.parametrize("line", CORRECT)
def test_correct_lines_need_no_stripped_or_eng_channel(line: str) -> None:
    profile = damage_profile(line)
    assert profile["identity"] + profile["vie"] > 0.8


@pytest.mark.parametrize("line", STRIPPED)
def test_stripped_lines(line: str) -> None:
    profile = damage_profile(line)
    assert max(profile, key=profile.get) == "stripped"


@pytest.mark.parametrize("line", GARBLED)
def test_garbled_lines(line: str) -> None:
    profile = damage_profile(line)
    assert max(profile, key=profile.get) == "eng"


def test_features_of_empty_and_numeric_lines() -> None:
    assert features("")["short"] == 1.0
    assert features("12/2020/NĐ-CP 2025")["diacritics"] >= 0.0


def test_a_short_line_leans_on_its_texts_profile_and_a_long_one_on_its_own() -> None:
    whole = damage_profile(" ".join(STRIPPED))
    short, long = "Phó CTr. Đặng Ngọc Minh", " ".join(CORRECT * 3)
    assert damage_profile_within(short, whole)["stripped"] > 0.5 > damage_profile(short)["stripped"]
    own, within = damage_profile(long)["stripped"], damage_profile_within(long, whole)["stripped"]
    assert within - own < 0.5 * (whole["stripped"] - own)
    assert sum(damage_profile_within(short, whole).values()) == pytest.approx(1.0, abs=1e-3)
