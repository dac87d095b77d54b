"""`ocrfix run`: the whole pipeline over files, folders, globs or a manifest, resumably."""

from __future__ import annotations

import argparse
import os
import sys

from ocrfix.exceptions import ExitCode, UsageError

DESCRIPTION = """\
Run the whole pipeline on every input document: OCR scans (PDF, TIFF, PNG, JPEG) or decode
text files (UTF-8, UTF-16, TCVN3, VNI, VIQR), repair the Vietnamese, extract the record.

Work is keyed by a hash of each input's bytes and the settings, and every file is written
atomically: rerun the same command after a crash or Ctrl-C and finished documents are skipped.
A bad input (empty, corrupt, encrypted, unreadable, a page over --page-timeout) is listed in
errors.jsonl and the batch goes on; the exit code is then 1.

Workers take whole documents, and a long scan is split into ranges of a few pages so that one
1,000-page PDF keeps every worker busy; its finished pages are kept under .ocrfix/pages/, so a
run killed midway resumes at the pages it had not done. One run at a time may write to an
output folder; it first removes the temp files that killed writes left there.
"""

EPILOG = """\
example:
  ocrfix run archive/ extra/*.pdf --out out/ --jobs 4 --raw --sqlite out/records.db

  out/
  ├── 1909-BC-UBND.txt       repaired text         (one .txt/.json per input; names are the
  ├── 1909-BC-UBND.json      extracted record       input paths relative to the folder given,
  ├── 1909-BC-UBND.raw.txt   text before repair     so archive/2024/x.pdf -> out/2024/x.*)
  ├── 2024/x.txt, 2024/x.json
  ├── records.jsonl          one record per document, with its id and file
  ├── records.csv            the same, flattened (lists joined, references counted)
  ├── records.db             --sqlite: tables documents, references, recipients
  ├── errors.jsonl           file, page, error class, message for each failure
  ├── summary.json           counts, timings, pages/min, failures, mean confidence
  └── .ocrfix/               resume state, finished pages of split scans, the run's lock
                             (keep it to resume; delete it to start over)

on a Dask cluster (workers need ocrfix + Tesseract and the inputs at the same paths):
  dask scheduler --port 8786 &          # on the head node
  dask worker tcp://HEAD:8786 --nworkers 4 --nthreads 1 &   # on each worker node
  ocrfix run /shared/archive --out out/ --executor dask --scheduler tcp://HEAD:8786

manifest: --manifest list.txt (one path a line) or --manifest docs.csv (columns path[,id];
an id names the outputs).
"""


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "run", help="the whole pipeline over files and folders (resumable, parallel)",
        description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, folders (searched recursively) or glob patterns")
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder")
    parser.add_argument("--manifest", metavar="FILE",
                        help="list of inputs: text (one path a line) or CSV (path[,id])")
    parser.add_argument("-j", "--jobs", type=int, metavar="N",
                        help="parallel workers (default: all cores)")
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help="local processes (default) or a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDR",
                        help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local one)")
    engine = parser.add_argument_group("processing")
    engine.add_argument("--lang", default="vie", help="Tesseract languages (default: vie)")
    engine.add_argument("--dpi", type=int, default=300, help="rasterisation dpi (default: 300)")
    engine.add_argument("--page-timeout", type=float, default=180.0, metavar="SECONDS",
                        help="give up on a page after this long (default: 180)")
    engine.add_argument("--force-ocr", action="store_true",
                        help="OCR PDFs even when they have a text layer")
    engine.add_argument("--no-repair", action="store_true", help="keep the OCR text as it is")
    engine.add_argument("--plugin", metavar="MODULE:OBJECT",
                        help="use the ocrfix.pipeline.Stages object named here for the engines")
    output = parser.add_argument_group("outputs")
    output.add_argument("--raw", action="store_true", help="also write <name>.raw.txt")
    output.add_argument("--words", action="store_true",
                        help="also write <name>.words.jsonl (boxes and confidences)")
    output.add_argument("--sqlite", metavar="FILE", help="also write a SQLite database")
    output.add_argument("--retry-failed", action="store_true",
                        help="retry inputs that failed in an earlier run (default: keep)")
    talk = parser.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    talk.add_argument("-v", "--verbose", action="store_true", help="a line per document")
    talk.add_argument("--log-json", action="store_true",
                      help="a JSON event per document on stderr")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from ocrfix.batch.executors import get_executor
    from ocrfix.batch.inputs import collect_inputs
    from ocrfix.batch.progress import Progress
    from ocrfix.batch.runner import BatchConfig, run_batch
    from ocrfix.pipeline import RunOptions

    if not args.paths and not args.manifest:
        raise UsageError("give at least one PATH or --manifest")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.scheduler and args.executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    options = RunOptions(
        lang=args.lang, dpi=args.dpi, page_timeout=args.page_timeout, force_ocr=args.force_ocr,
        repair=not args.no_repair, keep_raw=args.raw, keep_words=args.words, plugin=args.plugin,
    )
    if options.plugin:
        from ocrfix.pipeline import load_stages

        load_stages(options.plugin)  # a bad plugin is a usage error, before any work
    items, missing = collect_inputs(args.paths, manifest=args.manifest, exclude=args.out)
    config = BatchConfig(out=args.out, sqlite=args.sqlite, retry_failed=args.retry_failed,
                         executor_name=args.executor)
    progress = Progress(len(items), quiet=args.quiet, verbose=args.verbose,
                        log_json=args.log_json)
    executor = get_executor(args.executor, jobs=args.jobs, scheduler=args.scheduler)
    try:
        summary = run_batch(items, options, config, executor, input_errors=missing,
                            progress=progress)
    finally:
        executor.close()
    if not args.quiet and not args.log_json:
        counts = summary["documents"]
        print(f"ocrfix run: {counts['ok']} ok, {counts['partial']} partial, "
              f"{counts['failed']} failed of {counts['inputs']} inputs "
              f"({counts['resumed']} already done); outputs in {os.path.normpath(args.out)}",
              file=sys.stderr)
    failed = summary["documents"]["failed"] + summary["documents"]["partial"]
    return ExitCode.INPUT_FAILED if failed else ExitCode.OK
