"""What the OCR stage returns: small picklable dataclasses, so pages can cross processes."""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[int, int, int, int]  # left, top, right, bottom in page pixels


@dataclass(frozen=True)
class OcrWord:
    """One recognised word; ``block``/``par``/``line`` are Tesseract's ids, ``conf`` 0–100."""

    text: str
    box: Box
    conf: float
    block: int = 0
    par: int = 0
    line: int = 0

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


@dataclass
class OcrPage:
    """One page's result. ``source`` is ``"ocr"`` or ``"text-layer"``; on failure ``error``
    holds the message (naming file and page) and ``error_kind`` the exception class name."""

    number: int
    text: str = ""
    words: list[OcrWord] = field(default_factory=list)
    error: str | None = None
    error_kind: str | None = None
    timed_out: bool = False
    seconds: float = 0.0
    source: str = "ocr"
    rotation: int = 0  # degrees the page was turned to be upright
    skew: float = 0.0  # degrees of skew corrected


@dataclass
class OcrDocument:
    """All pages of one input file, in order."""

    path: str
    pages: list[OcrPage] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Text of the pages that succeeded, separated by a blank line."""
        return "\n\n".join(p.text.strip("\n") for p in self.pages if p.error is None and p.text)

    @property
    def errors(self) -> list[str]:
        """Messages of the pages that failed, each naming file and page."""
        return [p.error for p in self.pages if p.error is not None]

    @property
    def ok(self) -> bool:
        return not self.errors
