"""Outputs beyond plain text: repaired word data (TSV, hOCR, JSON) and searchable PDFs.

``repair_page(page, fix_and_explain)`` gives each OCR word its repaired text and confidence;
``wordformats.REPAIRED_FORMATTERS`` write them beside Tesseract's words (TSV, JSON, hOCR);
``searchable_pdf.write_document_pdf(path, document, repaired, target, dpi=300)`` puts the page
images and an invisible layer of those words into a PDF, written part by part
(``write_pdf``); ``ocrfix.pipeline.ocr_to_pdf`` does the OCR and the PDF in one pass.
"""

from ocrfix.output.words import RepairedPage, RepairedWord, layout_spans, repair_lines, repair_page

__all__ = ["RepairedPage", "RepairedWord", "layout_spans", "repair_lines", "repair_page"]
