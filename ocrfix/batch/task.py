"""The unit of work sent to a worker, and what comes back; both pickle across processes."""

from __future__ import annotations

from dataclasses import dataclass

from ocrfix.exceptions import MissingDependencyError, UsageError
from ocrfix.pipeline import DocumentResult, ErrorEntry, RunOptions, process_document


@dataclass(frozen=True)
class Task:
    """Process the document at ``path`` (output ``name``) whose resume key is ``key``."""

    path: str
    name: str
    key: str
    options: RunOptions


@dataclass
class Outcome:
    """A task's result: the document's outputs, or the error that stopped it."""

    task: Task
    result: DocumentResult | None = None
    error: ErrorEntry | None = None


def run_task(task: Task) -> Outcome:
    """Worker entry point: never raises for a bad document, so one file cannot stop a batch."""
    try:
        return Outcome(task, result=process_document(task.path, task.options))
    except (MissingDependencyError, UsageError):
        raise  # the set-up is wrong, not the document: the runner stops the batch
    except Exception as exc:  # fault isolation: any failure becomes an errors.jsonl entry
        return Outcome(task, error=ErrorEntry.from_exception(exc, file=task.path))
