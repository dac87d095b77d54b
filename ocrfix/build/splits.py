"""The fixed development / held-out split of ``shared/data/admin_docs``.

Held-out documents are never used to train (language model, error model) or to tune
(weights, thresholds, rules); benchmarks report on them. The split is a hash of the
document id, so it is stable and needs no list.
"""

from __future__ import annotations

import hashlib


def is_heldout(doc_id: str) -> bool:
    """True for about a quarter of the documents: the test split."""
    digest = hashlib.sha256(f"ocrfix-split-v1:{doc_id}".encode()).digest()
    return digest[0] % 4 == 0


def split_name(doc_id: str) -> str:
    """``"test"`` or ``"dev"``."""
    return "test" if is_heldout(doc_id) else "dev"
