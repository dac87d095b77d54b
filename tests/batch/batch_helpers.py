"""Running ``ocrfix run`` on fake engines, in-process or as a subprocess, and reading results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ocrfix.cli import main

HERE = Path(__file__).parent


def run_cli(*args: str) -> int:
    """``ocrfix run ARGS`` in this process."""
    return main(["run", *args])


def cli_process(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """``ocrfix run ARGS`` as a child process that can import the fake engines."""
    environment = {**os.environ, **(env or {})}
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(HERE), environment.get("PYTHONPATH")]))
    return subprocess.Popen([sys.executable, "-m", "ocrfix", "run", *args], env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def journal_names(out: Path) -> list[str]:
    path = out / ".ocrfix" / "journal.jsonl"
    return [entry["name"] for entry in read_jsonl(path)] if path.exists() else []


def output_tree(out: Path) -> dict[str, bytes]:
    """Every output file by relative path, except the run-specific summary, state and database."""
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name != "summary.json" and path.suffix != ".db"
        and ".ocrfix" not in path.relative_to(out).parts
    }


def children_of(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def assert_exit_soon(pids: list[int], timeout: float = 10.0) -> None:
    """The worker processes of a killed run must not outlive it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = [p for p in pids if is_running(p)]
        if not alive:
            return
        time.sleep(0.1)
    raise AssertionError(f"orphaned workers still running: {alive}")


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
