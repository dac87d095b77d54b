"""`ocrfix schema`: print the JSON Schema of extraction records."""

from __future__ import annotations

import argparse
import json
import sys

from ocrfix.exceptions import ExitCode

HELP = """\
Print the JSON Schema (draft 2020-12) that every record of `ocrfix extract` and the .json
outputs of `ocrfix run` satisfy. Its "$id" carries the schema version.

example:
  ocrfix schema > record.schema.json
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "schema",
        help="JSON Schema of the extraction records",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from ocrfix.extract.schema import record_schema

    sys.stdout.write(json.dumps(record_schema(), ensure_ascii=False, indent=2) + "\n")
    return ExitCode.OK
