"""Word data of an :class:`OcrDocument` as TSV, hOCR or JSON (boxes and confidences)."""

from __future__ import annotations

import json
from dataclasses import asdict
from html import escape

from ocrfix.ocr.model import OcrDocument

TSV_COLUMNS = ("page", "block", "par", "line", "left", "top", "right", "bottom", "conf", "text")


def to_tsv(document: OcrDocument) -> str:
    """One word per row, a header row first; tabs and newlines in words become spaces."""
    rows = ["\t".join(TSV_COLUMNS)]
    for page in document.pages:
        for w in page.words:
            text = " ".join(w.text.split())
            rows.append(
                "\t".join(
                    map(str, (page.number, w.block, w.par, w.line, *w.box, f"{w.conf:.1f}", text))
                )
            )
    return "\n".join(rows) + "\n"


def to_json(document: OcrDocument) -> str:
    """The whole document (pages, words, errors, timings) as JSON, UTF-8 unescaped."""
    data = {"path": document.path, "text": document.text, "pages": []}
    for page in document.pages:
        entry = asdict(page)
        entry["words"] = [
            {"text": w.text, "box": list(w.box), "conf": w.conf, "block": w.block,
             "par": w.par, "line": w.line}
            for w in page.words
        ]  # fmt: skip
        data["pages"].append(entry)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_hocr(document: OcrDocument) -> str:
    """A minimal hOCR file: ocr_page > ocr_line > ocrx_word with bbox and x_wconf."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" lang="vi"><head>',
        '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>',
        '<meta name="ocr-system" content="ocrfix"/>',
        '<meta name="ocr-capabilities" content="ocr_page ocr_line ocrx_word"/>',
        f"<title>{escape(document.path)}</title></head><body>",
    ]
    for page in document.pages:
        out.append(
            f'<div class="ocr_page" id="page_{page.number}" title="ppageno {page.number - 1}">'
        )
        line_key = None
        for i, w in enumerate(page.words):
            key = (w.block, w.par, w.line)
            if key != line_key:
                if line_key is not None:
                    out.append("</span>")
                out.append(f'<span class="ocr_line" id="line_{page.number}_{i}">')
                line_key = key
            bbox = " ".join(map(str, w.box))
            out.append(
                f'<span class="ocrx_word" id="word_{page.number}_{i}" '
                f'title="bbox {bbox}; x_wconf {round(w.conf)}">{escape(w.text)}</span>'
            )
        if line_key is not None:
            out.append("</span>")
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


FORMATTERS = {"tsv": to_tsv, "json": to_json, "hocr": to_hocr}
