"""`ocrfix ocr`: scans (PDF, TIFF, PNG, JPEG) → text, repaired unless ``--raw``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ocrfix.exceptions import ExitCode, MissingDependencyError, OcrfixError, UsageError

if TYPE_CHECKING:
    from ocrfix.output.words import Repair

EPILOG = """\
examples:
  ocrfix ocr scan.pdf                      repaired text on stdout
  ocrfix ocr scan.pdf --raw -o scan.txt    Tesseract's text (after preprocessing and layout)
  ocrfix ocr a.tif b.jpg -o out/           one output per input in out/
  ocrfix ocr scan.png --format json        word boxes, confidences, raw and repaired words
  ocrfix ocr scan.pdf --format pdf -o scan-ocr.pdf
                                           searchable PDF: the page images under an invisible
                                           layer of the repaired words (copy, search, pdftotext)
  ocrfix ocr scan.pdf --debug-images dbg/  see what each preprocessing step made

A PDF page that already has a text layer keeps its text unless --force-ocr (--format pdf
always OCRs: its text layer is placed on the word boxes). With --raw, word data and the PDF
carry Tesseract's words only.
A page that fails (corrupt, too large, timed out) is reported on stderr with its number and
the other pages still come out; the exit code is then 1.
"""

EXTENSIONS = {"text": ".txt", "tsv": ".tsv", "hocr": ".hocr", "json": ".json", "pdf": ".pdf"}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "ocr",
        help="OCR scans (PDF/TIFF/PNG/JPEG) into repaired Vietnamese text",
        description="OCR scanned pages with Tesseract (Vietnamese), after deskew and cleanup, "
        "keeping the two-column header and footer in reading order; then repair the text.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="PDF, TIFF, PNG or JPEG files")
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="output file (one input) or folder (several); default stdout",
    )
    parser.add_argument("--raw", action="store_true", help="skip the repair step")
    parser.add_argument(
        "--lang", default="vie", help="Tesseract languages (default vie; e.g. vie+eng)"
    )
    parser.add_argument("--dpi", type=int, default=300, help="PDF rasterisation dpi (default 300)")
    parser.add_argument(
        "--force-ocr", action="store_true", help="OCR PDF pages even when they have a text layer"
    )
    parser.add_argument(
        "--format",
        choices=sorted(EXTENSIONS),
        default="text",
        help="text (default); word data with boxes: tsv, hocr, json (repaired beside raw); "
        "pdf: searchable PDF (needs -o)",
    )
    parser.add_argument(
        "--debug-images", metavar="DIR", help="write each preprocessing step's image to DIR"
    )
    parser.add_argument(
        "--page-timeout",
        type=float,
        default=180.0,
        metavar="S",
        help="give up on a page after S seconds (default 180)",
    )
    parser.add_argument(
        "--remove-seals",
        action="store_true",
        help="turn red/blue seals and signatures to paper before OCR (colour scans)",
    )
    parser.add_argument(
        "--no-preprocess",
        action="store_true",
        help="give Tesseract the page as rasterised (no deskew, no cleanup)",
    )
    parser.add_argument(
        "--no-recover",
        action="store_true",
        help=(
            "do not re-read ink no word covers (a signature block under a seal): psm 6, "
            "or psm 11 with a black seal lifted out"
        ),
    )
    parser.set_defaults(handler=handle)  # fmt: skip


def _options(args: argparse.Namespace):  # -> OcrOptions (imported lazily: keeps --help fast)
    from ocrfix.ocr import OcrOptions
    from ocrfix.preprocess import PreprocessOptions

    if not 50 <= args.dpi <= 1200:
        raise UsageError(f"--dpi must be between 50 and 1200, not {args.dpi}")
    if args.page_timeout <= 0:
        raise UsageError("--page-timeout must be positive")
    if args.format == "pdf" and args.output is None:
        raise UsageError("--format pdf needs -o FILE.pdf (or -o FOLDER/ for several inputs)")
    steps = PreprocessOptions(colour_marks="on" if args.remove_seals else "off")
    if args.no_preprocess:
        steps = PreprocessOptions(
            orientation=False, deskew=False, colour_marks="off", borders=False,
            punch_holes=False, illumination="off", denoise="off", binarise="off",
        )  # fmt: skip
    return OcrOptions(
        lang=args.lang, dpi=args.dpi, force_ocr=args.force_ocr or args.format == "pdf",
        page_timeout=args.page_timeout,
        preprocess=steps, debug_images=args.debug_images,
        recover_uncovered=not args.no_recover,
    )  # fmt: skip


def _repairer(raw: bool) -> Repair | None:
    """``ocrfix.repair.fix_and_explain`` unless ``--raw``."""
    if raw:
        return None
    from ocrfix.repair import fix_and_explain

    return fix_and_explain


def _render(document, args: argparse.Namespace, repair: Repair | None) -> str | None:
    """The output of one document in a text ``args.format``; None when no page could be read."""
    from ocrfix.ocr.formats import FORMATTERS
    from ocrfix.output.words import repair_page

    ok = [p for p in document.pages if p.error is None]
    if args.format == "text":
        texts = [repair(p.text).text if repair else p.text for p in ok if p.text]
        return "\n\n".join(t.strip("\n") for t in texts) + "\n"
    repaired = {p.number: repair_page(p, repair) for p in ok} if repair else None
    if repaired is None:
        return FORMATTERS[args.format](document)
    from ocrfix.output.wordformats import REPAIRED_FORMATTERS

    return REPAIRED_FORMATTERS[args.format](document, repaired)


def _target(args: argparse.Namespace, path: Path) -> Path | None:
    if args.output is None:
        return None
    if len(args.files) == 1 and not args.output.endswith(("/", "\\")):
        return Path(args.output)
    return Path(args.output) / (path.stem + EXTENSIONS[args.format])


def handle(args: argparse.Namespace) -> int:
    from ocrfix.io.atomic import atomic_write_text
    from ocrfix.ocr import ocr_file
    from ocrfix.pipeline import ocr_to_pdf

    options = _options(args)
    repair = _repairer(args.raw)
    status = ExitCode.OK
    for index, name in enumerate(args.files):
        path = Path(name)
        target = _target(args, path)
        try:
            if args.format == "pdf":  # OCR and write page by page: memory stays flat
                assert target is not None  # --format pdf needs -o (checked by _options)
                document = ocr_to_pdf(path, target, options, repair=repair)
            else:
                document = ocr_file(path, options=options)
        except MissingDependencyError:
            raise
        except OcrfixError as exc:
            print(f"ocrfix: error: {exc}", file=sys.stderr)
            status = ExitCode.INPUT_FAILED
            continue
        for error in document.errors:
            print(f"ocrfix: error: {error}", file=sys.stderr)
            status = ExitCode.INPUT_FAILED
        if args.format == "pdf":
            continue  # written above, without the pages that failed
        output = _render(document, args, repair)
        if output is None:
            continue  # no page could be read: reported above
        if target is not None:
            atomic_write_text(target, output)
        else:
            if len(args.files) > 1:
                sys.stdout.write(("\n" if index else "") + f"==> {name} <==\n")
            sys.stdout.write(output)
            sys.stdout.flush()
    return status
