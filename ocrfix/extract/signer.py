"""The signature block (Decree 30/2020, Art. 13): capacity lines, position, name.

"TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Trần Văn A": every line but the last
upper-case one is a capacity (TM., KT., TL., TUQ., Q.), the last is the position, and a
title-case name follows. Flattened two-column layouts split or merge these lines
("KT." alone; "... VỀ HQ PHÓ TRƯỞNG BAN"; "TRƯỞNG BAN Đào Thu Hương"), which
:func:`_normalize_block` undoes. Scans scatter the block further or lose it under the
seal: a mangled position line may stand between the block and the name; the signer may be
the name standing alone in the footer (:func:`_footer_signer`), or, with no footer left, a
lone full name near the end (a guess); a name cut to its given names is completed from where
the text names the person in full; and the raw OCR text is read when repair lost or damaged
the name (:func:`prefer_raw_signer`).
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from ocrfix.extract.found import Found, warning
from ocrfix.extract.keywords import fold, upper_ratio
from ocrfix.extract.layout import Line, evidence
from ocrfix.extract.listing import FILED
from ocrfix.extract.names import complete_from_text, read_name, split_name, surname_led

# The dot after the capacity abbreviation may be read as a comma or colon, or lost ("TM,
# ỦY BAN NHÂN DÂN", "KT CHỦ TỊCH": no Vietnamese word is spelt tm, kt, tl or tuq).
CAPACITY = regex.compile(
    r"^\s*(?:(?:tm|kt|tl|tuq|q|t\.m|k\.t|t\.l)\s*\.|(?:tm|kt|tl|tuq)(?:\s*[,:]|\s+(?=\p{L}))"
    r"|(?:t/m|k/t|t/l)\b)"
)
_POSITION_WORDS = regex.compile(  # "tich" alone: "CHỦ TỊCH" with "CHỦ" under the seal
    r"\b(?:chu tich|tich|truong|thu tuong|giam doc|chu nhiem|chanh|bi thu|uy vien|tong|pho|"
    r"xac thuc|thong doc|can bo|ke toan|hieu truong|vien truong)\b"
)
_MAX_BLOCK = 7
_MAX_GARBLED = 2  # mangled lines allowed between the name and the block lines above it
_GARBLED = regex.compile(r"[^\p{Ll}]{1,20}")  # short, no lower-case letter, not a list item
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


def _name_tail(text: str) -> tuple[str, str] | None:
    """``(upper_head, name)`` for a line ending in a name after upper-case text."""
    words = text.split()
    for cut in range(1, len(words) - 1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if upper_ratio(head) == 1.0 and split_name(tail)[1]:
            return head, tail
    return None


def _garbled_line(text: str) -> bool:
    """A short line without lower-case letters that is no list item: a mangled block line."""
    return bool(_GARBLED.fullmatch(text)) and text[0] not in "-–—+•" and not text.endswith(";")


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
    context = "\n".join(line.text for line in lines)
    for index, line in enumerate(lines):
        text = line.stripped
        if not text:
            continue
        rank, name = read_name(text, context)
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
        j, garbled = index - 1, 0
        while j >= 0 and len(head_lines) < _MAX_BLOCK:
            prev = lines[j].stripped
            if prev and is_signature_line(prev):
                head_lines.insert(0, lines[j])
            elif prev and not head_lines and garbled < _MAX_GARBLED and _garbled_line(prev):
                garbled += 1  # a position line OCR mangled ("\ƯỞNG"), between block and name
            elif prev:
                break
            j -= 1
        if head_lines or (extra and is_signature_line(extra[0])):
            found.append((index, head_lines, name, rank, extra))
    return found


_FILED_COLON = regex.compile(r"^[-–—+•=~\s]*(?:luu){e<=1}\s*:")  # a sure "Lưu:" item
FOOTER_DEPTH = 60  # lines after "Nơi nhận" that may still hold the signature
_ITEM_END = regex.compile(r";|\.\s")  # where a list item ends and the other column goes on


def _footer_anchor(lines: list[Line], recipients_index: int | None) -> int | None:
    """Where the footer starts: the "Nơi nhận" line, or else the last "Lưu:" item."""
    if recipients_index is not None:
        return recipients_index
    filed = [i for i, line in enumerate(lines) if _FILED_COLON.match(line.folded)]
    return filed[-1] if filed else None


def _footer_signer(lines: list[Line], anchor: int) -> Found | None:
    """A name in the footer whose block OCR lost or scattered: the first name line after the
    closing "Lưu:" item (after the anchor when that item is lost), else the first name that
    ends a list item ("- Các sở, ban, ngành; Lê Hải Hòa", "- Lưu: VT. Lê Hải Hòa": the two
    columns read as one), with the capacity and position lines found between the anchor and
    it."""
    window = lines[anchor + 1 : anchor + FOOTER_DEPTH]
    context = "\n".join(line.text for line in lines)
    filed = next((i for i, line in enumerate(window) if FILED.match(line.folded)), -1)
    alone = ((i, read_name(window[i].stripped, context)) for i in range(filed + 1, len(window)))
    tails = ((i, read_name(_ITEM_END.split(line.stripped)[-1], context))
             for i, line in enumerate(window))
    for i, (rank, name) in (*alone, *tails):
        if name:
            block = [line.stripped for line in window[:i] if is_signature_line(line.stripped)]
            value = _signer_value(_normalize_block(block), name, rank)
            return Found(value, 0.5, evidence(window[i]))
    return None


def _signer_value(texts: list[str], name: str, rank: str | None) -> dict:
    """The signer record from the block's normalized lines: capacities, then the position."""
    position_is_last = bool(texts) and not CAPACITY.match(fold(texts[-1]))
    capacity = texts[:-1] if position_is_last else texts
    position = texts[-1] if position_is_last else None
    return {"capacity": capacity, "position": position, "name": name, "rank": rank}


def _debris_before_name(
    lines: list[Line], index: int, name: str, rank: str | None
) -> tuple[int, str, str | None]:
    """The name on the next line instead when the scribble above it read as a name ("Sơ Á")
    and only the next one starts with a family name."""
    after = [i for i in range(index + 1, min(index + 3, len(lines))) if lines[i].stripped]
    if not after or surname_led(name):
        return index, name, rank
    next_rank, next_name = read_name(lines[after[0]].stripped)
    if next_name and surname_led(next_name):
        return after[0], next_name, next_rank
    return index, name, rank


def extract_signer(lines: list[Line], recipients_index: int | None) -> Found:
    """The signer of the document, preferring the block right after "Nơi nhận"; a name whose
    family name OCR lost is completed from where the text names the person in full."""
    found = _find_signer(lines, recipients_index)
    if not found.value:
        return found
    full = complete_from_text(found.value["name"], "\n".join(line.text for line in lines))
    if not full:
        return found
    note = warning("signer", "name_completed", f"read {found.value['name']!r}")
    return Found({**found.value, "name": full}, found.confidence * 0.8, found.evidence,
                 [*found.warnings, note])


_LONE_WORDS = 3  # a shorter lone name may be a place ("Hà Nội", "Mai Sơn")


def _lone_name(lines: list[Line]) -> Found | None:
    """The last line of the text's second half that is exactly a person's name, led by a family
    name, of three words or more: the signer when OCR lost the block and the "Nơi nhận" and
    "Lưu" lines that would place it (a guess, so warned about and of low confidence)."""
    for line in reversed(lines[len(lines) // 2 :]):
        rank, name = split_name(line.stripped)  # as printed: no debris, nothing completed
        if name and surname_led(name) and len(name.split()) >= _LONE_WORDS:
            note = warning("signer", "guessed", "no signature block: a lone name near the end")
            return Found(_signer_value([], name, rank), 0.3, evidence(line), [note])
    return None


def prefer_raw_signer(repaired: Found, read_raw: Callable[[], Found]) -> Found:
    """The signer read from the repaired text, or the one ``read_raw`` reads from the raw OCR
    text when repair lost the name, or damaged the cut family name OCR left ("ê Anh Tuấn"
    repaired to "e Anh Tuấn" no longer tells Lê), so that only the raw one starts with a
    family name (the raw text is read only when the repaired name does not)."""
    name = repaired.value["name"] if repaired.value else None
    if name and surname_led(name):
        return repaired
    raw = read_raw()
    raw_name = raw.value["name"] if raw.value else None
    if not raw_name or (name and not surname_led(raw_name)):
        return repaired
    note = warning("signer", "read_from_raw", f"repaired text gave {name!r}")
    return Found(raw.value, raw.confidence * 0.9, raw.evidence, [*raw.warnings, note])


def _find_signer(lines: list[Line], recipients_index: int | None) -> Found:
    blocks = _blocks(lines)
    chosen = None
    if recipients_index is not None:
        after = [b for b in blocks if recipients_index < b[0] <= recipients_index + 90]
        before = [b for b in blocks if recipients_index - 25 <= b[0] < recipients_index]
        chosen = after[0] if after else (before[-1] if before else None)
    anchor = _footer_anchor(lines, recipients_index)
    if chosen is None and anchor is not None:
        footer = _footer_signer(lines, anchor)
        if footer:
            return footer
    if chosen is None:
        # below the header; or a block at the top of a page that opens with a capacity line
        body = [b for b in blocks if b[0] >= 4 or (b[1] and CAPACITY.match(b[1][0].folded))]
        chosen = body[0] if body else None
    if chosen is None:
        return _lone_name(lines) or Found(
            None, 0.0, None, [warning("signer", "missing", "no signature block found")]
        )
    index, head_lines, name, rank, extra = chosen
    index, name, rank = _debris_before_name(lines, index, name, rank)
    value = _signer_value(_normalize_block([line.stripped for line in head_lines] + extra),
                          name, rank)
    first = head_lines[0] if head_lines else lines[index]
    confidence = 0.95 if value["position"] else 0.8
    return Found(value, confidence, evidence(first, lines[index]))
