"""Repair garbled or diacritic-stripped Vietnamese text with a noisy-channel model.

>>> from ocrfix.repair import fix
>>> fix("Cong hoa xa hoi chu nghia Viet Nam")  # doctest: +SKIP
'Cộng hòa xã hội chủ nghĩa Việt Nam'

The models (``dictionaries/lm``, ``dictionaries/errormodel``, ``dictionaries/codes.tsv``)
are loaded on the first call and kept for the process.
"""

from __future__ import annotations

from collections.abc import Callable

from ocrfix.repair.result import Alternative, RepairConfig, RepairedToken, RepairResult

__all__ = ["Alternative", "RepairConfig", "RepairResult", "RepairedToken", "fix", "fix_and_explain"]


def fix_and_explain(
    text: str,
    *,
    config: RepairConfig | None = None,
    progress: Callable[[int], None] | None = None,
) -> RepairResult:
    """Repaired text and, per token, original, repair, span, confidence and alternatives;
    ``progress(n)`` hears of every ``n`` more characters done (long texts go in chunks)."""
    from ocrfix.repair.engine import get_engine  # the engine pulls in numpy and the models

    return get_engine().fix_and_explain(text, config, progress=progress)


def fix(text: str, *, config: RepairConfig | None = None) -> str:
    """Repaired text only; see :func:`fix_and_explain`."""
    return fix_and_explain(text, config=config).text
