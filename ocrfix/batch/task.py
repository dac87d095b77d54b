"""The units of work sent to a worker, and what comes back; all pickle across processes.

A document is one :class:`Task`, or, when it is a long scan, several :class:`PagesTask` (each
OCRs a range of its pages) followed by one :class:`FinishTask` (joins the pages, repairs and
extracts): so one long PDF keeps every worker busy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ocrfix.exceptions import MissingDependencyError, UsageError
from ocrfix.pipeline import (
    DocumentResult,
    ErrorEntry,
    PageResult,
    RunOptions,
    finish_scan,
    ocr_pages,
    process_document,
)


@dataclass(frozen=True)
class Task:
    """Process the document at ``path`` (output ``name``) whose resume key is ``key``."""

    path: str
    name: str
    key: str
    options: RunOptions

    def run(self) -> DocumentResult:
        return process_document(self.path, self.options)


@dataclass(frozen=True)
class PagesTask(Task):
    """OCR only the 1-based pages ``numbers`` of the scan (one piece of a split document)."""

    numbers: tuple[int, ...] = ()

    def run(self) -> list[PageResult]:  # type: ignore[override]
        return ocr_pages(self.path, self.options, self.numbers)


@dataclass(frozen=True)
class FinishTask(Task):
    """Join the OCR'd ``pages`` of a split scan, then repair and extract; ``seconds`` is the
    worker time its pages took."""

    pages: tuple[PageResult, ...] = ()
    seconds: float = 0.0

    def run(self) -> DocumentResult:
        return finish_scan(self.path, self.pages, self.options, seconds=self.seconds)


@dataclass
class Outcome:
    """A task's result (a document, or a range's pages), or the error that stopped it;
    ``seconds`` is the worker's wall time on the task."""

    task: Task
    result: Any = None
    error: ErrorEntry | None = None
    seconds: float = 0.0


def run_task(task: Task) -> Outcome:
    """Worker entry point: never raises for a bad document, so one file cannot stop a batch."""
    started = time.perf_counter()
    try:
        result = task.run()
    except (MissingDependencyError, UsageError):
        raise  # the set-up is wrong, not the document: the runner stops the batch
    except Exception as exc:  # fault isolation: any failure becomes an errors.jsonl entry
        return Outcome(task, error=ErrorEntry.from_exception(exc, file=task.path),
                       seconds=time.perf_counter() - started)
    return Outcome(task, result=result, seconds=time.perf_counter() - started)
