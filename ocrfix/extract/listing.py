"""Dash lists ("- Như trên;", "- Lưu: VT, NC.") as used by "Kính gửi" and "Nơi nhận".

An item is one printed entry: leading dash or bullet and trailing ";" "," "." removed. A line
without a dash continues the previous item unless that item already ended with punctuation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex

from ocrfix.extract.layout import Line

_BULLETS = "-–—+•*"
_TERMINAL = ";,."
# "Lưu: VT, ..." (folded, OCR-tolerant), the item that closes a "Nơi nhận" list.
FILED = regex.compile(r"^[-–—+•=~\s]*(?:luu){e<=1}\b")


def clean_item(text: str) -> str:
    """One entry without its bullet and trailing separator."""
    return " ".join(text.strip().lstrip(_BULLETS).strip().rstrip(_TERMINAL + " ").split())


def collect_items(
    first_inline: str, lines: Iterable[Line], stop: Callable[[Line, list[str]], bool]
) -> tuple[list[str], list[Line]]:
    """Items from the text after the keyword and the lines that follow, until ``stop``.

    ``stop(line, raw_items_so_far)`` decides where the list ends. Returns items and the lines
    they came from (for evidence).
    """
    raw: list[str] = []
    used: list[Line] = []
    if first_inline.strip():
        raw.extend(part for part in first_inline.split(";") if part.strip())
    for line in lines:
        text = line.stripped
        if not text:
            if raw:
                break
            continue
        if stop(line, raw):
            break
        bulleted = text[0] in _BULLETS
        if raw and not bulleted and raw[-1].rstrip()[-1:] not in _TERMINAL:
            raw[-1] = f"{raw[-1].rstrip()} {text}"
        else:
            raw.append(text)
        used.append(line)
    items = [clean_item(item) for item in raw]
    return [item for item in items if item], used
