"""The OCR-pairs builder: unit planning respects the split, words land on their truth lines."""

from __future__ import annotations

import json
import lzma

import numpy as np
import pytest
from PIL import Image
from rapidfuzz import fuzz

from ocrfix.build import ocr_pairs
from ocrfix.build.splits import is_heldout
from ocrfix.ocr.model import OcrWord
from ocrfix.synth.degrade import Degraded
from ocrfix.synth.layout import TextLine
from ocrfix.text import strip_diacritics

FOOTER = ("Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
          "Trần Văn Nam")
LINES = [
    TextLine("Kết quả thực hiện", (100, 100, 600, 140)),
    TextLine("công tác tháng", (100, 160, 500, 200)),
]


def _word(text, box, conf=90.0):
    return OcrWord(text=text, box=box, conf=conf)


def test_words_go_to_the_line_under_them_in_reading_order():
    scan = Degraded(Image.new("L", (800, 400)), "clean", 300)
    words = [_word("tháng", (400, 165, 490, 198)), _word("Két", (100, 102, 170, 138)),
             _word("công", (100, 162, 180, 199)), _word("qua", (190, 101, 250, 139)),
             _word("~", (700, 330, 720, 350))]
    groups, unaligned = ocr_pairs.align_words(words, LINES, scan)
    assert [[w.text for w in g] for g in groups] == [["Két", "qua"], ["công", "tháng"]]
    assert unaligned == 1


def test_words_are_mapped_back_through_the_degradation():
    """On a page scanned at half resolution and turned by 90°, boxes still find their line."""
    half_then_turn = np.array([[0, 0.5, 0], [-0.5, 0, 399], [0, 0, 1]])
    scan = Degraded(Image.new("L", (200, 400)), "rotate", 150, matrix=half_then_turn)
    x0, y0 = scan.from_clean(300, 170)
    x1, y1 = scan.from_clean(340, 190)
    box = (round(min(x0, x1)), round(min(y0, y1)), round(max(x0, x1)), round(max(y0, y1)))
    groups, unaligned = ocr_pairs.align_words([_word("tác", box)], LINES, scan)
    assert [len(g) for g in groups] == [0, 1] and unaligned == 0


@pytest.fixture()
def shared(tmp_path):
    """A tiny shared tree: four documents (split by the real hash) and a small corpus."""
    folder = tmp_path / "data" / "admin_docs"
    folder.mkdir(parents=True)
    ids = [f"doc{n:03d}" for n in range(40)]
    dev = [i for i in ids if not is_heldout(i)][:3]
    test = [i for i in ids if is_heldout(i)][:2]
    with open(folder / "records.jsonl", "w", encoding="utf-8") as handle:
        for doc_id in dev + test:
            handle.write(json.dumps({"id": doc_id}) + "\n")
            lines = [f"Dòng {n} của văn bản {doc_id} về công tác." for n in range(60)]
            lines += [*FOOTER, "PHỤ LỤC", "Bảng kê"]
            (folder / f"{doc_id}.txt").write_text("\n".join(lines), "utf-8")
    (tmp_path / "corpus").mkdir()
    corpus = "\n".join(f"Đoạn {n} của bộ pháp điển." for n in range(200))
    with lzma.open(tmp_path / "corpus" / ocr_pairs.CORPUS_FILE, "wt", encoding="utf-8") as h:
        h.write(corpus)
    return tmp_path, dev, test


def test_dev_units_use_only_dev_documents_and_the_corpus(shared):
    root, dev, test = shared
    units = ocr_pairs.dev_units(root, pages=4, seed=1, admin_pages=1)
    docs = [u.doc for u in units]
    assert len(units) == 5 and set(docs[:2]) | {docs[4]} == set(dev)
    assert all(d.startswith("phapdien:") for d in docs[2:4])
    assert not any(d in test for d in docs)
    assert all(len(u.paragraphs) == ocr_pairs.CORPUS_BLOCK for u in units[2:4])
    assert [u.layout for u in units] == ["plain"] * 4 + ["admin"]
    again = ocr_pairs.dev_units(root, pages=4, seed=1, admin_pages=0)
    assert [u.id for u in again] == [u.id for u in units[:4]]  # resumable: same ids


def test_heldout_units_are_the_first_lines_and_the_signature_block(shared):
    root, _dev, test = shared
    units = ocr_pairs.heldout_units(root, max_lines=5, docs=None)
    assert [u.doc for u in units] == sorted(test)
    for unit in units:  # the first lines, then the signature block, never the appendix
        assert unit.paragraphs[:5] == tuple(f"Dòng {n} của văn bản {unit.doc} về công tác."
                                            for n in range(5))
        assert unit.paragraphs[5:] == FOOTER and unit.max_pages is None


@pytest.mark.tesseract
def test_a_unit_comes_out_as_line_pairs():
    unit = ocr_pairs.Unit("u1", "doc", ("Căn cứ Luật Tổ chức chính quyền địa phương.",
                                        "Điều 1. Ban hành kèm theo Quyết định này."))
    result = ocr_pairs.process_unit(unit, "eng", seed=3, psm=4, timeout=60)
    assert [r["truth"] for r in result.records] == list(unit.paragraphs)
    assert all(r["ocr"] and len(r["conf"]) == len(r["ocr"].split()) for r in result.records)
    for record in result.records:  # the right OCR line is on each truth line
        assert fuzz.ratio(strip_diacritics(record["truth"]), record["ocr"]) > 70
    assert len(result.seconds) == 1 and result.seconds[0] > 0
