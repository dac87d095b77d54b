"""The "Nơi nhận:" list at the foot, ending where the signature block begins."""

from __future__ import annotations

import regex

from ocrfix.extract.found import MISSING, Found
from ocrfix.extract.keywords import fold
from ocrfix.extract.layout import Line, evidence
from ocrfix.extract.listing import FILED, collect_items
from ocrfix.extract.names import split_name
from ocrfix.extract.signer import is_signature_line

# Exact "Nơi nhận", or an OCR-damaged one that still ends in its colon ("Not nhdn:"), also
# behind a scan's specks, or cut to "nhận:" alone on its line (the seal or a fold took "Nơi").
NOI_NHAN = regex.compile(
    r"^(?:[\W_]|l(?=\s))*(?:noi\s*nhan\b\s*[:;.]?|(?:noi\s*nhan){e<=2}\s*:|nhan\s*:\s*$)",
    regex.BESTMATCH,
)
_MAX_LINE = 200


def find_recipients_line(lines: list[Line]) -> int | None:
    """Index of the "Nơi nhận" line (the last one before any appendix), or None."""
    for index, line in enumerate(lines):
        match = NOI_NHAN.match(line.folded)
        if match and len(line.stripped) - match.end() < _MAX_LINE:
            return index
    return None



def _stops(line: Line, items: list[str]) -> bool:
    text = line.stripped
    if items and FILED.match(fold(items[-1])) and items[-1].rstrip()[-1:] in ".;":
        return True
    if text[0] in "-–—+•":
        return False
    return is_signature_line(text) or split_name(text)[1] is not None or len(text) > _MAX_LINE


def extract_recipients(lines: list[Line]) -> Found:
    """Recipients, or null when there is no "Nơi nhận" block."""
    index = find_recipients_line(lines)
    if index is None:
        return MISSING
    line = lines[index]
    match = NOI_NHAN.match(line.folded)
    items, used = collect_items(line.text[match.end() :], lines[index + 1 : index + 60], _stops)
    if not items:
        return MISSING
    return Found(items, 0.9, evidence(line, used[-1] if used else line))
