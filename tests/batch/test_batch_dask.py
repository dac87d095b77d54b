"""The Dask executor on a LocalCluster writes exactly what the local executor writes, also
when it OCRs the scans page by page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from batch_helpers import HERE, journal_names, output_tree

from ocrfix.batch.executors import LocalExecutor
from ocrfix.batch.inputs import collect_inputs
from ocrfix.batch.runner import BatchConfig, run_batch
from ocrfix.pipeline import RunOptions

distributed = pytest.importorskip("distributed")
OPTIONS = RunOptions(plugin="batch_fakes:FAKE", keep_raw=True)


def run(archive: Path, out: Path, executor, name: str, pages_per_task: int | None = None) -> dict:
    items, missing = collect_inputs([str(archive)], exclude=str(out))
    config = BatchConfig(out=str(out), sqlite=str(out / "records.db"), executor_name=name,
                         pages_per_task=pages_per_task)
    return run_batch(items, OPTIONS, config, executor, input_errors=missing)


def test_dask_and_local_outputs_are_identical(archive: Path, tmp_path: Path,
                                              monkeypatch) -> None:
    from ocrfix.batch.dask_executor import DaskExecutor

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [
        str(HERE), os.environ.get("PYTHONPATH")])))
    local = LocalExecutor(1)
    run(archive, tmp_path / "local", local, "local")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        executor = DaskExecutor(client=client)
        assert executor.workers == 2
        summary = run(archive, tmp_path / "dask", executor, "dask", pages_per_task=1)
        assert summary["documents"]["processed_this_run"] == 12
        again = run(archive, tmp_path / "dask", executor, "dask")  # resumes under Dask too
        assert again["documents"]["resumed"] == 12
    local_tree, dask_tree = output_tree(tmp_path / "local"), output_tree(tmp_path / "dask")
    assert "records.jsonl" in local_tree and "a/cv1.raw.txt" in local_tree
    assert dask_tree == local_tree
    assert sorted(journal_names(tmp_path / "dask")) == sorted(journal_names(tmp_path / "local"))
