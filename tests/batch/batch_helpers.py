"""Running ``ocrfix run`` on fake engines, in-process or as a subprocess, and reading results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
