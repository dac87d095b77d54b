"""Dask distributed executor: the same tasks on a cluster (``--executor dask``).

Workers need ocrfix and Tesseract installed and must see the input files at the same paths
(a shared file system); the client process writes every output, so only it needs the output
folder. Without a scheduler address a LocalCluster is started on this machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

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

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[
            tuple[T, R | BaseException]]:
        from distributed import as_completed

        source = iter(items)
        pending: dict[Any, T] = {}
        window = 2 * self.workers
        completed = as_completed()
        for item in source:
            future = self.client.submit(fn, item, pure=False)
            pending[future] = item
            completed.add(future)
            if len(pending) >= window:
                break
        for future in completed:
            item = pending.pop(future)
            try:
                result: R | BaseException = future.result()
            except Exception as exc:  # KilledWorker, or a task error Dask re-raises
                result = exc
            future.release()
            yield item, result
            for item in source:
                new = self.client.submit(fn, item, pure=False)
                pending[new] = item
                completed.add(new)
                break

    def close(self) -> None:
        for resource in self._owned:
            resource.close()
        self._owned.clear()
