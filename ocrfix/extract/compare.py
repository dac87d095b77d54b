"""Field-by-field comparison of two records, blind to tone placement and spacing.

Used by ``ocrfix eval --records`` and the extraction benchmark. "Lê Hải Hoà" equals
"Lê Hải Hòa"; "3565 /QĐ -UBND" equals "3565/QĐ-UBND"; a signer given as a plain name
(as in ``records.jsonl``) is compared with the record's ``signer.name``.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import regex

from ocrfix.extract.schema import FIELDS
from ocrfix.text import normalize_tones

COMPARED = tuple(field for field in FIELDS if field != "references")


def normalize_value(value: Any) -> Any:
    """Canonical form of a field value for comparison."""
    if value is None:
        return None
    if isinstance(value, dict):  # a signer: its name is what identifies it
        return normalize_value(value.get("name"))
    if isinstance(value, list):
        return [normalize_value(v) for v in value]
    text = unicodedata.normalize("NFC", str(value))
    text = normalize_tones(" ".join(text.split()))
    text = regex.sub(r"\s*([/-])\s*", r"\1", text)
    return text.casefold()


def compare_records(truth: dict, hyp: dict) -> dict[str, bool]:
    """For every comparable field ``truth`` has, whether ``hyp`` agrees with it."""
    return {
        field: normalize_value(truth[field]) == normalize_value(hyp.get(field))
        for field in COMPARED
        if field in truth
    }
