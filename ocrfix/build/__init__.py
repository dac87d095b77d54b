"""Rebuild what `dictionaries/` ships from ../shared (`python -m ocrfix.build --help`)."""
