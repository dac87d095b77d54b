"""The error (channel) model: which syllables an OCR token could have come from.

``candidates(token, kind=...)`` answers ``log10 P(observed token | candidate)`` for the
candidates worth considering, under one kind of damage:

- ``"identity"``: the token is already right (only itself, when it is a syllable or a
  known abbreviation);
- ``"stripped"``: diacritics were removed; every syllable with that skeleton (P = 1);
- ``"eng"`` / ``"vie"``: Tesseract's English / Vietnamese model read it; learned by
  ``python -m ocrfix.build errormodel`` from rendered, degraded and OCR'd dev text;
- ``"auto"``: a mixture of the four, weighted by ``profile`` (``detect.damage_profile``
  of the line) or by a default that trusts nothing in particular.

Learned channels answer from an inverse index (OCR rendering → candidates) built from
Brill & Moore substring edits and whole-token confusions; tokens the index has never
seen (or read only weakly) are scored by a small dynamic programme against a rapidfuzz
shortlist; two syllables run together (``làxã``) are tried as splits; syllables with the
token's letters but other marks get at least the channel's learned rate of such errors.
Every answer is cached.

Candidates are lower case, traditional tone placement; the decoder restores case.
Lists are ordered by channel score plus a unigram prior (so ``limit`` keeps what is
likely), while ``logp`` itself is the channel score alone.
"""

from __future__ import annotations

import json
import math
import threading
import unicodedata
from collections.abc import Mapping
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import regex
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ocrfix.dictionaries import dictionaries_dir
from ocrfix.exceptions import MissingDependencyError, UsageError
from ocrfix.text import (
    inventory,
    is_valid_syllable,
    normalize_tones,
    strip_diacritics,
    strip_tones,
)

KINDS = ("identity", "stripped", "eng", "vie", "auto")
LEARNED = ("eng", "vie")
#: Mixture used by ``kind="auto"`` when no line profile is given.
DEFAULT_PROFILE = {"identity": 0.25, "stripped": 0.25, "eng": 0.25, "vie": 0.25}

MAX_SPAN = 3  # longest truth substring of an edit rule (as in align.MAX_SPAN)
FLOOR_SUB = -3.5  # log10 of an unseen one-character substitution in the fallback
FLOOR_INDEL = -4.0  # ... of an unseen deletion or insertion
PRIOR_WEIGHT = 1.0  # weight of the unigram prior when ranking (not in logp)
SHORTLIST = 6  # skeletons tried by the fuzzy fallback
FALLBACK_SCORED = 16  # syllables scored by the fallback's dynamic programme
FALLBACK_KEEP = 10  # ... of which it keeps those within FALLBACK_MARGIN of its 10th best
FALLBACK_MARGIN = 2.0
WEAK_LOGP = -1.5  # an indexed best answer weaker than this also asks the fallback
FEW = 3  # ... and so do fewer indexed answers than this
MERGE_BELOW = -1.0  # a token is cut into two syllables only when no reading is this good
TONE_SIBLING_OF = 3  # eng: best readings whose other tones are added
TONE_SIBLING_LOGP = -1.5  # ... at this cost (dev sweep -2.5/-1.5/-1/-0.5)


_READABLE = regex.compile(r"[\p{L}\p{S}]")  # letters or symbols: the fallback may read it


class Candidate(NamedTuple):
    """A possible original of an OCR token: lower-case syllable(s) and log10 P(token | it)."""

    text: str
    logp: float


def errormodel_dir() -> Path:
    """Where the shipped error model lives (``dictionaries/errormodel``)."""
    return dictionaries_dir() / "errormodel"


class _Channel:
    """One learned channel: inverse index, substring rules, merge/split rates."""

    def __init__(self, data: Mapping, vocab: list[str], suffix: str = "") -> None:
        self.index: dict[str, str] = data["index" + suffix]
        self.rules: dict[str, dict[str, float]] = data["rules" + suffix]
        self.merge_logp: float = data["merge_logp"]
        self.split_logp: float = data["split_logp"]
        self.skeleton_logp: float = data["skeleton_logp"]
        self.vocab = vocab
        self._parsed: dict[str, list[tuple[str, float]]] = {}
        self._span_cache: dict[str, list[tuple[str, bool, list[tuple[int, dict]]]]] = {}

    def lookup(self, key: str) -> list[tuple[str, float]]:
        """Indexed candidates of an OCR rendering, best first (``"id:logp id:logp"``).

        Parsed rows are kept: merge readings look up every cut of a token, over and over.
        """
        found = self._parsed.get(key)
        if found is None:
            row = self.index.get(key)
            if not row:
                return []  # not kept: unseen keys are unbounded, indexed ones are not
            pairs = (item.split(":") for item in row.split(" "))
            found = self._parsed[key] = [(self.vocab[int(i)], float(lp)) for i, lp in pairs]
        return found

    def score(self, syllable: str, token: str, cutoff: float = -math.inf) -> float:
        """Best-partition log10 P(token | syllable) under the rules, with floors.

        Every step costs (log P ≤ 0), so partial scores below ``cutoff`` are dropped:
        the answer is exact when it is above ``cutoff`` and ``-inf`` otherwise.
        """
        n, m = len(syllable), len(token)
        neg = -math.inf
        dp = [[neg] * (m + 1) for _ in range(n + 1)]
        dp[0][0] = 0.0
        pieces = _pieces(token)
        for i, (letter, plain, spans) in enumerate(self._spans(syllable)):
            row, one = dp[i], dp[i + 1]
            for j in range(m + 1):
                here = row[j]
                if here < cutoff or here == neg:
                    continue
                if j < m:
                    if here + FLOOR_INDEL > row[j + 1]:
                        row[j + 1] = here + FLOOR_INDEL  # stray character
                    step = here + (0.0 if plain and token[j] == letter else FLOOR_SUB)
                    if step > one[j + 1]:
                        one[j + 1] = step
                if here + FLOOR_INDEL > one[j]:
                    one[j] = here + FLOOR_INDEL  # character lost
                for k, rules in spans:
                    target = dp[i + k]
                    for length, piece in pieces[j]:
                        lp = rules.get(piece)
                        if lp is not None and here + lp > target[j + length]:
                            target[j + length] = here + lp
        last = dp[n]
        for j in range(m):  # stray characters after the last letter
            if last[j] > neg and last[j] + FLOOR_INDEL > last[j + 1]:
                last[j + 1] = last[j] + FLOOR_INDEL
        return last[m] if last[m] >= cutoff else neg

    def _spans(self, syllable: str) -> list[tuple[str, bool, list[tuple[int, dict]]]]:
        """Per letter of ``syllable``: the letter, whether no rule starts with it alone,
        and the (span length, rules) of every truth substring starting there that has rules.
        Cached: the fallback scores the same common syllables for many tokens."""
        found = self._span_cache.get(syllable)
        if found is None:
            found = []
            n = len(syllable)
            for i in range(n):
                spans = [
                    (k, self.rules.get(syllable[i : i + k]))
                    for k in range(1, 1 + min(MAX_SPAN, n - i))
                ]
                ruled = [(k, rules) for k, rules in spans if rules is not None]
                found.append((syllable[i], spans[0][1] is None, ruled))
            self._span_cache[syllable] = found
        return found


@lru_cache(maxsize=65536)
def _pieces(token: str) -> tuple[tuple[tuple[int, str], ...], ...]:
    """Per position of ``token``: its substrings of 0-4 characters starting there."""
    m = len(token)
    return tuple(
        tuple((length, token[j : j + length]) for length in range(min(4, m - j) + 1))
        for j in range(m + 1)
    )


class ChannelModel:
    """All channels plus the candidate vocabulary; ``ChannelModel.load()`` once per process."""

    _instance: ChannelModel | None = None
    _lock = threading.Lock()

    def __init__(
        self,
        vocab: list[str],
        prior: list[float],
        channels: dict[tuple[str, bool], _Channel],
    ) -> None:
        self.vocab = vocab
        self.prior = dict(zip(vocab, prior, strict=True))
        self.channels = channels  # (kind, token has capitals) -> channel
        self._known = frozenset(vocab)
        self._unseen_prior = min(prior) - 1.0
        self._vocab_skeletons: dict[str, list[str]] = {}
        for syllable in sorted(vocab, key=self._prior_of, reverse=True):
            self._vocab_skeletons.setdefault(strip_diacritics(syllable), []).append(syllable)
        self._skeleton_keys = list(self._vocab_skeletons)
        self._tone_groups: dict[str, list[str]] = {}  # vocabulary syllables by letters
        for syllable in vocab:
            if " " not in syllable:
                self._tone_groups.setdefault(strip_tones(syllable), []).append(syllable)
        self.candidates = lru_cache(maxsize=200_000)(self._candidates)  # type: ignore[method-assign]

    @cached_property
    def _skeletons(self) -> dict[str, list[str]]:
        """Every inventory syllable and vocabulary item by skeleton, likeliest first.

        Built on first use: the inventory takes a noticeable part of the load budget.
        """
        groups: dict[str, list[str]] = {}
        for syllable in sorted(set(inventory()) | self._known, key=self._prior_of, reverse=True):
            groups.setdefault(strip_diacritics(syllable), []).append(syllable)
        return groups

    @classmethod
    def load(cls, path: Path | None = None) -> ChannelModel:
        """The model from ``path`` (default ``dictionaries/errormodel``); cached when default."""
        if path is not None:
            return cls._read(Path(path))
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls._read(errormodel_dir())
            return cls._instance

    @classmethod
    def _read(cls, folder: Path) -> ChannelModel:
        try:
            with open(folder / "vocab.json", encoding="utf-8") as handle:
                vocab_data = json.load(handle)
            channels = {}
            for kind in LEARNED:
                with open(folder / f"{kind}.json", encoding="utf-8") as handle:
                    data = json.load(handle)
                channels[(kind, False)] = _Channel(data, vocab_data["vocab"])
                channels[(kind, True)] = _Channel(data, vocab_data["vocab"], "_cap")
        except FileNotFoundError as exc:
            raise MissingDependencyError(
                f"error model missing: {exc.filename} (rebuild: python -m ocrfix.build errormodel)"
            ) from None
        return cls(vocab_data["vocab"], vocab_data["prior"], channels)

    def split_logp(self, kind: str) -> float:
        """log10 P(one syllable read as two tokens) under a learned channel, for decoders
        that try joining neighbouring tokens (``candidates("b" + "o")``)."""
        return self.channels[(kind, False)].split_logp

    def _prior_of(self, syllable: str) -> float:
        if " " in syllable:
            return sum(self._prior_of(s) for s in syllable.split(" "))
        return self.prior.get(syllable, self._unseen_prior)

    def _candidates(
        self,
        token: str,
        *,
        kind: str = "auto",
        limit: int | None = 10,
        profile: tuple[tuple[str, float], ...] | None = None,
    ) -> list[Candidate]:
        """Candidates for ``token`` under ``kind`` (see the module doc), best first.

        ``profile`` (for ``"auto"``) is ``tuple(damage_profile(line).items())``, hashable
        so answers can be cached; ``limit=None`` returns all.
        """
        token = unicodedata.normalize("NFC", token)
        key = token.lower()
        cap = key != token  # capitals carry information: P → đ, Q → ợ
        if kind == "auto":
            weights = dict(profile) if profile else DEFAULT_PROFILE
            scores = self._mixture(key, weights, cap)
        elif kind in KINDS:
            scores = self._single(key, kind, cap)
        else:
            raise UsageError(f"unknown channel kind {kind!r} (one of {', '.join(KINDS)})")
        ranked = sorted(
            scores.items(), key=lambda kv: -(kv[1] + PRIOR_WEIGHT * self._prior_of(kv[0]))
        )
        return [Candidate(text, round(lp, 3)) for text, lp in ranked[:limit]]

    def _single(self, key: str, kind: str, cap: bool) -> dict[str, float]:
        if kind == "identity":
            own = normalize_tones(key)
            return {own: 0.0} if own in self._known or is_valid_syllable(own) else {}
        if kind == "stripped":
            return dict.fromkeys(self._skeletons.get(key, ()), 0.0)
        return self._learned(key, kind, cap)

    def _mixture(self, key: str, weights: Mapping[str, float], cap: bool) -> dict[str, float]:
        total: dict[str, float] = {}
        for kind, weight in weights.items():
            if weight <= 0.0:
                continue
            for text, lp in self._single(key, kind, cap).items():
                total[text] = total.get(text, 0.0) + weight * 10.0**lp
        return {text: math.log10(p) for text, p in total.items() if p > 0.0}

    @lru_cache(maxsize=200_000)  # noqa: B019 - the model lives for the whole process
    def _learned(self, key: str, kind: str, cap: bool) -> dict[str, float]:
        channel = self.channels[(kind, cap)]
        found = dict(channel.lookup(key))
        best = max(found.values(), default=-math.inf)
        self._add_same_skeleton(key, channel, found)
        if (best < WEAK_LOGP or len(found) < FEW) and _READABLE.search(key):
            for text, lp in self._fallback(key, channel).items():
                found[text] = max(lp, found.get(text, -math.inf))
        if len(key) >= 4 and " " not in key and best < MERGE_BELOW:
            self._add_merges(key, channel, found)
        if kind == "eng":  # not for Tesseract's vie model, which reads tone marks (dev)
            self._add_tone_siblings(found)
        return found

    def _add_tone_siblings(self, found: dict[str, float]) -> None:
        """The best readings with another tone mark (``lợi`` → ``lời``, ``lỗi``) at a cost:
        the English model garbles tone marks into letters so freely (``Idi``) that the
        training renders cannot show every tone of every vowel."""
        best = sorted(found.items(), key=lambda kv: -kv[1])[:TONE_SIBLING_OF]
        for text, lp in best:
            for sibling in self._tone_groups.get(strip_tones(text), ()):
                if found.get(sibling, -math.inf) < lp + TONE_SIBLING_LOGP:
                    found[sibling] = lp + TONE_SIBLING_LOGP

    def _add_same_skeleton(self, key: str, channel: _Channel, found: dict[str, float]) -> None:
        """Right letters, wrong marks: every syllable of the token's skeleton gets at least
        the channel's learned rate of such errors, shared among them."""
        group = self._vocab_skeletons.get(strip_diacritics(key), ())
        if not group:
            return
        lp = channel.skeleton_logp - math.log10(len(group))
        for syllable in group:
            if found.get(syllable, -math.inf) < lp:
                found[syllable] = lp

    def _fallback(self, key: str, channel: _Channel) -> dict[str, float]:
        """Weak or unseen token: score syllables with nearby skeletons by the edit rules."""
        near = process.extract(
            key, self._skeleton_keys, scorer=Levenshtein.distance, limit=SHORTLIST
        )
        pool = [s for skeleton, _, _ in near for s in self._vocab_skeletons[skeleton]]
        pool.sort(key=self._prior_of, reverse=True)
        scored: dict[str, float] = {}
        kept: list[float] = []  # best scores so far, to prune hopeless syllables early
        for syllable in pool[:FALLBACK_SCORED]:
            cutoff = (
                kept[FALLBACK_KEEP - 1] - FALLBACK_MARGIN
                if len(kept) >= FALLBACK_KEEP
                else -math.inf
            )
            lp = channel.score(syllable, key, cutoff)
            if lp > -math.inf:
                scored[syllable] = lp
                kept = sorted([*kept, lp], reverse=True)[:FALLBACK_KEEP]
        return scored

    def _add_merges(self, key: str, channel: _Channel, found: dict[str, float]) -> None:
        """Two syllables read as one token: best left × right readings of each cut."""
        for cut in range(1, len(key)):
            left, right = channel.lookup(key[:cut])[:3], channel.lookup(key[cut:])[:3]
            for a, lp_a in left:
                for b, lp_b in right:
                    text = f"{a} {b}"
                    lp = lp_a + lp_b + channel.merge_logp
                    if lp > found.get(text, -math.inf):
                        found[text] = lp


def candidates(
    token: str,
    *,
    kind: str = "auto",
    limit: int | None = 10,
    profile: Mapping[str, float] | None = None,
) -> list[Candidate]:
    """Candidates for one token from the default model (loaded on first use).

    >>> sorted(c.text for c in candidates("xa", kind="stripped", limit=None))
    ['xa', 'xà', 'xá', 'xã', 'xạ', 'xả']
    >>> candidates("x4", kind="eng", limit=1)[0].text
    'xã'
    """
    frozen = tuple(sorted(profile.items())) if profile else None
    return ChannelModel.load().candidates(token, kind=kind, limit=limit, profile=frozen)
