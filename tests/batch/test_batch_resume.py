"""Resumability: finished documents are skipped, changed or unfinished ones redone, and a run
killed midway (SIGINT or SIGKILL) then rerun commits every document exactly once."""

from __future__ import annotations

import json
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
    run_cli,
)

PLUGIN = "batch_fakes:FAKE"


def make_texts(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"doc{i:03d}.txt").write_text(f"Số: {i}/QĐ-UBND\nNội dung {i}\n",
                                                encoding="utf-8")
    return [f"doc{i:03d}" for i in range(count)]


def test_rerun_skips_finished_and_redoes_changed(tmp_path: Path) -> None:
    names = make_texts(tmp_path / "in", 5)
    out = tmp_path / "out"
    args = (str(tmp_path / "in"), "--out", str(out), "--plugin", PLUGIN, "-q", "--jobs", "1")
    assert run_cli(*args) == 0
    first = output_tree(out)
    assert run_cli(*args) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"]["resumed"] == 5 and summary["documents"]["processed_this_run"] == 0
    assert output_tree(out) == first  # idempotent
    (tmp_path / "in" / "doc002.txt").write_text("Số: 99/QĐ-UBND\n", encoding="utf-8")
    (out / "doc004.json").unlink()  # an output lost: the document is unfinished
    assert run_cli(*args) == 0
    assert Counter(journal_names(out)) == Counter([*names, "doc002", "doc004"])
    assert read_jsonl(out / "records.jsonl")[2]["number"] == "99/QĐ-UBND"


def test_changed_settings_redo_everything(tmp_path: Path) -> None:
    make_texts(tmp_path / "in", 3)
    out = tmp_path / "out"
    base = (str(tmp_path / "in"), "--out", str(out), "--plugin", PLUGIN, "-q", "--jobs", "1")
    run_cli(*base)
    run_cli(*base, "--no-repair")
    assert len(journal_names(out)) == 6


def test_failed_inputs_are_kept_unless_retried(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = (str(archive / "bad"), "--out", str(out), "--plugin", PLUGIN, "-q", "--jobs", "1")
    assert run_cli(*args) == 1
    errors = read_jsonl(out / "errors.jsonl")
    assert run_cli(*args) == 1
    assert read_jsonl(out / "errors.jsonl") == errors  # still reported after the resume
    assert len(journal_names(out)) == len(errors)
    run_cli(*args, "--retry-failed")
    assert len(journal_names(out)) == 2 * len(errors)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_killed_run_resumes_and_finishes_each_document_once(tmp_path: Path, sig: int) -> None:
    names = make_texts(tmp_path / "in", 24)
    out = tmp_path / "out"
    args = (str(tmp_path / "in"), "--out", str(out), "--plugin", "batch_fakes:SLOW",
            "--jobs", "2", "-q")
    process = cli_process(*args, env={"FAKE_DELAY": "0.15"})
    deadline = time.monotonic() + 60
    while len(journal_names(out)) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = children_of(process.pid)
    assert len(workers) >= 2  # the pool's workers (and its resource tracker)
    process.send_signal(sig)
    process.wait(timeout=60)
    assert_exit_soon(workers)
    done_before = journal_names(out)
    assert 4 <= len(done_before) < len(names), "the kill must land midway"
    for path in out.glob("doc*.json"):  # no half-written file under a final name
        assert json.loads(path.read_text(encoding="utf-8"))["number"]
    rerun = cli_process(*args, env={"FAKE_DELAY": "0"})
    assert rerun.wait(timeout=120) == 0, rerun.stderr.read().decode()
    assert Counter(journal_names(out)) == Counter(names)  # each document committed once
    assert [r["id"] for r in read_jsonl(out / "records.jsonl")] == names
    assert read_jsonl(out / "errors.jsonl") == []
    assert not list(out.rglob("*.tmp"))  # the rerun cleared any temp file the kill left
    if sig == signal.SIGINT:
        assert process.returncode == 130
