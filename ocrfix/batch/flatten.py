"""Records as flat rows for CSV and SQL: one row per document, lists counted or joined.

Nested objects become prefixed columns (``signer_name``), lists of objects are counted
(``references_count``), lists of strings are joined with `` | ``; per-field ``confidence`` and
``evidence`` stay in the JSON outputs only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

LIST_SEPARATOR = " | "
SKIPPED = frozenset({"confidence", "evidence"})
COUNTED = frozenset({"references"})  # lists of objects, counted even when empty
Scalar = str | int | float | None


def flatten_record(record: Mapping[str, Any], prefix: str = "") -> dict[str, Scalar]:
    """Flat columns of a record.

    >>> flatten_record({"number": "5/QĐ-UBND", "signer": {"name": "A", "capacity": ["KT.", "X"]},
    ...                 "references": [{"number": "1/NQ-CP"}], "recipients": ["Như trên", "Lưu"]})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'number': '5/QĐ-UBND', 'signer_name': 'A', 'signer_capacity': 'KT. | X',
     'references_count': 1, 'recipients': 'Như trên | Lưu'}
    """
    row: dict[str, Scalar] = {}
    for key, value in record.items():
        if not prefix and key in SKIPPED:
            continue
        column = f"{prefix}{key}"
        if isinstance(value, Mapping):
            row.update(flatten_record(value, f"{column}_"))
        elif isinstance(value, list | tuple):
            if key in COUNTED or any(isinstance(v, Mapping | list | tuple) for v in value):
                row[f"{column}_count"] = len(value)
            else:
                row[column] = LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
        elif value is None or isinstance(value, str | int | float):
            row[column] = value
        else:
            row[column] = json.dumps(value, ensure_ascii=False)
    return row


def columns_of(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Union of the rows' columns in first-seen order (stable for the same inputs)."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)
