"""Batch-level files rebuilt from the per-document states at the end of every run.

Because they are regenerated from what is committed, a resumed batch lists each document
exactly once, in input order, whichever executor ran it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ocrfix.batch.flatten import columns_of, flatten_record
from ocrfix.io.atomic import atomic_write_text

DocumentRow = dict[str, Any]


def record_line(state: Mapping[str, Any], record: Mapping[str, Any]) -> DocumentRow:
    """A ``records.jsonl`` line: the batch's id and file, then the record's own keys."""
    line: DocumentRow = {"id": state["name"], "file": state["file"]}
    line.update((k, v) for k, v in record.items() if k not in line)
    return line


def document_row(state: Mapping[str, Any], record: Mapping[str, Any]) -> DocumentRow:
    """The flattened row shared by ``records.csv`` and the SQLite ``documents`` table."""
    row: DocumentRow = {"id": state["name"], "file": state["file"], "status": state["status"],
                        "pages": state["pages"], "confidence": state["confidence"]}
    row.update((k, v) for k, v in flatten_record(record).items() if k not in row)
    return row


def jsonl(items: Iterable[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)


def csv_text(rows: Sequence[Mapping[str, Any]]) -> str:
    """CSV with a header of every column any row has."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns_of(rows), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_text_reports(out_paths: Mapping[str, Any], records: Sequence[DocumentRow],
                       rows: Sequence[DocumentRow], errors: Sequence[Mapping[str, Any]],
                       summary: Mapping[str, Any]) -> None:
    """Write records.jsonl, records.csv, errors.jsonl and summary.json atomically."""
    atomic_write_text(out_paths["records.jsonl"], jsonl(records))
    atomic_write_text(out_paths["records.csv"], csv_text(rows))
    atomic_write_text(out_paths["errors.jsonl"], jsonl(errors))
    atomic_write_text(out_paths["summary.json"],
                      json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
