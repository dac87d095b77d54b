"""Word data (TSV, JSON, hOCR) carrying each word's repaired text beside Tesseract's.

Each builds on the raw writer of ``ocrfix.ocr.formats`` and adds to it, so both stay one
format: TSV gains ``repaired`` and ``repair_conf`` columns; JSON gains ``repaired_text``
(document and pages) and ``repaired``/``repair_conf`` per word; in hOCR a word's content is
its repaired text, with Tesseract's reading in ``x_raw`` (when it differs) and the repair
confidence in ``x_rconf``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from html import escape

import regex

from ocrfix.ocr.formats import to_hocr, to_json, to_tsv
from ocrfix.ocr.model import OcrDocument
from ocrfix.output.words import RepairedPage, RepairedWord

Repaired = Mapping[int, RepairedPage]  # by page number
_HOCR_WORD = regex.compile(r'id="word_(\d+)_(\d+)" title="([^"]*)">[^<]*</span>')


def _aligned(document: OcrDocument, repaired: Repaired) -> dict[int, list[RepairedWord]]:
    return {page.number: repaired[page.number].aligned(page.words)
            for page in document.pages if page.number in repaired}  # fmt: skip


def _conf(word: RepairedWord) -> str:
    return f"{word.confidence:.3f}"


def to_repaired_tsv(document: OcrDocument, repaired: Repaired) -> str:
    """:func:`ocrfix.ocr.formats.to_tsv` with ``repaired`` and ``repair_conf`` columns
    (empty on a page that was not repaired)."""
    rows = to_tsv(document).rstrip("\n").split("\n")
    aligned = _aligned(document, repaired)
    extra = [
        "\t".join((" ".join(fixed.text.split()), _conf(fixed))) if fixed is not None else "\t"
        for page in document.pages
        for fixed in aligned.get(page.number, [None] * len(page.words))
    ]
    out = [rows[0] + "\trepaired\trepair_conf"]
    out += [f"{row}\t{cells}" for row, cells in zip(rows[1:], extra, strict=True)]
    return "\n".join(out) + "\n"


def to_repaired_json(document: OcrDocument, repaired: Repaired) -> str:
    """:func:`ocrfix.ocr.formats.to_json` with the repaired text of the document, of each
    page and of each word (with its repair confidence); Tesseract's text kept as ``text``."""
    data = json.loads(to_json(document))
    aligned = _aligned(document, repaired)
    for page, entry in zip(document.pages, data["pages"], strict=True):
        if page.number not in repaired:
            continue
        entry["repaired_text"] = repaired[page.number].text
        for word, fixed in zip(entry["words"], aligned[page.number], strict=True):
            word["repaired"] = fixed.text
            word["repair_conf"] = round(fixed.confidence, 4)
    texts = [repaired[p.number].text.strip("\n") for p in document.pages
             if p.error is None and p.text and p.number in repaired]  # fmt: skip
    data["repaired_text"] = "\n\n".join(texts)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_repaired_hocr(document: OcrDocument, repaired: Repaired) -> str:
    """:func:`ocrfix.ocr.formats.to_hocr` with each word's content repaired."""
    aligned = _aligned(document, repaired)

    def word(match: regex.Match[str]) -> str:
        page, index, title = int(match[1]), int(match[2]), match[3]
        if page not in aligned:
            return match[0]
        fixed = aligned[page][index]
        if fixed.changed:
            title += f"; x_raw {escape(chr(34) + fixed.word.text + chr(34))}"
        title += f"; x_rconf {_conf(fixed)}"
        return f'id="word_{page}_{index}" title="{title}">{escape(fixed.text)}</span>'

    return _HOCR_WORD.sub(word, to_hocr(document))


REPAIRED_FORMATTERS: dict[str, Callable[[OcrDocument, Repaired], str]] = {
    "tsv": to_repaired_tsv,
    "json": to_repaired_json,
    "hocr": to_repaired_hocr,
}
