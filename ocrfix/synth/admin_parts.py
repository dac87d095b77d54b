"""Split the text of a real administrative document into the parts a Decree 30/2020 page
lays out in different places: issuer, national name and motto, number, subject, place and
date, title, body, recipients, signature.

The files of ``data/admin_docs`` start with the header lines (issuer lines, "CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM", motto, "Số: ...", "V/v ...", place/date in varying order), then title
and body, then "Nơi nhận:" with its list, the signature block and any appendices, which are
dropped. Parsing is heuristic and never fails: unknown lines stay in the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NATION = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN)\b")
_MOTTO = re.compile(r"^(Độc lập|ĐỘC LẬP)\b")
_PLACE_DATE = re.compile(r"\bngày\b.*\btháng\b.*\bnăm\b")
_RECIPIENT_ITEM = re.compile(r"^[-+•]")


@dataclass
class AdminParts:
    """The parts of one document, each a list of lines as they appear in the source."""

    issuer: list[str] = field(default_factory=list)
    nation: list[str] = field(default_factory=list)  # national name and motto
    number: str = ""
    subject: str = ""  # "V/v ..." of an official letter
    place_date: str = ""
    title: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận:" and its items
    signature: list[str] = field(default_factory=list)  # capacity lines
    signer: str = ""


def is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def parse_admin(text: str) -> AdminParts:
    """Parts of ``text`` (one paragraph per line, header first)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    parts = AdminParts()
    i = _header(lines, parts)
    i = _title(lines, i, parts)
    end = next((n for n in range(i, len(lines)) if lines[n].startswith("Nơi nhận")), len(lines))
    block = _signature_block(lines, end) or _signature_block(lines, i)
    if block and block.start < end:  # no "Nơi nhận": the block closes the body
        end = block.start
    parts.body = lines[i:end]
    if end < len(lines) and lines[end].startswith("Nơi nhận"):
        parts.recipients = lines[end:block.start] if block else _recipients(lines, end)
    if block:
        parts.signature, parts.signer = block.capacity, block.signer
    return parts


def _header(lines: list[str], parts: AdminParts) -> int:
    nation_at = next((n for n, line in enumerate(lines[:6]) if _NATION.match(line)), None)
    if nation_at is None:
        return 0
    parts.issuer = lines[:nation_at]
    i = nation_at
    parts.nation.append(lines[i])
    i += 1
    if i < len(lines) and _MOTTO.match(lines[i]):
        parts.nation.append(lines[i])
        i += 1
    while i < len(lines):
        line = lines[i]
        if line.startswith("Số") and not parts.number:
            parts.number = line
        elif line.startswith("V/v") and not parts.subject:
            parts.subject = line
        elif _PLACE_DATE.search(line) and len(line) < 90 and not parts.place_date:
            parts.place_date = line
        else:
            break
        i += 1
    return i


def _title(lines: list[str], i: int, parts: AdminParts) -> int:
    while i < len(lines) and is_upper(lines[i]) and len(parts.title) < 3:
        parts.title.append(lines[i])
        i += 1
    if parts.title and i < len(lines) and lines[i].startswith("Về ") and len(lines[i]) < 250:
        parts.title.append(lines[i])
        i += 1
    return i


@dataclass
class _Block:
    """A signature block found in the text: its capacity lines and the signer's name."""

    start: int  # first capacity line
    stop: int  # the line after the name
    capacity: list[str]
    signer: str


def _signature_block(lines: list[str], start: int) -> _Block | None:
    """The first signature block from ``start``: 1-5 short upper-case capacity lines ("KT. CHỦ
    TỊCH", "PHÓ CHỦ TỊCH") right above a name, or above a line that ends the capacity and
    then gives the name ("CHỦ TỊCH Nguyễn Văn A", a line break lost). Searched rather than
    walked to, since recipient items wrap and stray lines ("05 bản", "Ký bởi: ...") sit
    between the list and the block, and some texts have no list at all."""
    n = start
    while n < len(lines):
        end = n
        while end < len(lines) and _is_capacity(lines[end]) and end - n < 5:
            end += 1
        if n < end < len(lines):
            capacity = lines[n:end]
            if _is_name(lines[end]):
                return _Block(n, end + 1, capacity, lines[end])
            head, name = _split_name(lines[end])
            if head:
                return _Block(n, end + 1, [*capacity, head], name)
        n = max(end, n + 1)
    return None


def _is_capacity(line: str) -> bool:
    return is_upper(line) and len(line) <= 80


def _is_name(line: str) -> bool:
    """A personal name, maybe after a rank ("Thượng tướng Vũ Văn A"): 2-6 words of letters,
    none in upper case, the first and the last two capitalised."""
    words = line.split()
    return (2 <= len(words) <= 6 and all(w.isalpha() for w in words)
            and not any(len(w) > 1 and is_upper(w) for w in words)
            and all(w[0].isupper() for w in [words[0], *words[-2:]]))


def _split_name(line: str) -> tuple[str, str]:
    """``(upper-case head, name)`` of a capacity line run into the name; ``("", "")`` else."""
    words = line.split()
    for cut in range(1, len(words) - 1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if not is_upper(words[cut]) and is_upper(head) and _is_name(tail):
            return head, tail
    return "", ""


def _recipients(lines: list[str], i: int) -> list[str]:
    """"Nơi nhận:" and its items, when no signature block follows."""
    found = [lines[i]]
    i += 1
    while i < len(lines) and (_RECIPIENT_ITEM.match(lines[i]) or _continues(found[-1])):
        found.append(lines[i])
        i += 1
    return found


def _continues(item: str) -> bool:
    """A recipient item cut after a comma goes on on the next line."""
    return item.endswith(",")
