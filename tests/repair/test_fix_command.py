"""``ocrfix fix --explain``: readable and JSON views of a repair (no models needed)."""

from __future__ import annotations

import json

from ocrfix.commands.fix import explain_json, explain_text
from ocrfix.repair.result import Alternative, RepairConfig, RepairedToken, RepairResult

RESULT = RepairResult(
    "Số: 05 Tam Hợp",
    (
        RepairedToken("S6", "Số", 0, 2, 0.95, (Alternative("Sở", 0.04),), "channel+lm"),
        RepairedToken("05", "05", 4, 6, 1.0, (), "kept: number"),
        RepairedToken("Tam", "Tam", 7, 10, 0.4, (Alternative("Tâm", 0.5),), "unchanged"),
        RepairedToken("Hgp", "Hợp", 11, 14, 0.99, (), "channel+lm"),
    ),
)


def test_explain_text_lists_changes_and_marks_doubtful_tokens():
    lines = explain_text(RESULT, RepairConfig(low_confidence=0.6)).splitlines()
    assert any("S6 -> Số" in line and "Sở" in line for line in lines)
    (doubtful,) = [line for line in lines if line.startswith("?")]
    assert "Tam -> Tam" in doubtful and "Tâm" in doubtful
    assert not any("05 -> 05" in line for line in lines)
    assert lines[-1].startswith("# 4 tokens, 2 changed, 1 to check")


def test_explain_json_is_one_object_per_token():
    rows = [json.loads(line) for line in explain_json(RESULT).splitlines()]
    assert [r["original"] for r in rows] == ["S6", "05", "Tam", "Hgp"]
    assert rows[0]["alternatives"] == [{"text": "Sở", "score": 0.04}]
    assert rows[2]["confidence"] == 0.4 and rows[0]["start"] == 0 and rows[0]["end"] == 2
