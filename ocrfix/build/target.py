"""Scaffolding shared by build targets that write one file into ``dictionaries/``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from ocrfix.build.corpus import DEFAULT_SHARED
from ocrfix.dictionaries import dictionaries_dir
from ocrfix.io.atomic import atomic_write_text


def register_table_target(
    sub: argparse._SubParsersAction,
    name: str,
    *,
    help: str,
    filename: str,
    build: Callable[[Path, Path], int],
    noun: str,
) -> None:
    """Add target ``name``: ``build(shared, out)`` writes ``dictionaries/<filename>``."""
    parser = sub.add_parser(name, help=help)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="shared data folder")
    parser.add_argument("--out", type=Path, default=None, help=f"default: dictionaries/{filename}")

    def handle(args: argparse.Namespace) -> int:
        out = args.out or dictionaries_dir() / filename
        print(f"wrote {build(args.shared, out)} {noun} to {out}")
        return 0

    parser.set_defaults(handler=handle)


def write_table(out: Path, header: str, rows: list[tuple[object, ...]]) -> int:
    """Write ``rows`` as TSV under a ``#`` header line, atomically; return the row count."""
    body = "".join("\t".join(map(str, row)) + "\n" for row in rows)
    atomic_write_text(out, f"# {header}\n{body}")
    return len(rows)
