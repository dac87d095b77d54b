"""Field-by-field comparison of record files (``ocrfix eval --records``).

Records are paired by ``id`` when both sides have one, else by ``source``, else by order.
The per-field comparison itself (tone-blind, whitespace-normalised) belongs to the
extraction stage: ``ocrfix.extract.compare.compare_records``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from ocrfix.exceptions import InputError


def load_records(path: Path) -> list[dict]:
    """A JSON object, a JSON list of objects, or JSON lines."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    try:
        data = json.loads(text)
        records = data if isinstance(data, list) else [data]
    except json.JSONDecodeError:
        try:
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON or JSON lines: {exc}", path=str(path)) from exc
    if not all(isinstance(r, dict) for r in records):
        raise InputError("expected JSON objects (records)", path=str(path))
    return records


def _pair(truth: list[dict], hyp: list[dict]) -> list[tuple[dict, dict | None]]:
    for key in ("id", "source"):
        if all(key in r for r in truth) and all(key in r for r in hyp):
            by_key = {r[key]: r for r in hyp}
            return [(t, by_key.get(t[key])) for t in truth]
    return [(t, hyp[i] if i < len(hyp) else None) for i, t in enumerate(truth)]


def compare_record_files(truth_path: Path, hyp_path: Path) -> dict:
    """Accuracy per field over all truth records (a missing hypothesis counts as wrong)."""
    from ocrfix.extract.compare import compare_records

    right: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    pairs = _pair(load_records(truth_path), load_records(hyp_path))
    for truth, hyp in pairs:
        for field, ok in compare_records(truth, hyp or {}).items():
            total[field] += 1
            right[field] += bool(ok)
    fields = {
        f: {"accuracy": right[f] / total[f], "right": right[f], "total": total[f]} for f in total
    }
    return {"records": len(pairs), "fields": fields}
