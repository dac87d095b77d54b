"""What a running batch tells the user: a tqdm bar on a terminal, or log lines.

The bar shows documents done, pages/s and the ETA, and stays silent when stderr is not a
terminal; ``--verbose`` adds a line per document, ``--log-json`` writes one JSON event per
document instead (for log collectors), ``--quiet`` prints nothing.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any, TextIO

from tqdm import tqdm


class Progress:
    """Reports document events of a batch of ``total`` documents."""

    def __init__(self, total: int, *, quiet: bool = False, verbose: bool = False,
                 log_json: bool = False, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.verbose = verbose and not quiet
        self.log_json = log_json
        self.pages = 0
        self.started = time.monotonic()
        show_bar = not (quiet or log_json) and self.stream.isatty()
        self.bar = tqdm(total=total, unit="doc", file=self.stream, disable=not show_bar,
                        dynamic_ncols=True, smoothing=0.1)

    def pages_done(self, count: int) -> None:
        """Pages of a split document came back (its pages then do not count again)."""
        self.pages += count
        self.bar.set_postfix_str(self.rate(), refresh=True)

    def document(self, state: dict[str, Any], *, resumed: bool = False,
                 pages_counted: bool = False) -> None:
        """One document finished (or found finished by an earlier run when ``resumed``);
        ``pages_counted`` when :meth:`pages_done` already counted its pages."""
        if not (resumed or pages_counted):
            self.pages += int(state.get("pages") or 0)
        self.bar.set_postfix_str(self.rate(), refresh=False)
        self.bar.update(1)
        if self.log_json:
            event = {"event": "resumed" if resumed else "document", "name": state["name"],
                     "file": state["file"], "status": state["status"],
                     "pages": state.get("pages"), "seconds": state.get("seconds"),
                     "errors": state.get("errors", [])}
            print(json.dumps(event, ensure_ascii=False), file=self.stream, flush=True)
        elif self.verbose:
            what = "already done" if resumed else f"{state['status']}, {state.get('pages')} pages"
            line = f"{state['file']}: {what}"
            for error in state.get("errors", []):
                page = f" page {error['page']}" if error.get("page") else ""
                line += f"\n  {error['kind']}{page}: {error['message']}"
            self.bar.write(line, file=self.stream)

    def rate(self) -> str:
        return f"{self.pages / max(time.monotonic() - self.started, 1e-9):.2f} pages/s"

    def close(self) -> None:
        self.bar.close()
