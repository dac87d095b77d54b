"""Plain pages: A4 size, wrapped lines inside the text area, NFC truth in order, pagination."""

from __future__ import annotations

import random
import unicodedata

import numpy as np

from ocrfix.synth import render_plain_page, render_plain_pages
from ocrfix.synth.layout import a4_size

PARAGRAPHS = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025 và các văn bản "
    "hướng dẫn thi hành; theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 125/TTr-STC.",
    "Điều 1. Ban hành kèm theo Quyết định này quy định về quản lý tài sản công.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành.",
]


def test_page_is_a4_at_the_given_dpi():
    page = render_plain_page(PARAGRAPHS, dpi=100)
    assert page.image.size == a4_size(100) == (827, 1169)
    assert page.dpi == 100


def test_truth_is_nfc_and_in_reading_order():
    page = render_plain_page(PARAGRAPHS, dpi=150, size_pt=13)
    assert unicodedata.is_normalized("NFC", page.truth)
    assert page.truth.split() == " ".join(PARAGRAPHS).split()
    tops = [line.box[1] for line in page.lines]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)


def test_long_paragraph_wraps_inside_the_page_and_ink_stays_in_boxes():
    page = render_plain_page(PARAGRAPHS, dpi=150, justify=True)
    width = page.image.width
    assert len(page.lines) > len(PARAGRAPHS)  # the first paragraph was wrapped
    ink = np.asarray(page.image) < 128
    inside = np.zeros_like(ink)
    for line in page.lines:
        x0, y0, x1, y1 = line.box
        assert 0 < x0 < x1 < width
        inside[y0 : y1 + 1, x0 : x1 + 2] = True
    assert ink.any() and not (ink & ~inside).any()


def test_overflow_continues_on_the_next_page():
    many = PARAGRAPHS * 20
    pages = list(render_plain_pages(many, dpi=72, size_pt=14))
    assert len(pages) > 1 and not pages[-1].rest
    words = " ".join(page.truth for page in pages).split()
    assert words == " ".join(many).split()


def test_same_arguments_same_image():
    a = render_plain_page(PARAGRAPHS, dpi=100, rng=random.Random(5))
    b = render_plain_page(PARAGRAPHS, dpi=100, rng=random.Random(5))
    assert a.image.tobytes() == b.image.tobytes() and a.lines == b.lines
