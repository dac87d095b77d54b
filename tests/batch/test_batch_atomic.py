"""Atomic commits: a failure while writing leaves neither a half file nor a finished state; a
rerun clears the temp files of killed writes; one run at a time per output folder."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest
from batch_helpers import journal_names, run_cli

import ocrfix.io.atomic as atomic

PLUGIN = "batch_fakes:FAKE"


class Killed(BaseException):
    """Stands in for the process dying mid-write."""


def test_a_write_killed_midway_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old", encoding="utf-8")

    def dying_fsync(fd: int) -> None:
        raise Killed

    monkeypatch.setattr(os, "fsync", dying_fsync)
    with pytest.raises(Killed):
        atomic.atomic_write_text(target, "new content " * 1000)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_a_document_killed_before_its_state_is_redone(tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "one.txt").write_text("Số: 1/QĐ-UBND\n", encoding="utf-8")
    out = tmp_path / "out"
    args = (str(source), "--out", str(out), "--plugin", PLUGIN, "-q", "--jobs", "1")
    real = atomic.atomic_write_text

    def die_on_state(path, text):
        if ".ocrfix" in Path(path).parts:
            raise Killed
        real(path, text)

    monkeypatch.setattr("ocrfix.batch.state.atomic_write_text", die_on_state)
    with pytest.raises(Killed):
        run_cli(*args)
    assert (out / "one.txt").exists() and journal_names(out) == []
    monkeypatch.undo()
    assert run_cli(*args) == 0
    assert journal_names(out) == ["one"]


def test_a_rerun_removes_the_temp_files_of_killed_writes(tmp_path: Path) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    (source / "one.txt").write_text("Số: 1/QĐ-UBND\n", encoding="utf-8")
    stale = [out / ".one.txt.k3j_x9a2.tmp", out / ".ocrfix" / "state" / ".one.json.abcdefgh.tmp",
             tmp_path / "db" / ".r.db.zzzzzzzz.tmp"]
    kept = [out / ".notes.tmp", out / "x.abcdefgh.tmp", tmp_path / "db" / ".other.db.abcdefgh.tmp"]
    for path in stale + kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half", encoding="utf-8")
    args = (str(source), "--out", str(out), "--plugin", PLUGIN, "-q", "--jobs", "1",
            "--sqlite", str(tmp_path / "db" / "r.db"))
    assert run_cli(*args) == 0
    assert [p.exists() for p in stale + kept] == [False] * 3 + [True] * 3
    assert journal_names(out) == ["one"]


def test_a_killed_write_from_parts_leaves_a_folder_the_sweep_removes(tmp_path: Path) -> None:
    target = tmp_path / "out" / "scan.pdf"
    with pytest.raises(Killed), atomic.temp_folder(target) as folder:
        (folder / "000000.pdf").write_bytes(b"%PDF part")
        left = folder
        raise Killed
    assert not left.exists()  # an exception cleans up; only a kill leaves the folder
    left.mkdir()
    (left / "000000.pdf").write_bytes(b"%PDF part")
    other = tmp_path / "out" / "notes"
    other.mkdir()
    assert atomic.is_temp_file(left.name, "scan.pdf")
    assert atomic.remove_temp_files(tmp_path / "out") == 1
    assert not left.exists() and other.is_dir() and not target.exists()


def test_a_second_run_on_the_same_output_folder_is_refused(tmp_path: Path, capsys) -> None:
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    (source / "one.txt").write_text("Số: 1/QĐ-UBND\n", encoding="utf-8")
    (out / ".ocrfix").mkdir(parents=True)
    with open(out / ".ocrfix" / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another run is writing there
        assert run_cli(str(source), "--out", str(out), "--plugin", PLUGIN, "-q") == 2
    assert "another ocrfix run is writing to" in capsys.readouterr().err
    assert journal_names(out) == []
