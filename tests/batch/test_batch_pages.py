"""Page-level parallelism: a long scan split into page ranges gives the outputs of the
unsplit document, on either executor, and a run killed midway resumes at its unfinished
pages."""

from __future__ import annotations

import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from batch_helpers import (
    assert_exit_soon,
    children_of,
    cli_process,
    journal_names,
    output_tree,
    read_jsonl,
)
from batch_samples import text_pdf

from ocrfix.batch.executors import LocalExecutor
from ocrfix.batch.inputs import collect_inputs
from ocrfix.batch.plan import Splitter, range_size
from ocrfix.batch.runner import BatchConfig, run_batch
from ocrfix.batch.state import Layout
from ocrfix.batch.task import Outcome, PagesTask, Task
from ocrfix.pipeline import PageResult, RunOptions

OPTIONS = RunOptions(plugin="batch_fakes:FAKE", keep_raw=True, keep_words=True)


def long_pdf(path: Path, pages: int, *, timeout_on: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    texts = [f"So {n}/KH-UBND trang {n}" if n != timeout_on else "TIMEOUT"
             for n in range(1, pages + 1)]
    path.write_bytes(text_pdf(texts))
    return path


def run(folder: Path, out: Path, jobs: int, pages_per_task: int | None) -> dict:
    items, _ = collect_inputs([str(folder)])
    executor = LocalExecutor(jobs)
    try:
        return run_batch(items, OPTIONS, BatchConfig(out=str(out),
                                                    pages_per_task=pages_per_task), executor)
    finally:
        executor.close()


def test_range_size_keeps_two_ranges_per_worker_within_bounds() -> None:
    assert range_size(12, 2) == 3 and range_size(12, 1) == 6
    assert range_size(2, 4) == 2 and range_size(10_000, 2) == 8


@pytest.mark.parametrize(("jobs", "per_task"), [(1, None), (2, 2)])
def test_split_document_has_the_outputs_of_the_whole(tmp_path: Path, jobs: int,
                                                     per_task: int | None) -> None:
    folder = tmp_path / "in"
    long_pdf(folder / "long.pdf", 9, timeout_on=4)
    (folder / "note.txt").write_text("Cong van so 1/UBND\n", encoding="utf-8")
    whole = run(folder, tmp_path / "whole", 1, 100)
    split = run(folder, tmp_path / "split", jobs, per_task)
    assert output_tree(tmp_path / "split") == output_tree(tmp_path / "whole")
    assert split["documents"] == whole["documents"]
    assert split["pages"] == whole["pages"] == 10 and split["page_errors"] == 1
    assert sorted(journal_names(tmp_path / "split")) == ["long", "note"]
    assert not (tmp_path / "split" / ".ocrfix" / "pages").exists() or not any(
        (tmp_path / "split" / ".ocrfix" / "pages").iterdir())
    words = read_jsonl(tmp_path / "split" / "long.words.jsonl")
    assert [w["page"] for w in words] == sorted(w["page"] for w in words)


def test_a_split_document_whose_file_fails_is_one_failure(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    long_pdf(folder / "long.pdf", 6).write_bytes(text_pdf(["So 1/KH", "CORRUPT"] * 3))
    summary = run(folder, tmp_path / "out", 1, 2)
    assert summary["documents"]["failed"] == 1
    assert journal_names(tmp_path / "out") == ["long"]
    errors = read_jsonl(tmp_path / "out" / "errors.jsonl")
    assert [(e["kind"], e["message"]) for e in errors] == [("InputError", "corrupt stream")]


def test_killed_long_document_resumes_at_its_unfinished_pages(tmp_path: Path) -> None:
    folder, out, log = tmp_path / "in", tmp_path / "out", tmp_path / "ocr.log"
    long_pdf(folder / "long.pdf", 16)
    args = (str(folder), "--out", str(out), "--plugin", "batch_fakes:PAGED", "--jobs", "2",
            "-q")
    process = cli_process(*args, env={"FAKE_DELAY": "0.1", "FAKE_OCR_LOG": str(log)})
    pages = out / ".ocrfix" / "pages"
    deadline = time.monotonic() + 60
    while len(list(pages.glob("*/*.json"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = children_of(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert_exit_soon(workers)  # then none of them still logs pages
    saved = {int(p.stem) for p in pages.glob("*/*.json")}
    assert 4 <= len(saved) < 16, "the kill must land midway"
    assert journal_names(out) == []
    # as a write killed before its rename leaves it
    (out / ".long.txt.abcd_123.tmp").write_text("half", encoding="utf-8")
    log.unlink()
    rerun = cli_process(*args, env={"FAKE_DELAY": "0", "FAKE_OCR_LOG": str(log)})
    assert rerun.wait(timeout=120) == 0, rerun.stderr.read().decode()
    redone = Counter(int(line.split(":")[1]) for line in log.read_text().splitlines())
    assert set(redone) == set(range(1, 17)) - saved and max(redone.values()) == 1
    assert journal_names(out) == ["long"]
    assert read_jsonl(out / "records.jsonl")[0]["number"] == "1/KH-UBND"
    assert "trang 16" in (out / "long.txt").read_text(encoding="utf-8")
    assert not list(out.rglob("*.tmp")) and not any(pages.iterdir())


def test_a_page_the_ocr_stage_drops_is_a_failed_page(tmp_path: Path) -> None:
    splitter = Splitter(Layout(tmp_path), workers=1, pages_per_task=2)
    path = long_pdf(tmp_path / "long.pdf", 4)
    ranges = list(splitter.tasks(Task(str(path), "long", "abc123", OPTIONS)))
    assert [r.numbers for r in ranges] == [(1, 2), (3, 4)]
    for task in ranges:  # page 4 never comes back
        pages = [PageResult(n, f"trang {n}") for n in task.numbers if n != 4]
        assert splitter.add(task, Outcome(task, result=pages)) is None
    finish = next(splitter.pending())
    assert [p.text for p in finish.pages] == ["trang 1", "trang 2", "trang 3", ""]
    assert finish.pages[3].error.kind == "OcrError" and not splitter.open
    assert isinstance(ranges[0], PagesTask)
