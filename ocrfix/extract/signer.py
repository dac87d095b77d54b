"""The signature block (Decree 30/2020, Art. 13): capacity lines, position, name.

"TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Trần Văn A": every line but the last
upper-case one is a capacity (TM., KT., TL., TUQ., Q.), the last is the position, and a
title-case name follows. Flattened two-column layouts split or merge these lines
("KT." alone; "... VỀ HQ PHÓ TRƯỞNG BAN"; "TRƯỞNG BAN Đào Thu Hương"), which
:func:`_normalize_block` undoes.
"""

from __future__ import annotations

import regex

from ocrfix.extract.found import Found, warning
from ocrfix.extract.keywords import fold, upper_ratio
from ocrfix.extract.layout import Line, evidence

CAPACITY = regex.compile(r"^\s*(?:(?:tm|kt|tl|tuq|q|t\.m|k\.t|t\.l)\s*\.|(?:t/m|k/t|t/l)\b)")
_POSITION_WORDS = regex.compile(
    r"\b(?:chu tich|truong|thu tuong|giam doc|chu nhiem|chanh|bi thu|uy vien|tong|pho|"
    r"xac thuc|thong doc|can bo|ke toan|hieu truong|vien truong)\b"
)
RANKS = regex.compile(
    r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)|(?:PGS|GS|TS|ThS|BS|KTS)\.?(?:\s*TS\.?)?)\s+"
)
_MAX_BLOCK = 7
_MAX_SIG_LINE = 80


def is_signature_line(text: str) -> bool:
    """An upper-case capacity or position line of a signature block."""
    text = text.strip()
    if not text or len(text) > _MAX_SIG_LINE or text[-1] in ";:":
        return False
    folded = fold(text)
    if CAPACITY.match(folded):
        return True
    return upper_ratio(text) >= 0.85 and bool(_POSITION_WORDS.search(folded))


def split_name(text: str) -> tuple[str | None, str | None]:
    """``(rank, name)`` when ``text`` is a person's name ("Thượng tướng Vũ Hải Sản")."""
    text = " ".join(text.split())
    rank_match = RANKS.match(text)
    rank = rank_match.group().strip() if rank_match else None
    name = text[rank_match.end() :] if rank_match else text
    words = name.split()
    if not 2 <= len(words) <= 6:
        return None, None
    if all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) and w.isalpha() for w in words):
        return rank, name
    return None, None


def _name_tail(text: str) -> tuple[str, str] | None:
    """``(upper_head, name)`` for a line ending in a name after upper-case text."""
    words = text.split()
    for cut in range(1, len(words) - 1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if upper_ratio(head) == 1.0 and split_name(tail)[1]:
            return head, tail
    return None


def _normalize_block(texts: list[str]) -> list[str]:
    out: list[str] = []
    carry = ""
    for raw in texts:
        text = f"{carry} {raw}".strip() if carry else raw.strip()
        carry = ""
        folded = fold(text)
        if CAPACITY.fullmatch(folded.strip()) or text.endswith(","):
            carry = text  # "KT." alone, or "KT. BỘ TRƯỞNG," continued below
            continue
        if text.endswith(" PHÓ"):
            text, carry = text[: -len(" PHÓ")], "PHÓ"
        mid = text.find(" PHÓ ")
        if mid > 0 and out and not CAPACITY.match(folded):
            out[-1] = f"{out[-1]} {text[:mid]}"
            text = text[mid + 1 :]
        out.append(text)
    if carry:
        out.append(carry)
    last = out[-1] if out else ""
    if CAPACITY.match(fold(last)):
        for marker in (" PHÓ ", " THỨ TRƯỞNG"):
            cut = last.find(marker)
            if cut > 0:
                out[-1:] = [last[:cut], last[cut + 1 :]]
                break
    return [" ".join(t.split()) for t in out]


Block = tuple[int, list[Line], str, "str | None", list[str]]


def _blocks(lines: list[Line]) -> list[Block]:
    """Every (name line index, block lines above it, name, rank, upper text beside the name)."""
    found = []
    for index, line in enumerate(lines):
        text = line.stripped
        if not text:
            continue
        rank, name = split_name(text)
        head_lines: list[Line] = []
        extra: list[str] = []
        if not name:
            tail = _name_tail(text)
            if not tail:
                continue
            extra, name = [tail[0]], tail[1]
            rank, name = split_name(name)
            if not name:
                continue
        j = index - 1
        while j >= 0 and len(head_lines) < _MAX_BLOCK:
            prev = lines[j].stripped
            if prev:
                if not is_signature_line(prev):
                    break
                head_lines.insert(0, lines[j])
            j -= 1
        if head_lines or (extra and is_signature_line(extra[0])):
            found.append((index, head_lines, name, rank, extra))
    return found


_FILED = regex.compile(r"^[-–—+•=\s]*(?:luu){e<=1}\b")
_AFTER_FILED = 3  # lines between "Lưu: ..." and a bare name (its block lost in OCR)


def _bare_name_after_list(lines: list[Line], recipients_index: int) -> Found | None:
    """A name right after the recipients' closing "Lưu:" item, with no block above it."""
    window = lines[recipients_index : recipients_index + 60]
    for i, line in enumerate(window):
        if not _FILED.match(line.folded):
            continue
        for follower in window[i + 1 : i + 1 + _AFTER_FILED]:
            rank, name = split_name(follower.stripped)
            if name:
                value = {"capacity": [], "position": None, "name": name, "rank": rank}
                return Found(value, 0.5, evidence(follower))
        return None
    return None


def extract_signer(lines: list[Line], recipients_index: int | None) -> Found:
    """The signer of the document, preferring the block right after "Nơi nhận"."""
    blocks = _blocks(lines)
    chosen = None
    if recipients_index is not None:
        after = [b for b in blocks if recipients_index < b[0] <= recipients_index + 90]
        before = [b for b in blocks if recipients_index - 25 <= b[0] < recipients_index]
        chosen = after[0] if after else (before[-1] if before else None)
    if chosen is None and recipients_index is not None:
        bare = _bare_name_after_list(lines, recipients_index)
        if bare:
            return bare
    if chosen is None:
        body = [b for b in blocks if b[0] >= 4]
        chosen = body[0] if body else None
    if chosen is None:
        return Found(None, 0.0, None, [warning("signer", "missing", "no signature block found")])
    index, head_lines, name, rank, extra = chosen
    texts = _normalize_block([line.stripped for line in head_lines] + extra)
    position_is_last = texts and not CAPACITY.match(fold(texts[-1]))
    capacity = texts[:-1] if position_is_last else texts
    position = texts[-1] if position_is_last else None
    first = head_lines[0] if head_lines else lines[index]
    value = {"capacity": capacity, "position": position, "name": name, "rank": rank}
    confidence = 0.95 if position else 0.8
    return Found(value, confidence, evidence(first, lines[index]))
