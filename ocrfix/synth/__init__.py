"""Synthetic Vietnamese pages with known truth, degraded like real scans.

- :func:`render_plain_page` / :func:`render_plain_pages`: single-column A4 pages;
- :func:`render_admin_page`: a Decree 30/2020 administrative page (two-column header and
  footer, seal, signature; truth order documented in :mod:`ocrfix.synth.admin_page`);
- :func:`degrade`: ``clean``, ``office``, ``fax``, ``photo``, ``photo-light``, ``rotate``,
  ``faded`` (chain with ``+``), with the parameters used and the geometry;
- :func:`synthetic_scan`: text to degraded page in one call; :func:`write_pdf`: image-only PDF.
- ``python -m ocrfix.synth DOC.txt --kind office --out scan.pdf`` from the shell.

>>> page = render_plain_page(["Kết quả thực hiện công tác"], dpi=100)
>>> page.truth
'Kết quả thực hiện công tác'
>>> degrade(page.image, "office", seed=1, dpi=100).params["dpi"]
100
"""

from ocrfix.synth.admin_page import render_admin_page
from ocrfix.synth.admin_parts import AdminParts, parse_admin
from ocrfix.synth.degrade import KINDS, Degraded, degrade, straighten
from ocrfix.synth.fonts import FAMILIES, available_families, find_font, missing_glyphs
from ocrfix.synth.layout import RenderedPage, TextLine
from ocrfix.synth.pdf import pdf_bytes, write_pdf
from ocrfix.synth.render import render_plain_page, render_plain_pages
from ocrfix.synth.scan import SyntheticScan, synthetic_scan

__all__ = [
    "FAMILIES",
    "KINDS",
    "AdminParts",
    "Degraded",
    "RenderedPage",
    "SyntheticScan",
    "TextLine",
    "available_families",
    "degrade",
    "find_font",
    "missing_glyphs",
    "parse_admin",
    "pdf_bytes",
    "render_admin_page",
    "render_plain_page",
    "render_plain_pages",
    "straighten",
    "synthetic_scan",
    "write_pdf",
]
