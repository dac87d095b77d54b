"""``ocrfix eval``: accuracy of texts (or records) against their truth, for quality control."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ocrfix.commands.common import read_input_text
from ocrfix.evaluate.metrics import Score, score_texts
from ocrfix.evaluate.records import compare_record_files
from ocrfix.exceptions import InputError, UsageError

EPILOG = """\
examples:
  ocrfix eval truth.txt repaired.txt
  ocrfix eval truth_dir/ out_dir/ --json       # files paired by name, micro-averaged
  ocrfix eval --records truth.jsonl records.jsonl

Syllable accuracy = 1 - syllable edit distance / truth syllables; tone placement is
ignored (hòa == hoà); syllables are runs of letters/digits, so spacing around punctuation
does not count. Word error rate is over whitespace-separated tokens.
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "eval",
        help="accuracy of a text against its truth",
        description="Syllable accuracy, character accuracy and word error rate of HYP against "
        "TRUTH (files, or folders whose files are paired by name). With --records, compare "
        "extracted records field by field.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("truth", help="truth text file or folder (or records JSON/JSONL)")
    parser.add_argument("hyp", help="hypothesis text file or folder (or records JSON/JSONL)")
    parser.add_argument("--records", action="store_true", help="compare records field by field")
    parser.add_argument("--ignore-case", action="store_true", help="letter case does not count")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if args.records:
        report = compare_record_files(Path(args.truth), Path(args.hyp))
        print(
            json.dumps(report, ensure_ascii=False, indent=2)
            if args.json
            else _records_table(report)
        )
        return 0
    pairs = _pairs(Path(args.truth), Path(args.hyp))
    per_file = {
        name: score_texts(
            read_input_text(str(t)), read_input_text(str(h)), ignore_case=args.ignore_case
        )
        for name, t, h in pairs
    }
    total = sum(per_file.values(), Score())
    if args.json:
        out = {"total": total.as_dict(), "files": {n: s.as_dict() for n, s in per_file.items()}}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(_text_table(per_file, total))
    return 0


def _pairs(truth: Path, hyp: Path) -> list[tuple[str, Path, Path]]:
    for path in (truth, hyp):
        if not path.exists():
            raise InputError("no such file or folder", path=str(path))
    if truth.is_dir() != hyp.is_dir():
        raise UsageError("TRUTH and HYP must both be files or both be folders")
    if not truth.is_dir():
        return [(hyp.name, truth, hyp)]
    pairs = [(p.name, p, hyp / p.name) for p in sorted(truth.iterdir()) if p.is_file()]
    missing = [name for name, _, h in pairs if not h.exists()]
    if missing:
        raise InputError(
            f"no hypothesis for {len(missing)} truth file(s), e.g. {missing[0]}", path=str(hyp)
        )
    if not pairs:
        raise InputError("no files in the truth folder", path=str(truth))
    return pairs


def _text_table(per_file: dict[str, Score], total: Score) -> str:
    rows = [f"{'file':<40} {'syllable acc':>12} {'char acc':>9} {'WER':>7} {'syllables':>9}"]
    items = list(per_file.items()) + ([("TOTAL", total)] if len(per_file) > 1 else [])
    for name, s in items:
        rows.append(
            f"{name[:40]:<40} {s.syllable_accuracy:>11.2%} {s.char_accuracy:>9.2%} "
            f"{s.word_error_rate:>7.2%} {s.syllables:>9}"
        )
    return "\n".join(rows)


def _records_table(report: dict) -> str:
    rows = [f"{'field':<16} {'accuracy':>9} {'right':>6} {'of':>5}"]
    for field, stats in report["fields"].items():
        rows.append(
            f"{field:<16} {stats['accuracy']:>8.2%} {stats['right']:>6} {stats['total']:>5}"
        )
    rows.append(f"records compared: {report['records']}")
    return "\n".join(rows)
