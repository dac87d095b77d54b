"""The n-gram language model: Kneser-Ney estimation, backoff scoring, batch = reference."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ocrfix.build.lm import discounts, encode_corpus, estimate, quantise, write_model
from ocrfix.dictionaries import dictionaries_dir
from ocrfix.exceptions import MissingDependencyError
from ocrfix.repair.lm import LanguageModel, OrderTable, Quantised, far_index, hash_table
from ocrfix.repair.lmtokens import lm_tokens

TEXT = (
    "ủy ban nhân dân tỉnh xã huyện quyết định số ngày tháng năm của về việc ban hành "
    "kế hoạch thực hiện công tác chuyển đổi số ubnd hđnd"
)
WORDS = TEXT.split(" ")


def _corpus(lines: int = 1500, seed: int = 0) -> list[str]:
    """A Markov-chain text over a few words: repeated n-grams of every count, numbers, junk."""
    rng = np.random.default_rng(seed)
    follow = {w: rng.choice(WORDS, size=3, replace=False) for w in WORDS}
    text = []
    for i in range(lines):
        word = str(rng.choice(WORDS))
        sentence = [word]
        for _ in range(rng.integers(1, 12)):
            word = str(rng.choice(follow[word]) if rng.random() < 0.8 else rng.choice(WORDS))
            sentence.append(word if rng.random() > 0.02 else str(rng.integers(1, 99)))
        junk = " qwzx" if i % 200 == 0 else ""
        text.append(" ".join(sentence).capitalize() + junk + ". Hòa bình")
    return text


def _build(tmp_path_factory, name: str, prune: list[int], quant_bits: int) -> Path:
    vocab, stream = encode_corpus(_corpus(), min_word_count=10)
    folder = tmp_path_factory.mktemp(name)
    write_model(folder, vocab, estimate(stream, vocab, 3, prune, quant_bits))
    return folder


@pytest.fixture(scope="module")
def exact_dir(tmp_path_factory) -> Path:
    return _build(tmp_path_factory, "exact", [1, 1], 0)


@pytest.fixture(scope="module")
def exact(exact_dir) -> LanguageModel:
    return LanguageModel.load(exact_dir)


@pytest.fixture(scope="module")
def pruned(tmp_path_factory) -> LanguageModel:
    return LanguageModel.load(_build(tmp_path_factory, "pruned", [2, 3], 8))


def _reference(lm: LanguageModel):
    """Plain-dict ARPA backoff over the model's stored n-grams: slow and obviously right."""
    tables = [{ids: (p, b) for ids, p, b in lm.iter_ngrams(n)} for n in range(1, lm.order + 1)]

    def logprob(context: tuple[int, ...], word: int) -> float:
        if not context:
            return tables[0][(word,)][0]
        found = tables[len(context)].get((*context, word))
        if found is not None:
            return found[0]
        bow = tables[len(context) - 1].get(context, (0.0, 0.0))[1]
        return bow + logprob(context[1:], word)

    return logprob


def _contexts(lm: LanguageModel) -> list[list[str]]:
    return [["<s>", "<s>"], ["ủy", "ban"], ["<s>", "quyết"], ["nhân", "dân"], ["qwzx", "<num>"]]


@pytest.mark.parametrize("which, tolerance", [("exact", 1e-5), ("pruned", 0.08)])
def test_distributions_sum_to_one(which, tolerance, request):
    lm = request.getfixturevalue(which)
    words = np.array([i for i in range(len(lm.vocab)) if i != lm.bos_id])
    for context in _contexts(lm):
        ids = np.tile(lm.ids(context), (len(words), 1))
        total = (10.0 ** lm.score(ids, words).astype(np.float64)).sum()
        assert total == pytest.approx(1.0, abs=tolerance), context


@pytest.mark.parametrize("which", ["exact", "pruned"])
def test_batch_scores_equal_reference(which, request):
    lm = request.getfixturevalue(which)
    reference = _reference(lm)
    rng = np.random.default_rng(1)
    seen = lm.ids([*WORDS, "<s>", "</s>", "<num>", "<unk>", "hòa", "bình"])
    pool = np.concatenate([seen, seen, rng.integers(0, len(lm.vocab), 10)])
    context = rng.choice(pool, size=(400, 2))
    words = rng.choice(pool[pool != lm.bos_id], size=400)
    fast = lm.score(context, words)
    pairs = zip(context.tolist(), words.tolist(), strict=True)
    slow = [reference(tuple(c), w) for c, w in pairs]
    np.testing.assert_allclose(fast, slow, atol=1e-5)
    short = lm.score(context[:, 1:], words)  # a shorter context is a lower-order query
    slow = [reference((c[1],), w) for c, w in zip(context.tolist(), words.tolist(), strict=True)]
    np.testing.assert_allclose(short, slow, atol=1e-5)


def test_model_prefers_seen_text(exact):
    words = max((line.split(".")[0].split() for line in _corpus()[:50]), key=len)
    seen, scrambled = lm_tokens(" ".join(words)), lm_tokens(" ".join(words[::-1]))
    assert exact.sentence_logprob(seen) > exact.sentence_logprob(scrambled) + 1


def test_sentence_logprob_is_sum_of_conditional_scores(exact):
    tokens = lm_tokens("Quyết định số 12. Hòa bình")
    ids = exact.ids(tokens)
    expected, context = 0.0, [exact.bos_id, exact.bos_id]
    for token in ids[1:]:
        if token == exact.bos_id:
            context = [exact.bos_id, exact.bos_id]
            continue
        expected += float(exact.score(np.array([context]), np.array([token]))[0])
        context = [context[1], int(token)]
    assert exact.sentence_logprob(tokens) == pytest.approx(expected, abs=1e-4)


def test_vocabulary_rules(exact):
    assert exact.ids(["ubnd", "qwzx", "ngoằn", "thwe"]).tolist() == [
        exact.index["ubnd"],  # frequent non-syllable kept
        exact.unk_id,  # rare non-syllable
        exact.index["ngoằn"],  # every valid syllable is in the vocabulary, seen or not
        exact.unk_id,
    ]
    unseen = exact.score(np.array([[exact.bos_id, exact.bos_id]]), exact.ids(["ngoằn"]))
    rare = exact.score(np.array([[exact.bos_id, exact.bos_id]]), exact.ids(["hòa"]))
    assert unseen[0] < rare[0] - 2


def test_discounts_follow_chen_goodman():
    counts = np.array([1] * 100 + [2] * 40 + [3] * 20 + [4] * 10 + [9] * 5)
    d = discounts(counts)
    y = 100 / (100 + 2 * 40)
    assert d == pytest.approx([1 - 2 * y * 40 / 100, 2 - 3 * y * 20 / 40, 3 - 4 * y * 10 / 20])


def test_quantise_keeps_order_and_error_small():
    values = np.random.default_rng(2).normal(-3, 1, 5000)
    codes, book = quantise(values, 8)
    assert np.abs(book[codes] - values).mean() < 0.01
    assert np.all(np.diff(book) >= 0)


@pytest.mark.skipif(not (dictionaries_dir() / "lm" / "header.json").exists(), reason="no model")
def test_shipped_model_knows_administrative_phrases():
    lm = LanguageModel.load()
    good = lm_tokens("Ủy ban nhân dân tỉnh Quảng Ninh ban hành kế hoạch")
    garbled = lm_tokens("Ủy ban nhân dấn tính Quảng Ninh bán hành kê hoạch")
    assert lm.sentence_logprob(good) > lm.sentence_logprob(garbled) + 5


def test_hash_table_finds_every_key_and_only_those():
    keys = np.unique(np.random.default_rng(3).integers(0, 2**45, 20000).astype(np.uint64))
    table, slots = hash_table(keys)
    lookup = OrderTable(table, Quantised(np.zeros(len(table))), None, far_index(table))
    assert len(lookup.far[0]) > 0  # some keys sit far from home: that path is tested too
    index, found = lookup.find(keys)
    assert found.all() and np.array_equal(index, slots)
    assert not lookup.find(keys + np.uint64(2**46))[1].any()


def test_incomplete_model_folder_is_a_clear_error(tmp_path, exact_dir):
    for name in ("header.json", "vocab.txt", "logp1.npy"):
        (tmp_path / name).write_bytes((exact_dir / name).read_bytes())
    with pytest.raises(MissingDependencyError, match=r"bow1\.npy"):
        LanguageModel.load(tmp_path)
