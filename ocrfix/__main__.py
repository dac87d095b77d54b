"""``python -m ocrfix``."""

from ocrfix.cli import run

run()
