"""Stand-in models for the repair engine's tests: a tiny trigram LM fitted on a few
sentences and a channel that only knows diacritic stripping, so decoding, protection and
case rules are tested without the shipped models (tests of those load the real ones)."""

from __future__ import annotations

import math
from collections import Counter

import pytest

from ocrfix.build.lm import encode_corpus, estimate, write_model
from ocrfix.repair.channel import ChannelModel
from ocrfix.repair.engine import Engine
from ocrfix.repair.lm import LanguageModel
from ocrfix.repair.protect import CodeBook

SENTENCES = [
    "Ủy ban nhân dân xã Tam Hợp báo cáo kết quả thực hiện công tác cải cách hành chính",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Độc lập - Tự do - Hạnh phúc",
    "Quyết định về việc ban hành kế hoạch chuyển đổi số của tỉnh",
    "Hội đồng nhân dân tỉnh thông qua nghị quyết số 05 ngày 24 tháng 12 năm 2024",
    "Đảng bộ xã lãnh đạo thực hiện nhiệm vụ chính trị",
    "Căn cứ Luật Tổ chức chính quyền địa phương",
    "Cổng thông tin điện tử của Ủy ban nhân dân tỉnh",
]


@pytest.fixture(scope="session")
def tiny_lm(tmp_path_factory) -> LanguageModel:
    vocab, stream = encode_corpus(SENTENCES * 20, min_word_count=1)
    folder = tmp_path_factory.mktemp("tiny_lm")
    write_model(folder, vocab, estimate(stream, vocab, 3, [1, 1], 0))
    return LanguageModel.load(folder)


@pytest.fixture(scope="session")
def standin_engine(tiny_lm) -> Engine:
    counts = Counter(w for s in SENTENCES for w in s.lower().split() if w.isalpha())
    total = sum(counts.values())
    vocab = sorted(counts, key=lambda w: -counts[w])
    prior = [math.log10(counts[w] / total) for w in vocab]
    known = {"UBND": 50, "HĐND": 30, "QĐ": 40, "NQ": 20, "TU": 10, "BC": 10, "HD": 5}
    codes = CodeBook(known, {"đ": {"b", "d", "p"}})
    return Engine(tiny_lm, ChannelModel(vocab, prior, {}), codes)
