"""ocrfix: repair OCR'd Vietnamese administrative text and extract structured records.

Public API (imported lazily so that ``import ocrfix`` stays cheap)::

    >>> import ocrfix
    >>> ocrfix.fix("Ket qua thuc hien")  # doctest: +SKIP
    'Kết quả thực hiện'
"""

from __future__ import annotations

__version__ = "0.1.0"
