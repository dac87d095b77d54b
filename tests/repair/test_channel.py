"""Candidate generation: the truth syllable is among a token's candidates, near the top."""

from __future__ import annotations

import time

import pytest

from ocrfix.exceptions import UsageError
from ocrfix.repair.channel import Candidate, ChannelModel, candidates
from ocrfix.text import inventory, strip_diacritics

# Garbles of Tesseract eng seen in dev pairs (build/ocr_pairs/dev-eng.jsonl), with the
# rank within which the truth must appear.
ENG_GARBLES = [
    ("cua", "của", 3),
    ("ciia", "của", 5),
    ("cia", "của", 5),
    ("s6", "số", 3),
    ("$6", "số", 3),
    ("t6", "tổ", 5),
    ("quyét", "quyết", 3),
    ("diéu", "điều", 3),
    ("d&", "đã", 3),
    ("x4", "xã", 3),
    ("1y", "lý", 3),
    ("Hgp", "hợp", 3),
    ("HDND", "hđnd", 3),
    ("céng", "công", 3),
    ("nhiém", "nhiệm", 3),
    ("viéc", "việc", 3),
    ("thwe", "thực", 10),
    ("hign", "hiện", 5),
    # capitals: headers and titles are read with their own confusions
    ("HOP", "hợp", 3),
    ("DOC", "độc", 5),
    ("BOC", "đốc", 5),
    ("QD", "qđ", 3),
]


@pytest.fixture(scope="module")
def model() -> ChannelModel:
    return ChannelModel.load()


@pytest.mark.parametrize(("token", "truth", "within"), ENG_GARBLES)
def test_eng_garbles_rank_truth_near_top(
    model: ChannelModel, token: str, truth: str, within: int
) -> None:
    found = [c.text for c in model.candidates(token, kind="eng", limit=10)]
    assert truth in found[:within], found


def test_candidates_are_lower_case_with_channel_logp(model: ChannelModel) -> None:
    found = model.candidates("PHAP", kind="eng", limit=10)
    assert found and all(isinstance(c, Candidate) for c in found)
    assert all(c.text == c.text.lower() and c.logp <= 0.0 for c in found)
    assert "pháp" in [c.text for c in found]


def test_merged_token_is_read_as_two_syllables(model: ChannelModel) -> None:
    found = [c.text for c in model.candidates("làxã", kind="eng", limit=10)]
    assert "là xã" in found


@pytest.mark.parametrize("token", ["xa", "hoa", "nguoi", "Uy"])
def test_stripped_candidates_are_complete(model: ChannelModel, token: str) -> None:
    expected = {s for s in inventory() if strip_diacritics(s) == token.lower()}
    found = model.candidates(token, kind="stripped", limit=None)
    assert {c.text for c in found} == expected
    assert all(c.logp == 0.0 for c in found)


def test_identity_keeps_valid_syllables_only(model: ChannelModel) -> None:
    assert model.candidates("Hoà", kind="identity") == [Candidate("hòa", 0.0)]
    assert model.candidates("thwe", kind="identity") == []


def test_auto_prefers_the_token_itself_on_a_correct_line(model: ChannelModel) -> None:
    profile = (("eng", 0.01), ("identity", 0.9), ("stripped", 0.01), ("vie", 0.08))
    found = model.candidates("của", kind="auto", profile=profile)
    assert found[0].text == "của"
    assert found[0].logp > -0.1


def test_unseen_token_gets_fallback_candidates(model: ChannelModel) -> None:
    found = [c.text for c in model.candidates("nghj€m", kind="eng", limit=10)]
    assert "nghiệm" in found


def test_unknown_kind_is_a_usage_error(model: ChannelModel) -> None:
    with pytest.raises(UsageError):
        model.candidates("xa", kind="french")


def test_module_function_uses_the_shared_model() -> None:
    assert candidates("x4", kind="eng", limit=3)[0].text == "xã"
    assert ChannelModel.load() is ChannelModel.load()


def test_fallback_score_prefers_the_learned_garble(model: ChannelModel) -> None:
    channel = model.channels[("eng", False)]
    assert channel.score("của", "ciia") > channel.score("của", "xyzq")
    assert channel.score("của", "của") > channel.score("của", "ciia")
    assert channel.score("của", "xyzq", cutoff=-1.0) == float("-inf")


def test_cached_answers_are_fast(model: ChannelModel) -> None:
    tokens = [t for t, _, _ in ENG_GARBLES] * 200
    started = time.perf_counter()
    for token in tokens:
        model.candidates(token, kind="eng")
    assert len(tokens) / (time.perf_counter() - started) > 50_000
