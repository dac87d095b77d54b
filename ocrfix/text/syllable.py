"""Vietnamese syllables: parse into onset, rhyme and tone; validate; compose; enumerate.

A written syllable is ``onset + rhyme`` with one tone mark on a vowel of the rhyme.
``gi`` and ``qu`` are onsets when a vowel follows (``già`` = gi + a, ``quý`` = qu + y),
so the rhyme never starts with the glide they contain; ``gì`` is g + i.

Tone placement has two conventions, chosen by ``style``:

- ``"traditional"`` (default): in the open rhymes oa, oe, uy the mark sits on the first
  vowel: hòa, hòe, thủy, ủy. It dominates the legal corpus (about 3:1) and official
  documents.
- ``"modern"``: the mark sits on the main vowel: hoà, hoè, thuỷ, uỷ (the school rule of
  the 1980s). Note: ``shared/corpus/README.md`` calls "hòa" the new style; we name the
  conventions by example to avoid that ambiguity.

Everywhere else both agree: the mark goes on the vowel with a diacritic (ươ: on ơ),
else on the last vowel when a consonant ends the syllable, else on the middle of three
vowels or the first of two.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Literal, NamedTuple

from ocrfix.text.chars import BASE_VOWELS, join_tone, split_tone

ToneStyle = Literal["traditional", "modern"]
TONE_STYLES: tuple[ToneStyle, ...] = ("traditional", "modern")

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
    "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
_ONSETS_LONGEST_FIRST = sorted((o for o in ONSETS if o), key=len, reverse=True)

# Every rhyme of standard orthography, without tone. Rhymes with a medial o/u glide are
# listed too; after "qu" the glide belongs to the onset.
RHYMES = frozenset(
    """
    a ai ao au ay ac ach am an ang anh ap at
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e eo ec em en eng ep et
    ê êu êch êm ên ênh êp êt
    i ia iu ich im in inh ip it
    iêc iêm iên iêng iêp iêt iêu
    o oi oc om on ong op ot ooc oong
    ô ôi ôc ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua ui uc um un ung up ut
    uôc uôi uôm uôn uông uôt
    ư ưa ưi ưu ưc ưm ưn ưng ưt
    ươc ươi ươm ươn ương ươp ươt ươu
    y yêm yên yêng yêt yêu
    oa oac oach oai oam oan oang oanh oao oap oat oay
    oăc oăm oăn oăng oăt
    oe oem oen oeo oet
    uân uâng uât uây
    uê uêch uên uênh uêt
    uy uya uych uyên uyêt uyn uynh uyp uyt uyu
    uơ
    """.split()  # noqa: SIM905  (grouped by nucleus, easier to check than a list)
)
# Rhymes written only after one onset: gi + iê... drops the i (giếng), qu + uy... drops
# the u (quýt, quỳnh).
ONSET_RHYMES = {
    "gi": frozenset(["êc", "êm", "ên", "êng", "êp", "êt", "êu"]),
    "qu": frozenset(["ych", "ynh", "yp", "yt"]),
}
_GLIDES = ("oa", "oă", "oe", "uâ", "uê", "uy", "uơ")  # o/u here is the medial glide
_STOP_CODAS = ("ch", "c", "p", "t")  # these allow only sắc (2) and nặng (5)
_DIACRITIC_VOWELS = "ăâêôơư"
_FRONT = "ieêy"  # k, gh, ngh go before these; c, g, ng before the others


class Syllable(NamedTuple):
    """A parsed syllable in lower case, without tone marks in ``onset``/``rhyme``."""

    onset: str
    rhyme: str
    tone: int  # 0 ngang, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng


def _split_onset(base: str) -> tuple[str, str]:
    for onset in _ONSETS_LONGEST_FIRST:
        if base.startswith(onset):
            rest = base[len(onset) :]
            if onset in ("gi", "qu") and not _has_vowel(rest):
                if onset == "gi":  # gì, gìn: g + i...
                    return "g", base[1:]
                continue
            return onset, rest
    return "", base


@lru_cache(maxsize=65536)
def parse_syllable(word: str) -> Syllable | None:
    """Parse a syllable (any case, NFC); ``None`` when it is not valid Vietnamese.

    >>> parse_syllable("Nghị")
    Syllable(onset='ngh', rhyme='i', tone=5)
    >>> parse_syllable("quốc")
    Syllable(onset='qu', rhyme='ôc', tone=2)
    >>> parse_syllable("thwe") is None, parse_syllable("aỉ") is None
    (True, True)
    """
    tone, marked_at = 0, -1
    base_chars = []
    for index, char in enumerate(word.lower()):
        base, char_tone = split_tone(char)
        if char_tone:
            if tone:
                return None  # two tone marks
            tone, marked_at = char_tone, index
        base_chars.append(base)
    base = "".join(base_chars)
    onset, rhyme = _split_onset(base)
    syllable = Syllable(onset, rhyme, tone)
    if not is_valid_parts(syllable):
        return None
    if tone and marked_at - len(onset) not in _tone_positions(rhyme):
        return None  # the mark sits where neither convention puts it (aỉ)
    return syllable


def _tone_positions(rhyme: str) -> set[int]:
    return {tone_position(rhyme, style) for style in TONE_STYLES}


def is_valid_parts(syllable: Syllable) -> bool:
    """Spelling rules of standard orthography for an (onset, rhyme, tone) triple."""
    onset, rhyme, tone = syllable
    if onset not in ONSETS or not 0 <= tone <= 5:
        return False
    if rhyme not in RHYMES and rhyme not in ONSET_RHYMES.get(onset, ()):
        return False
    if rhyme.endswith(_STOP_CODAS) and tone not in (2, 5):
        return False
    first = rhyme[0]
    if onset == "k" and first not in _FRONT:
        return False
    if onset in ("gh", "ngh") and first not in "ieê":
        return False
    if onset in ("c", "ng") and first in _FRONT:
        return False
    if onset == "g" and (first in "eêy" or (first == "i" and _has_vowel(rhyme[1:]))):
        return False  # "g" + "iê..." is written gi + ê...
    if onset == "qu" and first in "ouư":
        return False
    if onset == "gi" and (first == "i" or rhyme.startswith(_GLIDES)):
        return False
    return not (rhyme.startswith("y") and len(rhyme) > 1 and onset not in ("", "qu"))


def _has_vowel(text: str) -> bool:
    return any(c in BASE_VOWELS for c in text)


@lru_cache(maxsize=65536)
def is_valid_syllable(word: str) -> bool:
    """True when ``word`` is a well-formed Vietnamese syllable (case-insensitive); cached,
    since the repair asks it of every word of every line."""
    return parse_syllable(word) is not None


def tone_position(rhyme: str, style: ToneStyle = "traditional") -> int:
    """Index in ``rhyme`` of the vowel that carries the tone mark."""
    vowel_idx = [i for i, c in enumerate(rhyme) if c in BASE_VOWELS]
    if not vowel_idx:
        raise ValueError(f"rhyme {rhyme!r} has no vowel")
    marked = [i for i in vowel_idx if rhyme[i] in _DIACRITIC_VOWELS]
    if marked:
        return marked[-1]
    has_coda = vowel_idx[-1] < len(rhyme) - 1
    if has_coda or len(vowel_idx) == 1:
        return vowel_idx[-1]
    if len(vowel_idx) >= 3:
        return vowel_idx[1]
    if style == "modern" and rhyme in ("oa", "oe", "uy"):
        return vowel_idx[1]
    return vowel_idx[0]


def compose(syllable: Syllable, style: ToneStyle = "traditional") -> str:
    """Write a syllable in lower case with its tone mark placed by ``style``.

    >>> compose(Syllable("h", "oa", 1)), compose(Syllable("h", "oa", 1), "modern")
    ('hòa', 'hoà')
    """
    onset, rhyme, tone = syllable
    if tone:
        pos = tone_position(rhyme, style)
        rhyme = rhyme[:pos] + join_tone(rhyme[pos], tone) + rhyme[pos + 1 :]
    return onset + rhyme


def iter_inventory() -> Iterator[Syllable]:
    """Every valid (onset, rhyme, tone) of standard orthography, in a fixed order."""
    for onset in ONSETS:
        for rhyme in sorted(RHYMES | ONSET_RHYMES.get(onset, frozenset())):
            for tone in range(6):
                syllable = Syllable(onset, rhyme, tone)
                if is_valid_parts(syllable):
                    yield syllable


def inventory(style: ToneStyle = "traditional") -> list[str]:
    """All valid syllables written in lower case (about 18,000)."""
    return [compose(s, style) for s in iter_inventory()]
