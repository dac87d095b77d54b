"""``summary.json``: counts, timings, failures and mean confidence of a batch."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ocrfix import __version__
from ocrfix.pipeline import ErrorEntry, RunOptions


@dataclass
class RunStats:
    """What this run (not earlier ones) did: for throughput figures."""

    started: datetime = dataclasses.field(default_factory=lambda: datetime.now(timezone.utc))
    processed: int = 0
    resumed: int = 0
    pages: int = 0
    document_seconds: float = 0.0
    ocr_seconds: float = 0.0
    interrupted: bool = False

    def add(self, state: Mapping[str, Any]) -> None:
        self.processed += 1
        self.pages += int(state.get("pages") or 0)
        self.document_seconds += float(state.get("seconds") or 0.0)
        self.ocr_seconds += float(state.get("ocr_seconds") or 0.0)


def build_summary(*, total: int, states: Sequence[Mapping[str, Any]],
                  input_errors: Sequence[ErrorEntry], stats: RunStats, workers: int,
                  executor: str, options: RunOptions) -> dict[str, Any]:
    """The summary of a batch of ``total`` inputs given its committed ``states``."""
    finished = datetime.now(timezone.utc)
    wall = (finished - stats.started).total_seconds()
    status = Counter(s["status"] for s in states)
    confidences = [s["confidence"] for s in states if s.get("confidence") is not None]
    failures = [e.to_dict() for e in input_errors] + [
        error for s in states if s["status"] == "failed" for error in s["errors"]]
    return {
        "ocrfix_version": __version__,
        "started": stats.started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "interrupted": stats.interrupted,
        "documents": {
            "inputs": total + len(input_errors),
            "ok": status["ok"],
            "partial": status["partial"],
            "failed": status["failed"] + len(input_errors),
            "not_reached": total - len(states),
            "processed_this_run": stats.processed,
            "resumed": stats.resumed,
        },
        "pages": sum(int(s.get("pages") or 0) for s in states),
        "page_errors": sum(len(s["errors"]) for s in states if s["status"] == "partial"),
        "this_run": {
            "executor": executor,
            "workers": workers,
            "wall_seconds": round(wall, 3),
            "pages": stats.pages,
            "pages_per_minute": round(60 * stats.pages / wall, 2) if wall > 0 else None,
            "document_seconds": round(stats.document_seconds, 3),
            "ocr_seconds": round(stats.ocr_seconds, 3),
        },
        "mean_confidence": (round(sum(confidences) / len(confidences), 4)
                            if confidences else None),
        "failures": failures,
        "options": dataclasses.asdict(options),
    }
