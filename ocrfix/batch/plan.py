"""Page-level parallelism: a long scan becomes several page-range tasks, then one finishing
task once all its pages are back.

:class:`Splitter` decides the ranges (a few pages each, enough of them to keep every worker
busy), saves the pages of each range as it returns (:mod:`ocrfix.batch.partial`) and hands
out the :class:`FinishTask` of a document whose pages are all in. The runner pulls tasks
lazily; while documents wait on pages still being OCR'd and nothing else is ready, the task
stream yields ``None`` ("nothing until a result comes back"), which the executors honour.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field

from ocrfix.batch.partial import load_pages, save_pages
from ocrfix.batch.state import Layout
from ocrfix.batch.task import FinishTask, Outcome, PagesTask, Task
from ocrfix.exceptions import OcrError, OcrfixError
from ocrfix.pipeline import ErrorEntry, PageResult, detect_kind

MIN_RANGE, MAX_RANGE = 2, 8  # pages per task: amortises opening the file; bounds lost work


@dataclass
class SplitDocument:
    """A document whose pages are out in ranges."""

    task: Task
    count: int
    done: set[int] = field(default_factory=set)
    seconds: float = 0.0


def range_size(count: int, workers: int) -> int:
    """Pages per task for a ``count``-page document: two ranges per worker, within bounds.

    >>> range_size(12, 2), range_size(1000, 2), range_size(3, 8)
    (3, 8, 2)
    """
    return max(MIN_RANGE, min(MAX_RANGE, math.ceil(count / (2 * workers))))


def scan_pages(path: str) -> int | None:
    """Page count of a scan; None for a text file or a file the readers reject (its whole
    task then reports the error as usual)."""
    from ocrfix.pages import page_count

    try:
        return page_count(path) if detect_kind(path) == "scan" else None
    except OcrfixError:
        return None


class Splitter:
    """Splits long scans into page ranges and gathers their pages back."""

    def __init__(self, layout: Layout, workers: int, pages_per_task: int | None = None):
        self.layout = layout
        self.workers = workers
        self.pages_per_task = pages_per_task
        self.open: dict[str, SplitDocument] = {}
        self.ready: deque[FinishTask] = deque()

    def tasks(self, task: Task) -> Iterator[Task]:
        """The document's own task, or its page-range tasks for the pages not saved yet."""
        count = scan_pages(task.path)
        size = self.pages_per_task or range_size(count or 1, self.workers)
        if count is None or count <= size:
            yield task
            return
        saved = load_pages(self.layout, task.name, task.key)
        document = SplitDocument(task, count, {n for n in saved if n <= count},
                                 sum(p.seconds for p in saved.values()))
        self.open[task.name] = document
        missing = [n for n in range(1, count + 1) if n not in document.done]
        if not missing:
            self.finish(document)
        for start in range(0, len(missing), size):
            if task.name not in self.open:
                return  # the file failed as a whole: its other ranges need not run
            yield PagesTask(task.path, task.name, task.key, task.options,
                            tuple(missing[start:start + size]))

    def pending(self) -> Iterator[FinishTask]:
        while self.ready:
            yield self.ready.popleft()

    def add(self, task: PagesTask, outcome: Outcome | BaseException) -> Outcome | None:
        """Take a page range's outcome; returns a failed document's outcome to commit (the
        file itself could not be read), else None. A range whose worker died gives failed
        pages; ranges of documents already closed are ignored."""
        document = self.open.get(task.name)
        if document is None or document.task.key != task.key:
            return None
        if isinstance(outcome, BaseException):
            pages = [failed_page(task, n, outcome) for n in task.numbers]
        elif outcome.error is not None:
            del self.open[task.name]
            return Outcome(document.task, error=outcome.error)
        else:
            returned = {page.number: page for page in outcome.result}
            lost = OcrError("the OCR stage returned no result for this page")
            pages = [returned.get(n) or failed_page(task, n, lost) for n in task.numbers]
            document.seconds += outcome.seconds
        save_pages(self.layout, task.name, task.key, pages)
        document.done.update(p.number for p in pages)
        if len(document.done) >= document.count:
            self.finish(document)
        return None

    def finish(self, document: SplitDocument) -> None:
        """Queue the document's finishing task with every page read back from disk."""
        task = document.task
        saved = load_pages(self.layout, task.name, task.key)
        lost = OSError("saved page result is missing or unreadable")
        pages = tuple(saved.get(n) or failed_page(task, n, lost)
                      for n in range(1, document.count + 1))
        self.ready.append(FinishTask(task.path, task.name, task.key, task.options, pages,
                                     document.seconds))
        del self.open[task.name]


def failed_page(task: Task, number: int, error: BaseException) -> PageResult:
    return PageResult(number, error=ErrorEntry.from_exception(error, file=task.path,
                                                              page=number))
