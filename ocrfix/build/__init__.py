"""Rebuild everything in ``dictionaries/`` from ``../shared`` (``python -m ocrfix.build --help``)."""
