"""``ocrfix fix``: repair garbled or diacritic-stripped Vietnamese text."""

from __future__ import annotations

import argparse
import json
import sys

from tqdm import tqdm

from ocrfix.commands.common import STDIO, read_input_text, write_output_text
from ocrfix.repair import RepairConfig, RepairResult, fix_and_explain
from ocrfix.text import TONE_STYLES

PROGRESS_FROM = 50_000  # characters
ENCODINGS = ("auto", "utf-8", "utf-16", "cp1258", "tcvn3", "vni", "viqr")

EPILOG = """\
examples:
  ocrfix fix samples/text/report_eng_ocr.txt
  echo "Ket qua thuc hien cong tac" | ocrfix fix
  ocrfix fix old_tcvn3.txt --from-encoding tcvn3 -o fixed.txt
  ocrfix fix garbled.txt --explain        # alternatives; '?' marks tokens to check
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "fix",
        help="repair garbled / diacritic-stripped Vietnamese text",
        description="Restore Vietnamese diacritics and undo OCR garbling in text. Reads FILE "
        "(or standard input) and writes the repaired text to standard output (or -o OUT). "
        "Numbers, dates, document symbols, URLs, punctuation, line breaks and letter case "
        "are kept. Output is NFC.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", default=STDIO, help="input text file, or - for stdin")
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    parser.add_argument(
        "--from-encoding",
        choices=ENCODINGS,
        default="auto",
        help="input encoding; 'auto' detects UTF-8/16 and legacy TCVN3 (ABC), VNI, VIQR",
    )
    parser.add_argument(
        "--tone-style",
        choices=TONE_STYLES,
        default="traditional",
        help="tone-mark placement: traditional (hòa, thủy; default) or modern (hoà, thuỷ)",
    )
    parser.add_argument(
        "--explain", action="store_true", help="list changed tokens with their alternatives"
    )
    parser.add_argument("--json", action="store_true", help="with --explain: JSON lines")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    text = read_input_text(args.file, encoding=args.from_encoding)
    config = RepairConfig(tone_style=args.tone_style)
    # a bar on a terminal for texts that take more than a few seconds (~20 pages and up)
    with tqdm(total=len(text), unit="char", unit_scale=True, desc="repair", leave=False,
              disable=len(text) < PROGRESS_FROM or not sys.stderr.isatty()) as bar:  # fmt: skip
        result = fix_and_explain(text, config=config, progress=bar.update)
    if args.explain:
        write_output_text(
            args.output, explain_json(result) if args.json else explain_text(result, config)
        )
    else:
        write_output_text(args.output, result.text)
    return 0


def explain_text(result: RepairResult, config: RepairConfig) -> str:
    """One line per changed or doubtful token: ``start-end  original -> repaired  conf  alts``."""
    lines = []
    for tok in result.tokens:
        doubtful = tok.confidence < config.low_confidence
        if not (tok.changed or doubtful):
            continue
        alts = ", ".join(f"{a.text} ({a.score:.2f})" for a in tok.alternatives[:4])
        mark = "?" if doubtful else " "
        lines.append(
            f"{mark} {tok.start:>6}-{tok.end:<6} {tok.original} -> {tok.text}  "
            f"[{tok.confidence:.2f}] {tok.reason}{'  alts: ' + alts if alts else ''}"
        )
    lines.append(
        f"# {len(result.tokens)} tokens, {sum(t.changed for t in result.tokens)} changed, "
        f"{len(result.low_confidence(config.low_confidence))} to check "
        f"(confidence < {config.low_confidence})"
    )
    return "\n".join(lines) + "\n"


def explain_json(result: RepairResult) -> str:
    """JSON lines: one object per token (original, text, span, confidence, alternatives)."""
    rows = [
        json.dumps(
            {
                "original": t.original,
                "text": t.text,
                "start": t.start,
                "end": t.end,
                "confidence": round(t.confidence, 4),
                "reason": t.reason,
                "alternatives": [
                    {"text": a.text, "score": round(a.score, 4)} for a in t.alternatives
                ],
            },
            ensure_ascii=False,
        )
        for t in result.tokens
    ]
    return "".join(row + "\n" for row in rows)
