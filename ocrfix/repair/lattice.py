"""Turn a passage's tokens into decoder slots: channel candidates for words, fixed keys else.

Each slot remembers which input token it stands for and the output text of every
candidate, so the engine can write the chosen path back into the text. Words get the
channel's candidates (lower case, traditional tones; ``"là xã"`` when the channel splits a
merged token) plus the word itself as a last resort (``keep``: names, loanwords, anything
the channel cannot read), so nothing is forced into a wrong syllable. A lone digit in a
word may be read as a letter (``S6`` → ``số``, ``1ap`` → ``lập``) but is never dropped: a
candidate the channel likes at least as well without the digits at the word's edges
(``thang11`` → ``tháng``) keeps them as a number (LM keys ``tháng <num>``, printed
``tháng11`` as in the input); a run of two or more digits in a word is never read as
letters, and a word (not a code: ``QH15``) with such a run at an edge also gets the
readings of the rest. A short number standing alone competes with the words OCR may have
read as it (``86`` → ``số``, ``6`` → ``ở``) at a prior cost (``digit_word_logp``), so only
context makes it a word. A stand-alone capitalised word that is a known code competes
with its readings too (``CAC`` → ``CÁC`` in a heading, ``HDND`` → ``HĐND``). Codes inside
symbols are repaired from the code list, and dates, other numbers, URLs and punctuation
are context only (``ocrfix.repair.protect``). Capitalised word slots carry a
``name_weight`` for the place-name gazetteer (``ocrfix.repair.gazetteer``), larger after
a unit word. A slot records whether its line is in capitals, for the output's case.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex

from ocrfix.repair.decode import Slot, key_ends, lattice_start
from ocrfix.repair.lmtokens import NUM, token_key
from ocrfix.repair.protect import BREAK, CodeBook, code_of, context_keys, is_context
from ocrfix.repair.tokenize import Token
from ocrfix.text import inventory, strip_diacritics

#: ``candidates(token_text) -> [(candidate text, log10 P(token | candidate))]``, best first.
CandidateFn = Callable[[str], Sequence[tuple[str, float]]]


@dataclass(frozen=True)
class Params:
    """Decoder knobs, tuned on the dev split (``benchmarks/repair_bench.py --split dev --tune``:
    of w_channel 0.7/1.0 × keep -3/-5 × unk -2/-4, this was best on eng and vie dev OCR
    while stripped stayed above 99 %). The place-name weights (0.5, 1.5) are the largest of
    a dev grid (0.5/1/1.5 × 1.5/2/3) that changed no dev syllable for the worse; larger
    ones turned person names (``Trần Văn Quân``) into place names."""

    w_channel: float = 1.0
    w_lm: float = 1.0
    keep_logp: float = -3.0  # channel log10 P of leaving an unreadable word as it is
    unk_logp: float = -4.0  # a word the LM does not know is one of many behind <unk>
    limit: int = 8  # channel candidates per word
    # Confidence temperature (1 = exact max-marginal posterior, which is overconfident).
    # 0.35 calibrates best on dev OCR (expected calibration error over 10 bins, tokens
    # aligned 1:1 with truth: eng 0.0198 at 1.0, 0.0108 at 0.5, 0.0081 at 0.35, 0.0364 at
    # 0.25; vie 0.0121/0.0108/0.0097). It does not change the chosen path.
    sharpness: float = 0.35
    w_name: float = 0.5  # log10 bonus per syllable pair of a known place name, capitalised
    w_name_unit: float = 1.5  # ... and in a capitalised span right after a unit word (xã)
    code_fix_logp: float = -1.0  # channel log10 P of a garbled stand-alone code's repair
    digit_word_logp: float = -1.0  # prior log10 P that a short number is a misread word


@dataclass
class SlotInfo:
    """What a slot stands for: the token (None for sentence markers) and candidate outputs."""

    token: Token | None
    outputs: list[str]
    reason: str
    caps: bool = False  # the word stands among words in capitals (a heading, ``XÃ TAM HỢP``)


def word_choices(
    word: str, candidates: CandidateFn, params: Params, keep: float | None = None
) -> tuple[list[str], list[float]]:
    """Candidate outputs (lower case) and their channel log-probabilities, the word kept last
    (at ``keep``, by default ``params.keep_logp``)."""
    choices: dict[str, float] = {}
    head, core, tail = digit_edges(word)
    without = dict(candidates(core)) if (head or tail) and core else {}
    numbers = _NUMBER.findall(word)
    for text, logp in candidates(word)[: params.limit]:
        if without.get(text, -math.inf) >= logp:  # the edge digits were not read as letters
            text = " ".join(p for p in (head, text, tail) if p)
        if _NUMBER.findall(text) == numbers:  # a run of digits is a number, never letters
            choices[text] = max(logp, choices.get(text, -math.inf))
    glued = _NUMBER.fullmatch(head) or _NUMBER.fullmatch(tail)
    if glued and not core.isupper():  # a number glued to a word (ngay24), not to a code (QH15)
        for text, logp in list(without.items())[: params.limit]:
            text = " ".join(p for p in (head, text, tail) if p)
            choices[text] = max(logp, choices.get(text, -math.inf))
    texts, logps = list(choices), list(choices.values())
    own = token_key(word)
    if own not in texts:
        texts.append(own)
        logps.append(params.keep_logp if keep is None else keep)
    return texts, logps


def starts_symbol(token: Token, after: Token | None) -> bool:
    """A word with a digit glued to ``/`` and more digits: the number of a document symbol
    misread (``B0/2025/NQ-HĐND``), which extraction reads; repair leaves it alone."""
    return (
        after is not None
        and after.text == "/"
        and after.start == token.end
        and token.kind == "word"
        and any(c.isdigit() for c in token.text)
        and sum(c.isalpha() for c in token.text) <= 2  # not ngay24/12/2024
    )


def number_readings(token: Token, candidates: CandidateFn, params: Params) -> dict[str, float]:
    """Words a short number may be OCR's reading of (``86`` → ``số``, ``6`` → ``ở``), with
    their emission scores (channel plus ``digit_word_logp``); none for other tokens."""
    if token.kind != "number" or not _SHORT_NUMBER.fullmatch(token.text):
        return {}
    return {
        text: params.w_channel * logp + params.digit_word_logp
        for text, logp in candidates(token.text)[: params.limit]
        if not any(c.isdigit() for c in text)
    }


_SHORT_NUMBER = regex.compile(r"\d{1,3}")


def digit_edges(word: str) -> tuple[str, str, str]:
    """``word`` as (leading digits, the rest, trailing digits).

    >>> digit_edges("1ap"), digit_edges("thang1"), digit_edges("S6")
    (('1', 'ap', ''), ('', 'thang', '1'), ('', 'S', '6'))
    """
    rest = word.lstrip(_DIGITS)
    head = word[: len(word) - len(rest)]
    core = rest.rstrip(_DIGITS)
    return head, core, rest[len(core) :]


_DIGITS = "0123456789"
_NUMBER = regex.compile(r"\d{2,}")


#: Words before a unit name, without diacritics (``thành phố``, ``thị trấn`` end in them).
UNIT_WORDS = frozenset({"xa", "phuong", "huyen", "tinh", "quan", "pho", "tran", "khu"})


@lru_cache(maxsize=262144)
def _bare_key(word: str) -> str:
    return strip_diacritics(word.lower())


def name_weight(word: str, after_unit: bool, params: Params) -> float:
    """Gazetteer bonus weight of a word slot: capitalised words may continue a place name,
    more surely right after a unit word (``xã Tam Hợp``)."""
    if not word[:1].isupper():
        return 0.0
    return params.w_name_unit if after_unit else params.w_name


def code_logp(word: str, code: str, caps: bool, codes: CodeBook, params: Params) -> float:
    """Channel log10 P of a stand-alone word being the code ``code``.

    A known code as printed is likely (``thuế VAT``), except on a line in capitals where it
    is rare and also reads as Vietnamese without marks: ``PHU LUC``, ``CAC QUOC GIA`` put
    ``LUC`` and ``CAC`` in the code list by accident of capitalised text, while ``EU`` is
    common. A repaired code (``HDND`` → ``HĐND``) is less likely.
    """
    if code != word:
        return params.code_fix_logp
    if caps and codes.counts.get(code, 0) < COMMON_CODE and _reads_vietnamese(word):
        return params.keep_logp
    return 0.0


#: Corpus count above which a code that reads as Vietnamese is still taken for a code.
COMMON_CODE = 50


def add_code(texts: list[str], logps: list[float], code: str, logp: float) -> None:
    """Make ``code`` (printed as it is: ``HĐND``) one of a word's candidates, replacing the
    channel's lower-case reading of the same letters."""
    key = token_key(code)
    if key in texts:
        at = texts.index(key)
        texts[at], logps[at] = code, max(logp, logps[at])
    else:
        texts.append(code)
        logps.append(logp)


def in_capitals(tokens: Sequence[Token]) -> bool:
    """Whether most words of the line (of two letters or more) are in capitals.

    OCR reads marked lower-case letters as capitals (``Bộ`` → ``BO``, ``Nội`` → ``NOi``),
    so a repaired word is printed in capitals by its line, not by its own letters.
    """
    votes = [v for v in (_vote(t.text) for t in tokens if t.kind == "word") if v is not None]
    voters = [upper for upper, vietnamese in votes if vietnamese] or [u for u, _ in votes]
    return bool(voters) and 2 * sum(voters) > len(voters)  # VT, KT vote only if alone


@lru_cache(maxsize=262144)
def _vote(word: str) -> tuple[bool, bool] | None:
    """(in capitals, reads as Vietnamese) for a word of two letters or more, else None."""
    letters = "".join(c for c in word if c.isalpha())
    return (letters.isupper(), _reads_vietnamese(letters)) if len(letters) >= 2 else None


@lru_cache(maxsize=65536)
def _reads_vietnamese(word: str) -> bool:
    """A syllable, or one with its marks lost (``HOP``), as opposed to ``UBND``."""
    return _bare_key(word) in _bare_syllables()


@lru_cache(maxsize=1)
def _bare_syllables() -> frozenset[str]:
    return frozenset(strip_diacritics(s) for s in inventory())


#: A word slot's candidate outputs, their LM ids, emission scores and ``key_ends``.
WordSlot = tuple[list[str], list[tuple[int, ...]], np.ndarray, np.ndarray]
#: ``word_slot(word, code or None, caps)``: see :func:`word_slot`; the engine caches it.
WordSlotFn = Callable[[str, "str | None", bool], WordSlot]


def word_slot(
    word: str,
    code: str | None,
    caps: bool,
    *,
    candidates: CandidateFn,
    key_ids: Callable[[str], tuple[int, ...]],
    unk: int,
    codes: CodeBook,
    params: Params,
    keep: float | None = None,
) -> WordSlot:
    """The candidates of one word: the channel's readings, the word kept (at ``keep``, see
    :func:`word_choices`), and ``code`` (the code the word stands for, if any) as printed."""
    texts, logps = word_choices(word, candidates, params, keep)
    if code is not None:  # HĐND, or CAC for CÁC: the language model decides
        add_code(texts, logps, code, code_logp(word, code, caps, codes, params))
    keys = [key_ids(t) for t in texts]
    unknown = [params.unk_logp if unk in k else 0.0 for k in keys]
    emit = params.w_channel * np.asarray(logps, dtype=np.float64) + unknown
    return texts, keys, emit, key_ends(keys)


def build_lattice(
    lines: Sequence[Sequence[Token]],
    *,
    key_ids: Callable[[str], tuple[int, ...]],
    bos: int,
    eos: int,
    candidates: CandidateFn,
    word_slot: WordSlotFn,
    codes: CodeBook,
    params: Params,
) -> tuple[list[Slot], list[SlotInfo]]:
    """Slots of one passage (``<s> <s> … </s>``) and what each stands for.

    ``lines`` are the tokens of each line of the passage, decoded as one run of text (a
    line break is a space to the language model; ``tokenize.iter_passages``).
    ``key_ids`` maps a candidate (space-separated syllables or LM keys) to its LM ids;
    ``candidates`` reads short numbers, ``word_slot`` gives the slot of a word.
    """
    slots = lattice_start(bos)
    infos = [SlotInfo(None, [""], "start"), SlotInfo(None, [""], "start")]

    def add_fixed(token: Token | None, keys: list[str], output: str, reason: str) -> None:
        if keys:
            slots.append(Slot([key_ids(" ".join(keys))], np.zeros(1)))
            infos.append(SlotInfo(token, [output], reason))

    after_unit = False  # inside a capitalised span that follows xã, phường, tỉnh, ...
    tokens = [(t, caps) for line in lines for caps in [in_capitals(line)] for t in line]
    for i, (token, caps) in enumerate(tokens):
        after = tokens[i + 1][0] if i + 1 < len(tokens) else None
        after_unit = token.kind == "word" and (
            _bare_key(token.text) in UNIT_WORDS or (after_unit and token.text[:1].isupper())
        )
        code = None if is_context(token) else code_of(token, codes)
        readings = number_readings(token, candidates, params)
        if starts_symbol(token, after):  # B0/2025/NQ-HĐND: 80, not "Ba"
            add_fixed(token, context_keys(token), token.text, "kept: number of a symbol")
        elif readings:  # ``86`` may be ``số``: the number competes with its readings
            texts, logps = [NUM, *readings], [0.0, *readings.values()]
            slots.append(Slot([key_ids(t) for t in texts], np.asarray(logps)))
            infos.append(SlotInfo(token, texts, "channel+lm", caps=caps))
        elif is_context(token):
            keys = context_keys(token)
            if keys == [BREAK]:
                if infos[-1].reason != "start":
                    slots.extend([Slot.fixed(eos), Slot.fixed(bos, scored=False)])
                    infos.extend([SlotInfo(None, [""], "end"), SlotInfo(None, [""], "start")])
                continue
            add_fixed(token, keys, token.text, f"kept: {token.kind}")
        elif code is not None and token.kind != "word":
            reason = "kept: code" if code == token.text else "code list"
            add_fixed(token, context_keys(token, code), code, reason)
        else:
            texts, keys, emit, ends = word_slot(token.text, code, caps)
            weight = name_weight(token.text, after_unit, params)
            slots.append(Slot(keys, emit, name_weight=weight, ends=ends))
            infos.append(SlotInfo(token, texts, "channel+lm", caps=caps))
    slots.append(Slot.fixed(eos))
    infos.append(SlotInfo(None, [""], "end"))
    return slots, infos
