"""Exceptions that carry the exit code the CLI reports; only ``cli.py`` exits."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Exit codes scripts can rely on (documented in the README)."""

    OK = 0
    INPUT_FAILED = 1  # some inputs failed; the others were processed
    USAGE = 2  # bad command line, or a command whose engine is missing


class OcrfixError(Exception):
    """Base error. ``path`` names the file concerned, when there is one."""

    exit_code = ExitCode.INPUT_FAILED

    def __init__(self, message: str, *, path: str | None = None, page: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.page = page

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if self.page is not None:
                where += f" (page {self.page})"
            where += ": "
        return f"{where}{self.message}"

    @property
    def kind(self) -> str:
        """Stable error class name for machine-readable reports (errors.jsonl)."""
        return type(self).__name__


class UsageError(OcrfixError):
    """The command line is wrong."""

    exit_code = ExitCode.USAGE


class InputError(OcrfixError):
    """An input file is missing, empty, unreadable, corrupt, encrypted or of an unknown kind."""


class EncodingError(InputError):
    """Text whose encoding cannot be determined, or binary data given as text."""


class OcrError(OcrfixError):
    """Tesseract failed or timed out on a page."""


class MissingDependencyError(OcrfixError):
    """A system tool (tesseract, poppler) or model file is not installed."""

    exit_code = ExitCode.USAGE
