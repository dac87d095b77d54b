"""TSV, JSON and hOCR carry each word's repaired text beside Tesseract's reading."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from ocrfix.ocr import OcrDocument, OcrPage, OcrWord
from ocrfix.ocr.formats import to_tsv
from ocrfix.output.wordformats import to_repaired_hocr, to_repaired_json, to_repaired_tsv
from ocrfix.output.words import repair_page
from ocrfix.repair import RepairedToken, RepairResult

WORDS = [
    OcrWord("Viet", (100, 100, 180, 140), 71.0, 1, 1, 1),
    OcrWord("Nam", (200, 100, 270, 140), 95.0, 1, 1, 1),
    OcrWord("làxã", (100, 160, 190, 200), 40.0, 1, 1, 2),
]


def repair(text: str) -> RepairResult:
    assert text == "Viet Nam\nlàxã"
    tokens = (RepairedToken("Viet", "Việt", 0, 4, 0.9), RepairedToken("làxã", "là xã", 9, 13, 0.6))
    return RepairResult("Việt Nam\nlà xã", tokens)


def document() -> tuple[OcrDocument, dict]:
    pages = [OcrPage(1, "Viet Nam\nlàxã", WORDS), OcrPage(2, error="scan.pdf: page 2: corrupt")]
    doc = OcrDocument("scan.pdf", pages)
    return doc, {1: repair_page(pages[0], repair)}


def test_tsv_adds_repaired_columns_and_keeps_the_raw_ones() -> None:
    doc, repaired = document()
    rows = [r.split("\t") for r in to_repaired_tsv(doc, repaired).splitlines()]
    raw = [r.split("\t") for r in to_tsv(doc).splitlines()]
    assert rows[0][-2:] == ["repaired", "repair_conf"]
    assert [r[:-2] for r in rows] == raw
    assert [r[-3:] for r in rows[1:]] == [
        ["Viet", "Việt", "0.900"],
        ["Nam", "Nam", "1.000"],
        ["làxã", "là xã", "0.600"],
    ]


def test_json_adds_repaired_text_for_document_pages_and_words() -> None:
    doc, repaired = document()
    data = json.loads(to_repaired_json(doc, repaired))
    assert data["text"] == "Viet Nam\nlàxã" and data["repaired_text"] == "Việt Nam\nlà xã"
    page = data["pages"][0]
    assert page["repaired_text"] == "Việt Nam\nlà xã"
    assert [(w["text"], w["repaired"], w["repair_conf"]) for w in page["words"]] == [
        ("Viet", "Việt", 0.9),
        ("Nam", "Nam", 1.0),
        ("làxã", "là xã", 0.6),
    ]
    assert "repaired_text" not in data["pages"][1]  # the failed page


def test_hocr_words_hold_the_repair_and_remember_the_raw() -> None:
    doc, repaired = document()
    root = ET.fromstring(to_repaired_hocr(doc, repaired))
    words = [e for e in root.iter() if e.get("class") == "ocrx_word"]
    assert [w.text for w in words] == ["Việt", "Nam", "là xã"]
    assert 'x_raw "Viet"; x_rconf 0.900' in words[0].get("title", "")
    title = words[1].get("title", "")
    assert "x_raw" not in title and "bbox 200 100 270 140" in title
