"""How text becomes language-model tokens: one rule set shared by the LM build and the decoder.

The decoder must feed the model exactly what the model was trained on, so both sides call
these functions:

- a word (run of letters) becomes ``token_key(word)``: lower case, NFC, tone mark placed
  by the traditional convention (``hoà`` → ``hòa``), because the corpus mixes both;
- a number (``2025``, ``1.000``, ``3,5``) becomes ``<num>``;
- a line end and the sentence punctuation ``. ; : ? !`` end the sentence: ``</s>``, and
  the next word starts one with ``<s>``; empty sentences are not emitted;
- all other punctuation is dropped. Kept as tokens it lowered the held-out per-syllable
  perplexity by only 0.7 % (18.24 vs 18.36, trigram), while OCR turns letters into
  stray marks (``d&``, ``¢``) that would then enter the context as if they were commas.

Public names (stable): ``lm_tokens``, ``iter_sentences``, ``token_key``, ``word_keys``,
``BOS``, ``EOS``, ``UNK``, ``NUM``, ``SPECIAL_TOKENS``, ``SENTENCE_END``.

Words that are not Vietnamese syllables (``ubnd``, ``qđ``, ``tthc``, loanwords) stay as
they are here; the model's vocabulary decides which of them it knows, and
``LanguageModel.ids`` maps the others to ``<unk>``.

>>> " ".join(lm_tokens("Ủy ban nhân dân xã Tam Hợp. Số 12/QĐ-UBND"))
'<s> ủy ban nhân dân xã tam hợp </s> <s> số <num> qđ ubnd </s>'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import regex

from ocrfix.text import normalize_syllable

BOS, EOS, UNK, NUM = "<s>", "</s>", "<unk>", "<num>"
SPECIAL_TOKENS = (UNK, BOS, EOS, NUM)

SENTENCE_END = frozenset(".;:?!")
_TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[.;:?!]")


@lru_cache(maxsize=262144)
def token_key(word: str) -> str:
    """The model's key for one word or number: ``"Hoà"`` → ``"hòa"``, ``"2025"`` → ``"<num>"``.

    >>> token_key("HOÀ"), token_key("Uỷ"), token_key("UBND"), token_key("12")
    ('hòa', 'ủy', 'ubnd', '<num>')
    """
    if word[:1].isdigit():
        return NUM
    return normalize_syllable(unicodedata.normalize("NFC", word).lower())


def word_keys(text: str) -> list[str]:
    """The keys of the words and numbers in ``text``, punctuation dropped, as the model
    was trained on them: ``"31/2015/TT-BYT"`` → ``<num> <num> tt byt``.

    >>> word_keys("31/2015/TT-BYT"), word_keys("30/7/2024")
    (['<num>', '<num>', 'tt', 'byt'], ['<num>', '<num>', '<num>'])
    """
    return [token_key(m.group()) for m in _TOKEN.finditer(text) if m.group() not in SENTENCE_END]


def iter_sentences(text: str) -> Iterator[list[str]]:
    """The keys of each sentence of ``text``, without ``<s>``/``</s>``; empty ones skipped."""
    for line in text.splitlines():
        sentence: list[str] = []
        for match in _TOKEN.finditer(line):
            piece = match.group()
            if piece in SENTENCE_END:
                if sentence:
                    yield sentence
                sentence = []
            else:
                sentence.append(token_key(piece))
        if sentence:
            yield sentence


def lm_tokens(text: str) -> list[str]:
    """``text`` as one token list with ``<s>`` … ``</s>`` around every sentence."""
    tokens: list[str] = []
    for sentence in iter_sentences(text):
        tokens.append(BOS)
        tokens.extend(sentence)
        tokens.append(EOS)
    return tokens
