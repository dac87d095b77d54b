"""``python -m ocrfix.build TARGET``: rebuild derived data from the shared corpus.

Each target is a module ``ocrfix/build/<target>.py`` exposing ``register(subparsers)``,
which adds its parser and sets ``handler``. ``all`` runs the shipped-artefact targets in order.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import ocrfix.build
from ocrfix.exceptions import ExitCode, OcrfixError, UsageError

_NOT_TARGETS = {"__main__", "corpus", "splits", "target"}


def _targets() -> list[str]:
    names = [m.name for m in pkgutil.iter_modules(ocrfix.build.__path__)]
    return sorted(n for n in names if n not in _NOT_TARGETS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ocrfix.build",
        description="Rebuild the files in dictionaries/ (and benchmark data under build/) "
        "from ../shared. Example: python -m ocrfix.build lm --shared ../shared",
    )
    sub = parser.add_subparsers(dest="target", metavar="TARGET")
    for name in _targets():
        module = importlib.import_module(f"ocrfix.build.{name}")
        if hasattr(module, "register"):
            module.register(sub)
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args) or 0)
    except OcrfixError as exc:  # a bad setting or input: one line naming it, not a traceback
        print(f"python -m ocrfix.build {args.target}: error: {exc}", file=sys.stderr)
        return ExitCode.USAGE if isinstance(exc, UsageError) else ExitCode.INPUT_FAILED
    except OSError as exc:  # most often a --shared folder that is not there
        print(f"python -m ocrfix.build {args.target}: error: {exc.filename}: {exc.strerror}",
              file=sys.stderr)  # fmt: skip
        return ExitCode.INPUT_FAILED


if __name__ == "__main__":
    sys.exit(main())
