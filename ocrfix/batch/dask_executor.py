"""Dask distributed executor: the same tasks on a cluster (``--executor dask``).

Workers need ocrfix and Tesseract installed and must see the input files at the same paths
(a shared file system); the client process writes every output, so only it needs the output
folder. Without a scheduler address a LocalCluster is started on this machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from ocrfix.batch.executors import check_waiting
from ocrfix.exceptions import MissingDependencyError

T = TypeVar("T")
R = TypeVar("R")


class DaskExecutor:
    """Submits tasks to a Dask cluster, a window at a time, and yields them as they finish."""

    def __init__(self, scheduler: str | None = None, *, jobs: int | None = None,
                 client: Any = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise MissingDependencyError(
                "the dask executor needs dask[distributed]: pip install 'ocrfix[dask]'") from exc
        self._owned: list[Any] = []
        if client is None:
            if scheduler:
                client = Client(scheduler)
            else:
                cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True)
                client = Client(cluster)
                self._owned.append(cluster)
            self._owned.insert(0, client)
        self.client = client
        self.workers = max(1, sum(client.nthreads().values()))

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T | None]) -> Iterator[
            tuple[T, R | BaseException]]:
        from distributed import as_completed

        source = iter(items)
        pending: dict[Any, T] = {}
        completed = as_completed()

        def refill() -> None:
            """Submit items until the window is full or the source says wait (None)."""
            for item in source:
                if item is None:
                    check_waiting(item, len(pending))
                    return
                future = self.client.submit(fn, item, pure=False)
                pending[future] = item
                completed.add(future)
                if len(pending) >= 2 * self.workers:
                    return

        refill()
        for future in completed:
            item = pending.pop(future)
            try:
                result: R | BaseException = future.result()
            except Exception as exc:  # KilledWorker, or a task error Dask re-raises
                result = exc
            future.release()
            yield item, result
            refill()

    def close(self) -> None:
        for resource in self._owned:
            resource.close()
        self._owned.clear()
