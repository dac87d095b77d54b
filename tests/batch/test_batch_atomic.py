"""Atomic commits: a failure while writing leaves neither a half file nor a finished state."""

from __future__ import annotations

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
