"""The result of reading one field: value, confidence and evidence travel together."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Found:
    """A field value with how sure we are (0..1) and where in the text it came from."""

    value: Any
    confidence: float
    evidence: dict | None
    warnings: list[dict] = field(default_factory=list)


MISSING = Found(None, 0.0, None)


def warning(field_name: str, code: str, message: str) -> dict:
    """One entry of the record's ``warnings`` list."""
    return {"field": field_name, "code": code, "message": message}
