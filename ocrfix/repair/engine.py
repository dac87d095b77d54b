"""The noisy-channel repair engine: tokens → lattice per passage → one batched decode → text.

A passage is a run of lines wrapped at the margin (``tokenize.iter_passages``).

Models (language model, error model, code list) are loaded once per process on first use
(:func:`get_engine`); an :class:`Engine` can also be built from other models, which is how
the tests run without the shipped files.
"""

from __future__ import annotations

import gc
import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from ocrfix.repair.channel import DEFAULT_PROFILE, ChannelModel
from ocrfix.repair.clauses import clause_fixes
from ocrfix.repair.dashes import dash_fixes
from ocrfix.repair.decode import Decoded, Slot, decode
from ocrfix.repair.detect import damage_profile, damage_profile_within
from ocrfix.repair.explain import assemble, line_tokens
from ocrfix.repair.gazetteer import Gazetteer, read_names
from ocrfix.repair.lattice import CandidateFn, Params, WordSlot, build_lattice, word_slot
from ocrfix.repair.lm import LanguageModel, get_lm
from ocrfix.repair.lmtokens import token_key
from ocrfix.repair.protect import CodeBook
from ocrfix.repair.result import RepairConfig, RepairedToken, RepairResult
from ocrfix.repair.tokenize import iter_passages, tokenize
from ocrfix.text import strip_diacritics

#: Lines decoded per LM call: big enough to amortise numpy overhead, small enough for memory.
BATCH_LINES = 64
#: Passages whose lattices are held at once (about 25 MB for 1,000 passages of OCR lines).
CHUNK_PASSAGES = 1024
#: A line's damage profile (``detect.damage_profile``, rounded) as a hashable cache key.
Profile = tuple[tuple[str, float], ...] | None
#: A reading of a marked letter rarer than this (log10) does not make a code match.
READING_MIN_LOGP = -2.7


@dataclass
class Engine:
    """A language model, an error model and a code list, with the decoder's parameters."""

    lm: LanguageModel
    channel: ChannelModel
    codes: CodeBook
    params: Params = field(default_factory=Params)
    names: Gazetteer | None = None

    def __post_init__(self) -> None:
        self.key_ids = lru_cache(maxsize=262144)(self._key_ids)
        # a document repeats its words: their slots are built once per damage profile
        self.word_slots = lru_cache(maxsize=262144)(self._word_slot)

    def _key_ids(self, text: str) -> tuple[int, ...]:
        """LM ids of a candidate or of context keys, space-separated."""
        return tuple(int(i) for i in self.lm.ids([token_key(p) for p in text.split(" ")]))

    def candidate_fn(self, kind: str, profile: Profile) -> CandidateFn:
        """The channel's answers under one damage kind (and line profile for ``auto``)."""
        limit = self.params.limit

        def candidates(word: str) -> Sequence[tuple[str, float]]:
            return self.channel.candidates(word, kind=kind, limit=limit, profile=profile)

        return candidates

    def _word_slot(
        self, word: str, code: str | None, caps: bool, kind: str, profile: Profile, params: Params
    ) -> WordSlot:
        """Cached by ``word_slots``; ``params`` is part of the key, so tuning stays correct."""
        return word_slot(
            word, code, caps,
            candidates=self.candidate_fn(kind, profile),
            key_ids=self.key_ids,
            unk=self.lm.unk_id,
            codes=self.codes,
            params=params,
            keep=keep_logp(params, identity_share(kind, profile)),
        )  # fmt: skip

    def lattice(
        self,
        passage: Sequence[tuple[int, str]],
        config: RepairConfig,
        whole: dict[str, float] | None = None,
    ):
        """Slots and slot descriptions of one passage: (offset, line) pairs; ``whole`` is
        the damage profile of the whole text, if known, which the passage's leans on."""
        kind, profile = config.channel, None
        if kind == "auto":
            text = "\n".join(line for _, line in passage)
            found = damage_profile(text) if whole is None else damage_profile_within(text, whole)
            profile = tuple(sorted((k, round(v, 1)) for k, v in found.items()))
        return build_lattice(
            [tokenize(line, offset) for offset, line in passage],
            key_ids=self.key_ids,
            bos=self.lm.bos_id,
            eos=self.lm.eos_id,
            candidates=self.candidate_fn(kind, profile),
            word_slot=lambda word, code, caps: self.word_slots(
                word, code, caps, kind, profile, self.params
            ),
            codes=self.codes,
            params=self.params,
        )

    def fix_and_explain(
        self,
        text: str,
        config: RepairConfig | None = None,
        *,
        progress: Callable[[int], None] | None = None,
    ) -> RepairResult:
        """Repair ``text`` passage by passage; spans in the result refer to ``text``.

        ``progress(n)`` is told after each chunk of passages how many characters of
        ``text`` it took in (for a progress bar on long texts).
        """
        with gc_paused():
            return self._fix_and_explain(text, config or RepairConfig(), progress)

    def _fix_and_explain(
        self, text: str, config: RepairConfig, progress: Callable[[int], None] | None
    ) -> RepairResult:
        tokens: list[RepairedToken] = []
        passages = iter_passages(text)
        whole = damage_profile(text) if config.channel == "auto" else None
        done = 0
        # a chunk of passages at a time: memory stays flat however long the text is
        while chunk := list(itertools.islice(passages, CHUNK_PASSAGES)):
            built = [self.lattice(passage, config, whole) for passage in chunk]
            decoded = self._decode([slots for slots, _ in built])
            tokens += line_tokens([info for _, info in built], decoded, config.tone_style)
            if progress is not None:
                end = chunk[-1][-1][0] + len(chunk[-1][-1][1])  # end of the chunk's last line
                progress(end - done)
                done = end
        if progress is not None and done < len(text):
            progress(len(text) - done)  # blank lines after the last passage
        extra = [*clause_fixes(text), *dash_fixes(text)]
        return assemble(text, tokens, extra)

    def _decode(self, lattices: list[list[Slot]]) -> list[Decoded]:
        """Decode ``lattices`` in batches of similar lengths, so little of a batch is
        padding; results in input order."""
        order = sorted(range(len(lattices)), key=lambda i: len(lattices[i]))
        decoded: list[Decoded] = [Decoded([], [])] * len(lattices)
        names = self.names if self.names is not None and len(self.names) else None
        for start in range(0, len(order), BATCH_LINES):
            batch = order[start : start + BATCH_LINES]
            results = decode(
                [lattices[i] for i in batch],
                self.lm,
                w_lm=self.params.w_lm,
                sharpness=self.params.sharpness,
                names=names,
            )
            for i, result in zip(batch, results, strict=True):
                decoded[i] = result
        return decoded


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cycle collector off while repairing.

    Repair makes no reference cycles (its garbage goes by reference counts), but it makes
    many small objects, and every full collection walks the growing word and channel
    caches: with the collector on, a page costs 15 % more CPU cold and 30 % more warm
    (dev eng OCR lines). It is switched back on if it was on, whatever happens.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def code_readings(channel: ChannelModel) -> dict[str, set[str]]:
    """How OCR reads each marked letter (``đ`` → ``d``, ``b``, …), from the error model."""
    readings: dict[str, set[str]] = {}
    for learned in channel.channels.values():
        for truth, seen in learned.rules.items():
            if len(truth) == 1 and strip_diacritics(truth) != truth:
                likely = {s for s, lp in seen.items() if len(s) == 1 and lp >= READING_MIN_LOGP}
                readings.setdefault(truth, set()).update(likely)
    return readings


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """The shipped models, loaded on first use and shared by the process."""
    channel = ChannelModel.load()
    lm = get_lm()
    names = Gazetteer(read_names(), lm.ids, lm.unk_id)
    return Engine(lm, channel, CodeBook.load(code_readings(channel)), names=names)


def identity_share(kind: str, profile: Profile) -> float:
    """How much a repair of ``kind`` believes the text is right as printed."""
    if kind == "auto":
        return dict(profile or DEFAULT_PROFILE)["identity"]
    return 1.0 if kind == "identity" else 0.0


def keep_logp(params: Params, identity: float) -> float:
    """log10 P of a word being right as printed though no channel reads it (a name, a code):
    the text's ``identity`` share, plus the rest at ``params.keep_logp``."""
    return math.log10(identity + (1.0 - identity) * 10.0**params.keep_logp)
