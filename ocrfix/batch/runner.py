"""Runs a batch: skip what is finished, process the rest on an executor (long scans split into
page ranges, :mod:`ocrfix.batch.plan`), commit each document as it completes, and rebuild the
batch reports (also after Ctrl-C). The output folder is locked for the run, and temp files of
killed writes found in it are removed first."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocrfix.batch.executors import Executor
from ocrfix.batch.inputs import InputItem
from ocrfix.batch.keys import task_key
from ocrfix.batch.lock import exclusive
from ocrfix.batch.outputs import read_record, remove_outputs, write_outputs
from ocrfix.batch.partial import drop_pages
from ocrfix.batch.plan import Splitter
from ocrfix.batch.progress import Progress
from ocrfix.batch.reports import document_row, record_line, write_text_reports
from ocrfix.batch.sqlite import write_sqlite
from ocrfix.batch.state import Layout, is_finished, load_state, save_state
from ocrfix.batch.summary import RunStats, build_summary
from ocrfix.batch.task import FinishTask, Outcome, PagesTask, Task, run_task
from ocrfix.exceptions import InputError, MissingDependencyError, UsageError
from ocrfix.pipeline import ErrorEntry, RunOptions

REPORTS = ("records.jsonl", "records.csv", "errors.jsonl", "summary.json")


@dataclass(frozen=True)
class BatchConfig:
    """Where a batch writes, and how it treats earlier results."""

    out: str
    sqlite: str | None = None
    retry_failed: bool = False
    executor_name: str = "local"
    pages_per_task: int | None = None  # split scans into ranges of this many pages (None: auto)


def run_batch(items: Sequence[InputItem], options: RunOptions, config: BatchConfig,
              executor: Executor, *, input_errors: Sequence[ErrorEntry] = (),
              progress: Progress | None = None) -> dict[str, Any]:
    """Process ``items`` into ``config.out``; returns the summary (also in summary.json)."""
    layout = Layout(Path(config.out))
    with exclusive(layout, also=Path(config.sqlite) if config.sqlite else None):
        return locked_run(layout, items, options, config, executor, input_errors,
                          progress or Progress(len(items), quiet=True))


def locked_run(layout: Layout, items: Sequence[InputItem], options: RunOptions,
               config: BatchConfig, executor: Executor, input_errors: Sequence[ErrorEntry],
               progress: Progress) -> dict[str, Any]:
    states: dict[str, dict[str, Any]] = {}
    stats = RunStats()
    splitter = Splitter(layout, executor.workers, config.pages_per_task)

    def pending() -> Iterator[Task | None]:
        for item in items:
            yield from splitter.pending()
            try:
                key = task_key(item.path, options)
            except OSError as exc:
                error = InputError(f"cannot read: {exc.strerror or exc}", path=item.path)
                entry = ErrorEntry.from_exception(error, file=item.path)
                states[item.name] = failed_state(item.name, item.path, None, [entry])
                progress.document(states[item.name])
                continue
            state = load_state(layout, item.name)
            if state and is_finished(state, key, layout, retry_failed=config.retry_failed):
                drop_pages(layout, item.name)  # left if a run was killed just after the commit
                states[item.name] = state
                stats.resumed += 1
                progress.document(state, resumed=True)
                continue
            yield from splitter.tasks(Task(item.path, item.name, key, options))
        while splitter.open or splitter.ready:
            yield from splitter.pending()
            if splitter.open:
                yield None  # wait: the pages of split documents are still out

    try:
        for task, outcome in executor.map_unordered(run_task, pending()):
            if isinstance(outcome, MissingDependencyError | UsageError):
                raise outcome  # every document would fail the same way
            if isinstance(task, PagesTask):
                progress.pages_done(len(task.numbers))
                outcome = splitter.add(task, outcome)
                if outcome is None:
                    continue
            elif isinstance(outcome, BaseException):  # the worker itself died
                outcome = Outcome(task, error=ErrorEntry.from_exception(outcome, file=task.path))
            state = commit(layout, outcome)
            states[task.name] = state
            stats.add(state)
            progress.document(state, pages_counted=isinstance(outcome.task, FinishTask))
    except KeyboardInterrupt:
        stats.interrupted = True
        raise
    finally:
        progress.close()
        summary = write_reports(layout, items, states, input_errors, stats, config, options,
                                executor.workers)
    return summary


def commit(layout: Layout, outcome: Outcome) -> dict[str, Any]:
    """Write a finished document's outputs, then its state: the document is now done."""
    task = outcome.task
    if outcome.result is None or outcome.result.status == "failed":
        remove_outputs(layout, task.name)
        errors = outcome.result.errors if outcome.result else [outcome.error]
        state = failed_state(task.name, task.path, task.key, errors)
    else:
        result = outcome.result
        state = {
            "name": task.name, "file": task.path, "key": task.key, "kind": result.kind,
            "status": result.status, "pages": result.pages, "seconds": round(result.seconds, 4),
            "ocr_seconds": round(result.ocr_seconds, 4), "confidence": result.confidence,
            "errors": [e.to_dict() for e in result.errors],
            "outputs": write_outputs(layout, outcome),
        }
    if state["key"] is not None:
        save_state(layout, state)
        drop_pages(layout, task.name)
    return state


def failed_state(name: str, path: str, key: str | None,
                 errors: Sequence[ErrorEntry | None]) -> dict[str, Any]:
    """State of a document that produced nothing."""
    entries = [e or ErrorEntry(path, None, "RuntimeError", "unknown failure") for e in errors]
    return {"name": name, "file": path, "key": key, "kind": None, "status": "failed",
            "pages": 0, "seconds": 0.0, "ocr_seconds": 0.0, "confidence": None,
            "errors": [e.to_dict() for e in entries], "outputs": []}


def write_reports(layout: Layout, items: Sequence[InputItem], states: dict[str, dict[str, Any]],
                  input_errors: Sequence[ErrorEntry], stats: RunStats, config: BatchConfig,
                  options: RunOptions, workers: int) -> dict[str, Any]:
    """Rebuild every batch-level file from the committed states, in input order."""
    ordered = [states[item.name] for item in items if item.name in states]
    lines, rows, records = [], [], []
    errors = [e.to_dict() for e in input_errors]
    for state in ordered:
        errors.extend(state["errors"])
        record = read_record(layout, state["name"]) if state["status"] != "failed" else None
        if record is not None:
            lines.append(record_line(state, record))
            rows.append(document_row(state, record))
            records.append(record)
    summary = build_summary(total=len(items), states=ordered, input_errors=input_errors,
                            stats=stats, workers=workers, executor=config.executor_name,
                            options=options)
    write_text_reports({name: layout.report(name) for name in REPORTS}, lines, rows, errors,
                       summary)
    if config.sqlite:
        write_sqlite(config.sqlite, rows, records)
    return summary
