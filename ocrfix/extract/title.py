"""The summary (trích yếu): upper-case lines under the type line, or a công văn's "V/v" lines."""

from __future__ import annotations

import regex

from ocrfix.extract.found import MISSING, Found
from ocrfix.extract.keywords import fold, upper_ratio
from ocrfix.extract.layout import Line, evidence
from ocrfix.extract.place_date import DATE_WORDS

_SUMMARY = regex.compile(r"^\s*(?:v\s?[/.il1|]?\s?v|vw)\b\s*:?")  # "V/v", "V.v"; OCR "Viv", "VW"
_BODY_START = regex.compile(r"^\s*(?:can cu|xet|theo de nghi|kinh gui|tai phien|thuc hien)\b")
# An upper-case line naming who acts ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...") ends the title.
_AUTHORITY = regex.compile(
    r"^\s*(?:chu tich|bo truong|thu tuong|chinh phu|hoi dong nhan dan|uy ban nhan dan|"
    r"cuc truong|giam doc|tong cuc truong|chanh van phong|ban chap hanh|bo chinh tri|"
    r"thong doc|tong giam doc|truong ban|vien truong)\b"
)
MAX_TITLE_LINES = 6
MAX_SENTENCE_TITLE_LINE = 120  # a longer sentence-case line is body text


def is_summary_line(line: Line) -> bool:
    """Whether ``line`` starts a công văn's "V/v ..." summary."""
    return bool(_SUMMARY.match(line.folded))


def find_summary_line(header: list[Line]) -> Line | None:
    """The "V/v ..." line of a công văn, if the header has one."""
    return next((line for line in header if is_summary_line(line)), None)


def _is_sentence_case_title_line(text: str, collected: list[Line]) -> bool:
    """Decree 30/2020 prints the summary in lower-case letters: a short first line starting
    with a capital, continued by lines starting in lower case."""
    if len(text) > MAX_SENTENCE_TITLE_LINE or text.endswith((".", ";", ":")):
        return False
    if not collected:
        return text[0].isupper()
    return upper_ratio(collected[0].stripped) < 0.8 and text[0].islower()


def _ends_title(line: Line, following: Line | None, collected: list[Line]) -> bool:
    text = line.stripped
    if not text or text.endswith(":") or _BODY_START.match(line.folded):
        return True
    if upper_ratio(text) < 0.8:
        return not _is_sentence_case_title_line(text, collected)
    if collected and upper_ratio(collected[0].stripped) < 0.8:
        return True  # an upper-case line after a sentence-case summary is a heading
    next_is_body = following is None or upper_ratio(following.stripped) < 0.8
    return bool(collected) and bool(_AUTHORITY.match(line.folded)) and next_is_body


def title_after_type_line(lines: list[Line], type_line: Line, rest: int | None = None) -> Found:
    """Upper-case lines following the type line, joined, up to the body or the authority line.

    ``rest`` is the column where the title starts on the type line itself ("THÔNG BÁO KẾT
    LUẬN ..."), when the type name does not stand alone.
    """
    index = next(i for i, line in enumerate(lines) if line.number == type_line.number)
    body = [line for line in lines[index + 1 :] if line.stripped]
    taken: list[Line] = []
    if rest is not None:
        body.insert(0, Line(type_line.number, type_line.start + rest, type_line.text[rest:]))
    for i, line in enumerate(body[:MAX_TITLE_LINES]):
        following = body[i + 1] if i + 1 < len(body) else None
        if _ends_title(line, following, taken):
            break
        taken.append(line)
    if not taken:
        return MISSING
    text = " ".join(" ".join(line.stripped.split()) for line in taken)
    return Found(text, 0.9, evidence(taken[0], taken[-1]))


def title_from_summary(lines: list[Line], summary: Line, stop_numbers: set[int]) -> Found:
    """The "V/v" line plus its continuation lines (before the date or "Kính gửi")."""
    index = next(i for i, line in enumerate(lines) if line.number == summary.number)
    taken = [summary]
    for line in lines[index + 1 : index + 4]:
        folded = fold(line.text)
        if (
            not line.stripped
            or line.number in stop_numbers
            or DATE_WORDS.search(folded)
            or _BODY_START.match(folded)
            or len(line.stripped) > 120
            or upper_ratio(line.stripped) > 0.8
            or line.stripped[0].isdigit()
        ):
            break
        taken.append(line)
    text = " ".join(" ".join(line.stripped.split()) for line in taken)
    return Found(text, 0.9, evidence(taken[0], taken[-1]))
