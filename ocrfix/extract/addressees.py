"""The "Kính gửi:" list: one addressee inline, or a dash list under the keyword."""

from __future__ import annotations

import regex

from ocrfix.extract.found import MISSING, Found
from ocrfix.extract.layout import Line, evidence
from ocrfix.extract.listing import collect_items

# Exact "Kính gửi", or an OCR-damaged one that still ends in its colon ("Kinh givi:"), also
# behind a scan's specks ("| Kính gột:", the bar folded to "l").
_KINH_GUI = regex.compile(
    r"^(?:[\W_]|l(?=\s))*(?:kinh\s*gui\b\s*[:;.]?|(?:kinh\s*gui){e<=3}\s*:)", regex.BESTMATCH
)
_MAX_ITEM_LINE = 90  # longer unbulleted lines are body paragraphs
SEARCH_DEPTH = 30


def _stops(line: Line, items: list[str]) -> bool:
    text = line.stripped
    bulleted = text[0] in "-–—+•"
    if bulleted:
        return False
    if len(text) > _MAX_ITEM_LINE:
        return True
    return bool(items) and items[-1].rstrip().endswith(".")


def find_addressee_line(lines: list[Line]) -> Line | None:
    """The "Kính gửi" line near the top, if any."""
    return next((line for line in lines[:SEARCH_DEPTH] if _KINH_GUI.match(line.folded)), None)


def extract_addressees(lines: list[Line]) -> Found:
    """Addressees, or null when the document has no "Kính gửi"."""
    for index, line in enumerate(lines[:SEARCH_DEPTH]):
        match = _KINH_GUI.match(line.folded)
        if not match or len(line.folded) - match.end() > 200:
            continue
        inline = line.text[match.end() :]
        items, used = collect_items(inline, lines[index + 1 : index + 40], _stops)
        if not items:
            return MISSING
        return Found(items, 0.9, evidence(line, used[-1] if used else line))
    return MISSING
