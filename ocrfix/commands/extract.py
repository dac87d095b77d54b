"""`ocrfix extract`: the structured record of a document (issue 5)."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from ocrfix.exceptions import EncodingError, ExitCode, InputError, OcrfixError
from ocrfix.extract.schema import LIST_FIELDS, SCALAR_FIELDS

SCAN_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
CSV_COLUMNS = (
    "source",
    *SCALAR_FIELDS,
    "signer_name",
    "signer_position",
    "signer_capacity",
    *LIST_FIELDS,
    "references",
    "warnings",
)

HELP = """\
Read a document and print its record: type and code (Decree 30/2020/NĐ-CP, Appendix III),
number and symbol, issuer, place and date, title, addressees, recipients, signer and the
documents it cites, each with a confidence and the span of text it came from.

FILE is a text file (UTF-8/UTF-16/legacy Vietnamese encodings), '-' for standard input, or
a scan (PDF, PNG, JPEG, TIFF), which is OCR'd and repaired first. Several FILEs give one
record per file (use --format jsonl or csv).

examples:
  ocrfix extract decision.txt
  ocrfix extract --format csv letters/*.txt > records.csv
  cat garbled.txt | ocrfix extract - --format jsonl
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "extract",
        help="structured record (number, type, date, signer, ...) of a document",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files",
        nargs="*",
        default=["-"],
        metavar="FILE",
        help="text file, scan, or '-' for stdin (default: -)",
    )
    parser.add_argument(
        "--format",
        choices=("json", "jsonl", "csv"),
        default="json",
        help="json: one indented record; jsonl: one record per line; "
        "csv: flattened columns (default: json)",
    )
    parser.set_defaults(handler=handle)


def _read_scan(path: Path) -> tuple[str, str]:
    from ocrfix.ocr import ocr_file
    from ocrfix.repair import fix

    raw = ocr_file(path).text
    return fix(raw), raw


def read_document(name: str) -> tuple[str, str | None]:
    """Text of ``name`` ('-' = stdin), and for a scan the OCR text before repair too (the
    extractor reads the number from it where repair damaged it)."""
    if name == "-":
        data = sys.stdin.buffer.read()
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError as exc:
            raise EncodingError(f"standard input is not UTF-8 ({exc.reason})", path="-") from exc
    path = Path(name)
    if not path.is_file():
        raise InputError("no such file", path=name)
    if path.suffix.lower() in SCAN_SUFFIXES:
        return _read_scan(path)
    from ocrfix.io.textfile import read_text

    return read_text(path), None


def csv_row(record: dict) -> dict:
    """A record flattened to the :data:`CSV_COLUMNS`."""
    signer = record.get("signer") or {}
    row = {key: record.get(key) for key in CSV_COLUMNS if key in record}
    row.update(
        signer_name=signer.get("name"),
        signer_position=signer.get("position"),
        signer_capacity=" / ".join(signer.get("capacity") or []),
        addressees=" | ".join(record.get("addressees") or []),
        recipients=" | ".join(record.get("recipients") or []),
        references=" | ".join(r["number"] or r["name"] or "" for r in record["references"]),
        warnings=" | ".join(f"{w['field']}:{w['code']}" for w in record["warnings"]),
    )
    return row


def _emit(records: list[dict], fmt: str) -> str:
    if fmt == "json":
        body = records[0] if len(records) == 1 else records
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_row(r) for r in records)
    return out.getvalue()


def handle(args: argparse.Namespace) -> int:
    from ocrfix.extract import extract_record

    records, failed = [], 0
    for name in args.files:
        try:
            text, raw = read_document(name)
        except OcrfixError as exc:
            if len(args.files) == 1:
                raise
            print(f"ocrfix: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        records.append(extract_record(text, source=None if name == "-" else name, raw=raw))
    if records:
        sys.stdout.write(_emit(records, args.format))
    return ExitCode.INPUT_FAILED if failed else ExitCode.OK
