"""What a repair never changes, and how garbled codes are put right.

Numbers, dates, URLs, e-mails and punctuation are context only: they reach the language
model as ``<num>`` or a sentence break and are never candidates. Letter codes (``UBND``,
``QĐ`` inside ``1909/QĐ-UBND``) are kept when known and otherwise repaired from the code
list learned from the corpus (``dictionaries/codes.tsv``, ``python -m ocrfix.build
codes``): a garbled code differs from a known one only where the known one has a letter
with a diacritic, and only by a reading of that letter the error model has seen
(``readings``: ``đ`` read as ``d``, ``b``, ``p``, …), so ``Qb`` → ``QĐ`` and ``HDND`` →
``HĐND`` but ``QN`` stays. Everything else that looks like a word goes to the channel.

>>> book = CodeBook({"QĐ": 100, "HĐND": 50, "HD": 20, "UBND": 80}, {"đ": {"d", "b"}})
>>> book.repair("Qb-UBND"), book.repair("HDND"), book.repair("HD"), book.repair("QN")
('QĐ-UBND', 'HĐND', 'HD', 'QN')
>>> book.repair_part("QN") is None
True
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from functools import lru_cache

import regex

from ocrfix.dictionaries import dictionary_path
from ocrfix.repair.lmtokens import SENTENCE_END, word_keys
from ocrfix.repair.tokenize import Token
from ocrfix.text import is_valid_syllable, strip_diacritics

_PART = regex.compile(r"[\p{L}\p{M}]+")
_SLASHED = regex.compile(r"\p{L}/\p{L}{1,3}")  # V/v, Đ/c (the codes build counts them)
_NUMBERED_CODE = regex.compile(r"\p{Lu}{2,}\d+")  # MC2, CT3, QH15: a point, a code, a term
_CONTEXT_KINDS = frozenset({"url", "email", "date", "number", "unit", "punct", "marker"})

#: How much more frequent a marked code must be to replace a known unmarked one.
MARKED_RATIO = 10
#: A marked code seen fewer times is too rare to be the repair of an unknown one (BCH is
#: no garbled BCĐ, seen 5 times).
MIN_REPAIR_COUNT = 20

#: LM context of a sentence break (the decoder turns it into ``</s>`` ``<s>``).
BREAK = "<break>"


class CodeBook:
    """Known codes with their corpus counts; repairs garbled ones."""

    def __init__(
        self, counts: Mapping[str, int], readings: Mapping[str, Set[str]] | None = None
    ) -> None:
        self.counts = dict(counts)
        self.readings = {k: frozenset(v) for k, v in (readings or {}).items()}
        self._marked: dict[int, list[str]] = {}  # codes with a marked letter, by length
        for code in sorted(self.counts, key=lambda c: -self.counts[c]):
            if any(map(_is_marked, code)):
                self._marked.setdefault(len(code), []).append(code)
        self.repair_part = lru_cache(maxsize=65536)(self._repair_part)  # type: ignore[method-assign]

    @classmethod
    def load(cls, readings: Mapping[str, Set[str]] | None = None) -> CodeBook:
        """The shipped list (``dictionaries/codes.tsv``); ``readings`` as in the constructor."""
        counts: dict[str, int] = {}
        with open(dictionary_path("codes.tsv"), encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith("#") and "\t" in line:
                    code, count = line.rstrip("\n").split("\t")
                    counts[code] = int(count)
        return cls(counts, readings)

    def _repair_part(self, part: str) -> str | None:
        """The known code ``part`` stands for (itself when known), or None.

        Unmarked letters must match exactly (case too), a marked letter may be read as its
        bare letter or a learned reading, at most a third of the letters may differ, and
        the most frequent such code wins. A known code is kept unless a marked one it
        could be read from is ``MARKED_RATIO`` times more frequent (the corpus itself has
        some ``ND-CP`` for ``NĐ-CP``, but ``HD`` and ``HĐ`` are both codes). Single letters
        are never guessed.
        """
        own = self.counts.get(part, 0)
        if len(part) < 2:
            return part if own else None
        budget = max(1, len(part) // 3)
        found: list[str] = []
        for code in self._marked.get(len(part), ()):
            if self.counts[code] < max(MARKED_RATIO * own, MIN_REPAIR_COUNT):
                break  # sorted by count: no marked code is common enough to beat ``part``
            wrong = [(a, b) for a, b in zip(part, code, strict=True) if a != b]
            if len(wrong) <= budget and all(self._reads_as(b, a) for a, b in wrong):
                found.append(code)
        # the likeliest, unless a less frequent one keeps the case as printed (D/c: Đ/c)
        same_case = [c for c in found if _same_case(part, c)]
        return (same_case or found or [part if own else None])[0]

    def _reads_as(self, truth: str, seen: str) -> bool:
        if not _is_marked(truth):
            return False
        low, seen = truth.lower(), seen.lower()
        return seen == strip_diacritics(low) or seen in self.readings.get(low, ())

    def repair(self, text: str) -> str:
        """``text`` with its letter groups repaired where they are garbled codes; a slash
        abbreviation is looked up whole (``D/c`` → ``Đ/c``)."""
        if _SLASHED.fullmatch(text) and (whole := self.repair_part(text)):
            return whole
        return _PART.sub(lambda m: self.repair_part(m.group()) or m.group(), text)




def _same_case(a: str, b: str) -> bool:
    return all(x.isupper() == y.isupper() for x, y in zip(a, b, strict=True))


@lru_cache(maxsize=4096)
def _is_marked(char: str) -> bool:
    return strip_diacritics(char) != char


def code_of(token: Token, book: CodeBook) -> str | None:
    """The repaired code for a ``code`` or ``symbol`` token, or a stand-alone abbreviation.

    Letter groups of symbols and codes that are no known code are kept as printed. A
    capitalised word that is a Vietnamese syllable (``HỢP``, ``TAM``) is not a code; a
    single capital (``Phụ lục B``) and capitals with a number (``MC2``, ``QH15``) are kept
    as printed.
    """
    if token.kind in ("code", "symbol"):
        return book.repair(token.text)
    if token.kind == "word" and len(token.text) == 1 and token.text.isupper():
        return token.text
    if token.kind == "word" and _NUMBERED_CODE.fullmatch(token.text):
        return token.text
    if token.kind != "word" or len(token.text) < 2 or not token.text[0].isupper():
        return None
    if not token.text.isalpha() or is_valid_syllable(token.text.lower()):
        return None
    return book.repair_part(token.text)


def context_keys(token: Token, text: str | None = None) -> list[str]:
    """The LM keys a kept token contributes: ``<num>``, code keys, or a sentence break."""
    text = token.text if text is None else text
    if token.kind in ("url", "email", "marker"):
        return []
    if token.kind == "unit":
        return [token.text.lower()]
    if token.kind == "punct":
        return [BREAK] if text in SENTENCE_END else []
    return word_keys(text)  # as the model saw it: 30/7/2024 is three numbers


def is_context(token: Token) -> bool:
    """Tokens that are never candidates whatever they contain."""
    return token.kind in _CONTEXT_KINDS
