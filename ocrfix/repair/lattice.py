"""Turn one line's tokens into decoder slots: channel candidates for words, fixed keys for the rest.

Each slot remembers which input token it stands for and the output text of every
candidate, so the engine can write the chosen path back into the text. Words get the
channel's candidates (lower case, traditional tones; ``"là xã"`` when the channel splits a
merged token) plus the word itself as a last resort (``keep``: names, loanwords, anything
the channel cannot read), so nothing is forced into a wrong syllable. Codes are repaired
from the code list and numbers, dates, URLs and punctuation are context only
(``ocrfix.repair.protect``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ocrfix.repair.decode import Slot, lattice_start
from ocrfix.repair.lmtokens import token_key
from ocrfix.repair.protect import BREAK, CodeBook, code_of, context_keys, is_context
from ocrfix.repair.tokenize import Token

#: ``candidates(token_text) -> [(candidate text, log10 P(token | candidate))]``, best first.
CandidateFn = Callable[[str], Sequence[tuple[str, float]]]


@dataclass(frozen=True)
class Params:
    """Decoder knobs, tuned on the dev split (``benchmarks/repair_bench.py --split dev --tune``:
    of w_channel 0.7/1.0 × keep -3/-5 × unk -2/-4, this was best on eng and vie dev OCR
    while stripped stayed above 99 %)."""

    w_channel: float = 1.0
    w_lm: float = 1.0
    keep_logp: float = -3.0  # channel log10 P of leaving an unreadable word as it is
    unk_logp: float = -4.0  # a word the LM does not know is one of many behind <unk>
    limit: int = 8  # channel candidates per word
    sharpness: float = 1.0  # confidence temperature (1 = exact max-marginal posterior)


@dataclass
class SlotInfo:
    """What a slot stands for: the token (None for sentence markers) and candidate outputs."""

    token: Token | None
    outputs: list[str]
    reason: str


def word_choices(
    word: str, candidates: CandidateFn, params: Params
) -> tuple[list[str], list[float]]:
    """Candidate outputs (lower case) and their channel log-probabilities, the word kept last."""
    texts: list[str] = []
    logps: list[float] = []
    for text, logp in candidates(word)[: params.limit]:
        texts.append(text)
        logps.append(logp)
    own = token_key(word)
    if own not in texts:
        texts.append(own)
        logps.append(params.keep_logp)
    return texts, logps


def build_line(
    tokens: Sequence[Token],
    *,
    key_ids: Callable[[str], tuple[int, ...]],
    bos: int,
    eos: int,
    unk: int,
    candidates: CandidateFn,
    codes: CodeBook,
    params: Params,
) -> tuple[list[Slot], list[SlotInfo]]:
    """Slots of one line (``<s> <s> … </s>``) and what each stands for.

    ``key_ids`` maps a candidate (space-separated syllables or LM keys) to its LM ids.
    """
    slots = lattice_start(bos)
    infos = [SlotInfo(None, [""], "start"), SlotInfo(None, [""], "start")]

    def add_fixed(token: Token | None, keys: list[str], output: str, reason: str) -> None:
        if keys:
            slots.append(Slot([key_ids(" ".join(keys))], np.zeros(1)))
            infos.append(SlotInfo(token, [output], reason))

    for token in tokens:
        code = None if is_context(token) else code_of(token, codes)
        if is_context(token):
            keys = context_keys(token)
            if keys == [BREAK]:
                if infos[-1].reason != "start":
                    slots.extend([Slot.fixed(eos), Slot.fixed(bos, scored=False)])
                    infos.extend([SlotInfo(None, [""], "end"), SlotInfo(None, [""], "start")])
                continue
            add_fixed(token, keys, token.text, f"kept: {token.kind}")
        elif code is not None:
            reason = "kept: code" if code == token.text else "code list"
            add_fixed(token, context_keys(token, code), code, reason)
        else:
            texts, logps = word_choices(token.text, candidates, params)
            keys = [key_ids(t) for t in texts]
            unknown = [params.unk_logp if unk in k else 0.0 for k in keys]
            emit = params.w_channel * np.asarray(logps, dtype=np.float64) + unknown
            slots.append(Slot(keys, emit))
            infos.append(SlotInfo(token, texts, "channel+lm"))
    slots.append(Slot.fixed(eos))
    infos.append(SlotInfo(None, [""], "end"))
    return slots, infos
