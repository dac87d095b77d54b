"""What a repair returns: the text, and per token what changed, where, and how sure we are.

These types are the repair engine's public contract (CLI ``--explain``, the batch runner's
confidence figures, the Python API); engines differ only in how they fill them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ocrfix.text.syllable import ToneStyle


@dataclass(frozen=True)
class RepairConfig:
    """Immutable settings of a repair (``dataclasses.replace`` to derive a variant).

    ``channel`` tells what kind of damage to expect: ``"auto"`` estimates it per line;
    ``"stripped"`` (diacritics removed), ``"eng"`` (OCR'd with an English model), ``"vie"``
    (OCR'd with Tesseract's Vietnamese model). ``low_confidence`` marks tokens for review.
    """

    tone_style: ToneStyle = "traditional"
    channel: str = "auto"
    low_confidence: float = 0.6


@dataclass(frozen=True, slots=True)  # one per alternative of every token: slots halve it
class Alternative:
    """A candidate the engine considered for a token, with its score (higher is better)."""

    text: str
    score: float


@dataclass(frozen=True, slots=True)  # one per token of the text: slots halve its memory
class RepairedToken:
    """One input token: ``original`` is ``text[start:end]`` of the input; ``text`` its repair."""

    original: str
    text: str
    start: int
    end: int
    confidence: float  # 0..1: the engine's belief that ``text`` is right
    alternatives: tuple[Alternative, ...] = ()
    reason: str = ""  # e.g. "kept: number", "lm", "unchanged: valid syllable"

    @property
    def changed(self) -> bool:
        return self.original != self.text


@dataclass(frozen=True)
class RepairResult:
    """The repaired text and its tokens (spans refer to the input text)."""

    text: str
    tokens: tuple[RepairedToken, ...] = field(default=())

    @property
    def mean_confidence(self) -> float:
        """Mean confidence over word tokens (1.0 when there are none)."""
        if not self.tokens:
            return 1.0
        return sum(t.confidence for t in self.tokens) / len(self.tokens)

    def low_confidence(self, threshold: float) -> list[RepairedToken]:
        """Tokens a human should check."""
        return [t for t in self.tokens if t.confidence < threshold]
