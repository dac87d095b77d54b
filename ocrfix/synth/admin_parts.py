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
    while i < len(lines) and not lines[i].startswith("Nơi nhận"):
        parts.body.append(lines[i])
        i += 1
    _footer(lines, i, parts)
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


def _footer(lines: list[str], i: int, parts: AdminParts) -> None:
    if i >= len(lines):
        return
    parts.recipients.append(lines[i])
    i += 1
    while i < len(lines) and (_RECIPIENT_ITEM.match(lines[i]) or _continues(parts.recipients[-1])):
        parts.recipients.append(lines[i])
        i += 1
    while i < len(lines) and is_upper(lines[i]) and len(parts.signature) < 4:
        parts.signature.append(lines[i])
        i += 1
    if i < len(lines) and parts.signature and len(lines[i].split()) <= 6:
        parts.signer = lines[i]


def _continues(item: str) -> bool:
    """A recipient item cut after a comma goes on on the next line."""
    return item.endswith(",")
