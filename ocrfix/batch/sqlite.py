"""``--sqlite out.db``: documents, references and recipients tables other systems can query.

``documents`` has the same flattened columns as ``records.csv`` plus ``record_json``;
``references`` and ``recipients`` have one row per cited document / per "Nơi nhận" line,
joined to ``documents.id`` by ``document_id``. Built in a temp file and renamed into place.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from ocrfix.batch.flatten import columns_of
from ocrfix.io.atomic import atomic_path


def quote(identifier: str) -> str:
    """An SQL identifier quoted (``references`` is a keyword)."""
    return '"' + identifier.replace('"', '""') + '"'


def write_sqlite(path: str | os.PathLike[str], rows: Sequence[Mapping[str, Any]],
                 records: Sequence[Mapping[str, Any]]) -> None:
    """Write the database for ``rows`` (flattened) and ``records`` (full, same order)."""
    with atomic_path(path) as tmp:
        db = sqlite3.connect(tmp)
        try:
            with db:
                fill(db, rows, records)
        finally:
            db.close()


def fill(db: sqlite3.Connection, rows: Sequence[Mapping[str, Any]],
         records: Sequence[Mapping[str, Any]]) -> None:
    """Create and fill the three tables."""
    documents = [{**row, "record_json": json.dumps(rec, ensure_ascii=False)}
                 for row, rec in zip(rows, records, strict=True)]
    create_and_insert(db, "documents", ["id", *[c for c in columns_of(documents) if c != "id"]],
                      documents, primary="id")
    references = [{"document_id": row["id"], "position": i, **as_mapping(ref, "text")}
                  for row, rec in zip(rows, records, strict=True)
                  for i, ref in enumerate(rec.get("references") or [], 1)]
    create_and_insert(db, "references", ["document_id", "position", "doc_type", "number", "date",
                                         "issuer"], references)
    recipients = [{"document_id": row["id"], "position": i, "name": str(name)}
                  for row, rec in zip(rows, records, strict=True)
                  for i, name in enumerate(rec.get("recipients") or [], 1)]
    create_and_insert(db, "recipients", ["document_id", "position", "name"], recipients)


def as_mapping(value: Any, key: str) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {key: value}


def create_and_insert(db: sqlite3.Connection, table: str, base: list[str],
                      items: Sequence[Mapping[str, Any]], primary: str | None = None) -> None:
    """Create ``table`` with the ``base`` columns plus any others the items have; insert them."""
    columns = list(dict.fromkeys([*base, *columns_of(items)]))
    spec = ", ".join(quote(c) + (" PRIMARY KEY" if c == primary else "") for c in columns)
    db.execute(f"CREATE TABLE {quote(table)} ({spec})")
    marks = ", ".join("?" for _ in columns)
    db.executemany(
        f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES ({marks})",
        [[sql_value(item.get(c)) for c in columns] for item in items],
    )
    if table != "documents":
        db.execute(f"CREATE INDEX {quote(table + '_document')} ON {quote(table)} (document_id)")


def sql_value(value: Any) -> Any:
    """Scalars as they are; nested values as JSON text."""
    if value is None or isinstance(value, str | int | float):
        return value
    return json.dumps(value, ensure_ascii=False)
