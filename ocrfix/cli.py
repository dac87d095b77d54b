"""Command line: parses arguments and dispatches to ``ocrfix.commands``; the only place that exits.

Each subcommand lives in its own module under ``ocrfix/commands/`` exposing
``register(subparsers)``, which adds its parser and sets ``handler`` to a function
``(argparse.Namespace) -> int`` returning the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ocrfix import __version__
from ocrfix.exceptions import ExitCode, OcrfixError

COMMANDS = ("fix", "ocr", "extract", "run", "eval", "schema")

DESCRIPTION = """\
Turn scanned or garbled Vietnamese administrative documents into correct Vietnamese text
and structured records.

  ocrfix fix old.txt              repair garbled / diacritic-stripped text
  ocrfix ocr scan.pdf             OCR a scan (PDF/TIFF/PNG/JPEG) and repair it
  ocrfix extract doc.txt          structured record (number, type, date, signer, ...)
  ocrfix run samples/ --out out/  the whole pipeline over files and folders
  ocrfix eval truth.txt hyp.txt   accuracy of a text against its truth

Exit codes: 0 success, 1 some inputs failed (the others were processed), 2 usage error.
"""


def build_parser() -> argparse.ArgumentParser:
    """The full parser; subcommand modules add themselves."""
    parser = argparse.ArgumentParser(
        prog="ocrfix",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"ocrfix {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"ocrfix.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ocrfix`` console script."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return ExitCode.USAGE
    try:
        return int(args.handler(args))
    except OcrfixError as exc:
        print(f"ocrfix: error: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("ocrfix: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return ExitCode.OK


def run() -> None:
    """Console-script wrapper that exits with :func:`main`'s code."""
    sys.exit(main())
