"""Write the decoded paths back into the text and describe every token: what, where, how sure.

The chosen candidate of a word gets the letter case of the input (``HQP`` → ``HỢP``) and
the configured tone placement; a word the decoder left as it was keeps its exact input
form (only its tone placement follows ``tone_style``), so correct text comes out
unchanged. Alternatives are the slot's other candidates ranked by posterior.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import regex

from ocrfix.repair.decode import Decoded
from ocrfix.repair.lattice import SlotInfo
from ocrfix.repair.lmtokens import token_key
from ocrfix.repair.result import Alternative, RepairedToken, RepairResult
from ocrfix.text import ToneStyle, is_valid_syllable, normalize_syllable

MAX_ALTERNATIVES = 4
MIN_POSTERIOR = 0.001  # alternatives less likely than this are not worth showing


@lru_cache(maxsize=262144)
def surface(original: str, chosen: str, style: ToneStyle, caps: bool = False) -> str:
    """Output form of candidate ``chosen`` for input word ``original``.

    A candidate in lower case gets the case of the input's first letter, in capitals
    throughout when ``caps`` (its line is mostly in capitals) unless the input has two
    lower-case letters or more (``Hop``): OCR prints marked lower-case letters as capitals
    (``BO`` for ``Bộ``, ``NOi`` for ``Nội``), so one capital more says little. A candidate
    that is no syllable (``ubnd``) is printed in capitals if the input is, and one with
    capitals (a code, ``HĐND``) as it is.

    >>> surface("HQP", "hợp", "traditional", caps=True), surface("Hoà", "hòa", "modern")
    ('HỢP', 'Hoà')
    >>> surface("S6", "số", "traditional"), surface("BO", "bộ", "traditional")
    ('Số', 'Bộ')
    >>> surface("Idi", "lời", "traditional"), surface("HDND", "HĐND", "traditional")
    ('lời', 'HĐND')
    >>> surface("CổngTTĐT", "cổng ttđt", "traditional")
    'Cổng TTĐT'
    >>> surface("thang11", "tháng 11", "traditional"), surface("1Thang", "1 tháng", "traditional")
    ('tháng11', '1Tháng')
    """
    if chosen == token_key(original):
        return normalize_syllable(original, style)
    if chosen != chosen.lower():
        return chosen
    parts = chosen.split(" ")
    if parts[0].isdigit() or parts[-1].isdigit():  # digits kept as printed, glued as printed
        head = parts[0] if parts[0].isdigit() else ""
        tail = parts[-1] if len(parts) > 1 and parts[-1].isdigit() else ""
        core = parts[bool(head) : len(parts) - bool(tail)]
        return head + surface(original.strip("0123456789"), " ".join(core), style, caps) + tail
    model = _case_model(original)
    if " " in chosen and len(model) == len(chosen) - chosen.count(" ") and _mixed(model):
        cased = _case_by_letter(model, chosen)  # a merged token split: CổngTTĐT → Cổng TTĐT
    elif not model or not model[0].isupper() or (model[0] == "I" and chosen[0] == "l"):
        cased = chosen  # ``Idi`` is ``lời``: a capital I is how OCR prints a lower-case l
    elif _capitals(model, parts, caps):
        cased = chosen.upper()
    else:
        cased = chosen[:1].upper() + chosen[1:]
    return " ".join(normalize_syllable(w, style) for w in cased.split(" "))




def _capitals(model: str, parts: list[str], caps: bool) -> bool:
    """``CHiNH`` in a heading is ``CHÍNH``; ``ỦBND`` is ``UBND``; ``Il`` is ``II``."""
    if caps and sum(c.islower() for c in model) < 2:
        return True
    if all(_ROMAN.fullmatch(p) and not is_valid_syllable(p) for p in parts):
        return True  # a Roman numeral whose first letter is a capital (the caller checked)
    return model.isupper() and not all(map(is_valid_syllable, parts))


_ROMAN = regex.compile(r"[ivxlc]+")


def _mixed(letters: str) -> bool:
    return not letters.isupper() and not letters.islower()


def _case_by_letter(model: str, chosen: str) -> str:
    """Copy the case of ``model`` letter by letter onto ``chosen``, skipping its spaces."""
    letters = iter(model)
    return "".join(c if c == " " or not next(letters).isupper() else c.upper() for c in chosen)


def _case_model(original: str) -> str:
    """The letters of ``original``: ``S6`` is title case, not upper case like ``SỐ``.

    >>> _case_model("S6"), _case_model("HQP"), _case_model("$6"), _case_model("d&")
    ('S', 'HQP', '', 'd')
    """
    return "".join(c for c in original if c.isalpha())


def _token(info: SlotInfo, decoded: Decoded, t: int, style: ToneStyle) -> RepairedToken:
    token = info.token
    assert token is not None
    best = decoded.best[t]
    if info.reason != "channel+lm":
        return RepairedToken(token.text, info.outputs[best], token.start, token.end, 1.0,
                             reason=info.reason)  # fmt: skip
    prob = decoded.posteriors[t].tolist()  # a handful of numbers: plain Python is faster
    order: list[int] = []
    if prob[best] <= 1.0 - MIN_POSTERIOR:  # else no alternative is worth showing
        worth = [j for j, p in enumerate(prob) if j != best and p >= MIN_POSTERIOR]
        order = sorted(worth, key=prob.__getitem__, reverse=True)[:MAX_ALTERNATIVES]
    alternatives = tuple(
        Alternative(surface(token.text, info.outputs[j], style, info.caps),
                    round(prob[j], 4))
        for j in order
    )
    text = surface(token.text, info.outputs[best], style, info.caps)
    reason = "unchanged" if text == token.text else "channel+lm"
    return RepairedToken(token.text, text, token.start, token.end, prob[best],
                         alternatives, reason)  # fmt: skip


def line_tokens(
    lines: list[list[SlotInfo]], decoded: list[Decoded], style: ToneStyle
) -> list[RepairedToken]:
    """The repaired tokens of decoded passages, in order."""
    return [
        _token(info, dec, t, style)
        for infos, dec in zip(lines, decoded, strict=True)
        for t, info in enumerate(infos)
        if info.token is not None
    ]


def assemble(
    text: str, tokens: Sequence[RepairedToken], extra: Sequence[RepairedToken] = ()
) -> RepairResult:
    """The repaired text (input between tokens copied verbatim, NFC) and its tokens, with
    ``extra`` tokens repaired outside the decoder (clause letters, list dashes)."""
    ordered = sorted([*tokens, *extra], key=lambda tok: tok.start)
    pieces: list[str] = []
    last = 0
    for tok in ordered:
        pieces.append(text[last : tok.start])
        pieces.append(tok.text)
        last = tok.end
    pieces.append(text[last:])
    return RepairResult(unicodedata.normalize("NFC", "".join(pieces)), tuple(ordered))
