"""Executors: results come back whatever the order; a crashing worker costs only its task."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocrfix.batch.executors import LocalExecutor, get_executor
from ocrfix.batch.task import Task, run_task
from ocrfix.exceptions import UsageError
from ocrfix.pipeline import RunOptions

CRASHY = RunOptions(plugin="batch_fakes:CRASHY")


def tasks(tmp_path: Path, texts: list[str], options: RunOptions) -> list[Task]:
    result = []
    for i, text in enumerate(texts):
        path = tmp_path / f"t{i}.txt"
        path.write_text(text, encoding="utf-8")
        result.append(Task(str(path), f"t{i}", f"k{i}", options))
    return result


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_executor_returns_every_result(tmp_path: Path, jobs: int) -> None:
    work = tasks(tmp_path, [f"Số: {i}/QĐ-UBND" for i in range(7)],
                 RunOptions(plugin="batch_fakes:FAKE"))
    executor = LocalExecutor(jobs)
    try:
        results = dict(executor.map_unordered(run_task, work))
    finally:
        executor.close()
    assert set(results) == set(work)
    assert all(o.result.record["number"] == f"{t.name[1:]}/QĐ-UBND" for t, o in results.items())


def test_a_worker_crash_is_charged_to_its_own_task(tmp_path: Path) -> None:
    texts = ["Số: 1/QĐ-UBND", "CRASH", "Số: 3/QĐ-UBND", "Số: 4/QĐ-UBND", "Số: 5/QĐ-UBND"]
    work = tasks(tmp_path, texts, CRASHY)
    executor = LocalExecutor(2)
    try:
        results = dict(executor.map_unordered(run_task, work))
    finally:
        executor.close()
    crashed = [t.name for t, o in results.items() if isinstance(o, BaseException)]
    assert crashed == ["t1"]
    assert all(o.result is not None for t, o in results.items() if t.name != "t1")


def test_unknown_executor_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        get_executor("slurm")
