"""Executors run tasks somewhere and hand back results as they finish: the one seam between
the batch logic and where the work happens.

``local`` (built in) uses processes on this machine; ``dask``
(:mod:`ocrfix.batch.dask_executor`, needs ``ocrfix[dask]``) a Dask distributed cluster.
Both keep only a window of tasks in flight, so the input list is consumed lazily and an
interrupted run has little to throw away. The items may include ``None``, meaning "no task
can be made until a result comes back" (a split document waiting on its pages): the
executor then stops taking items until its next result has been handed back.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol, TypeVar

from ocrfix.exceptions import UsageError

T = TypeVar("T")
R = TypeVar("R")
Result = tuple[T, "R | BaseException"]


class Executor(Protocol):
    """Runs ``fn`` over ``items``; yields ``(item, result or exception)`` in completion order."""

    workers: int

    def map_unordered(self, fn: Callable[[T], R],
                      items: Iterable[T | None]) -> Iterator[Result]: ...

    def close(self) -> None: ...


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class LocalExecutor:
    """Worker processes on this machine; ``jobs=1`` runs in this process (easy to debug).

    A worker that dies (a crash in a native library) breaks the pool; the tasks it had in
    flight are then retried one at a time in a fresh pool, so only the task that kills its
    worker again is reported, as ``BrokenProcessPool``.
    """

    def __init__(self, jobs: int | None = None):
        self.workers = jobs or default_jobs()
        self._pool: ProcessPoolExecutor | None = None

    def map_unordered(self, fn: Callable[[T], R],
                      items: Iterable[T | None]) -> Iterator[Result]:
        if self.workers == 1:
            for item in items:
                yield check_waiting(item, 0), call(fn, item)
            return
        pending: dict[Future[R], T] = {}
        source = iter(items)
        window = 2 * self.workers
        while True:
            for item in source:
                if item is None:
                    check_waiting(item, len(pending))
                    break
                pending[self.pool().submit(fn, item)] = item
                if len(pending) >= window:
                    break
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                suspects = list(pending.values())
                pending.clear()
                self.restart()
                yield from self.isolate(fn, suspects)
                continue
            for future in done:
                yield pending.pop(future), outcome_of(future)

    def isolate(self, fn: Callable[[T], R], suspects: list[T]) -> Iterator[Result]:
        """Rerun tasks caught in a pool crash one by one; a crash now is the task's own."""
        for item in suspects:
            future = self.pool().submit(fn, item)
            result = outcome_of(future)
            if isinstance(result, BrokenProcessPool):
                self.restart()
            yield item, result

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn: no fork of a parent holding threads (progress bar, Dask client) and locks
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                             initializer=init_worker)
        return self._pool

    def restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None


def init_worker() -> None:
    """Set up a worker process.

    Ctrl-C is left to the parent, which stops the pool and writes the reports; Tesseract runs
    single-threaded (one document per core already, its threads would only contend); and the
    worker exits when its parent dies (a SIGKILLed run must not leave orphans behind).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    parent = os.getppid()
    threading.Thread(target=exit_with_parent, args=(parent,), daemon=True).start()


def exit_with_parent(parent: int, interval: float = 0.5) -> None:
    """Exit this process once ``parent`` is gone (it was re-parented)."""
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)


def check_waiting(item: T | None, in_flight: int) -> T:
    """``item``; a ``None`` (wait for a result) with no task in flight would wait forever."""
    if item is None and not in_flight:
        raise RuntimeError("the task source waits for a result but no task is running")
    return item  # type: ignore[return-value]


def call(fn: Callable[[T], R], item: T) -> R | BaseException:
    try:
        return fn(item)
    except Exception as exc:
        return exc


def outcome_of(future: Future[R]) -> R | BaseException:
    try:
        return future.result()
    except Exception as exc:
        return exc


def get_executor(name: str, *, jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor called ``name`` (``local`` or ``dask``)."""
    if name == "local":
        return LocalExecutor(jobs)
    if name == "dask":
        from ocrfix.batch.dask_executor import DaskExecutor

        return DaskExecutor(scheduler, jobs=jobs)
    raise UsageError(f"unknown executor {name!r} (choose local or dask)")
