"""The error-model builder on tiny hand-made pairs: counts, smoothing, enumeration, detector."""

from __future__ import annotations

import json
import math

import numpy as np

from ocrfix.build.errormodel import (
    Counts,
    channel_table,
    damage,
    detector_accuracy,
    detector_weights,
    edit_rules,
    fit_detector,
    is_eval_doc,
    pair_files,
    read_all_pairs,
    renderings,
    tone_class,
)
from ocrfix.repair import detect

PAIRS = [
    ("Nghị quyết số 12 của Ủy ban", "Nghi quyét s6 12 cia Uy ban"),
    ("Số liệu của xã", "S6 liéu cua x4"),
    ("số của cụ", "s6 cia cu"),
] * 3


def _counts() -> Counts:
    counts = Counts()
    for truth, ocr in PAIRS:
        counts.add(truth, ocr)
    return counts


def test_counts_separate_capitals() -> None:
    counts = _counts()
    assert counts.tokens[("số", "s6")] == 9
    assert counts.cap is not None and counts.cap.tokens[("số", "s6")] == 3
    assert counts.lines == len(PAIRS)


def test_rules_are_probabilities_with_identity() -> None:
    rules = edit_rules(_counts())
    assert "6" in rules["ố"]
    for options in rules.values():
        assert all(lp <= 0.0 for lp in options.values())
    assert sum(10**lp for lp in rules["ố"].values()) <= 1.0 + 1e-2  # logs rounded


def test_tone_class_shares_counts_between_marks() -> None:
    assert tone_class("ủ") == tone_class("ú") == "u*"
    assert tone_class("u") is None
    counts = Counts()
    for _ in range(5):
        counts.add("của", "cia")
    counts.add("cụ", "cu")
    rules = edit_rules(counts)
    assert "i" in rules.get("ụ", {})  # never seen for ụ, borrowed from ủ


def test_renderings_and_index_find_the_garble() -> None:
    counts = _counts()
    rules = edit_rules(counts)
    assert "s6" in renderings("số", rules)
    index = channel_table(counts, ["số", "của", "xã"], rules)
    assert index["s6"].split(" ")[0].startswith("0:")
    assert all(math.isfinite(float(item.split(":")[1])) for item in index["cia"].split(" "))


def test_eval_slice_is_a_stable_fifth() -> None:
    ids = [f"{i:016x}" for i in range(2000)]
    share = sum(map(is_eval_doc, ids)) / len(ids)
    assert 0.15 < share < 0.25
    assert is_eval_doc(ids[7]) == is_eval_doc(ids[7])


def test_detector_fit_separates_obvious_classes() -> None:
    lines = {
        "identity": ["Cộng hòa xã hội chủ nghĩa", "Ủy ban nhân dân tỉnh"],
        "stripped": ["Cong hoa xa hoi chu nghia", "Uy ban nhan dan tinh"],
        "eng": ["C6ng hda x4 h@i chti nghia", "Uy ban nhfn d&n tinh"],
        "vie": ["Cộng hòa xã hội chủ nghĩa", "Ủy ban nhân dân tỉnh"],
    }
    rows, labels = [], []
    for label, examples in lines.items():
        for line in examples:
            feats = detect.features(line)
            rows.append([feats[f] for f in detect.FEATURES])
            labels.append(detect.CLASSES.index(label))
    x, y = np.array(rows), np.array(labels)
    weights = detector_weights(fit_detector(x, y, steps=500))
    assert detector_accuracy(weights, x, y) >= 0.75  # identity and vie look alike


def test_pairs_pool_folders_and_files(tmp_path) -> None:
    """``--pairs`` mixes folders (their ``dev-<kind>.jsonl``) and files named by channel."""
    fit_doc = next(f"doc{i}" for i in range(100) if not is_eval_doc(f"doc{i}"))
    record = {"doc": fit_doc, "truth": "Độc lập", "ocr": "Péc 1ap"}
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    for path in (old / "dev-eng.jsonl", new / "light-fax-eng.jsonl", new / "dev-vie.jsonl"):
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    sources = [old, new / "light-fax-eng.jsonl", new / "dev-vie.jsonl", tmp_path / "none"]
    assert pair_files(sources, "eng") == [old / "dev-eng.jsonl", new / "light-fax-eng.jsonl"]
    assert pair_files(sources, "vie") == [new / "dev-vie.jsonl"]
    assert list(read_all_pairs(sources, "eng", "fit")) == [("Độc lập", "Péc 1ap")] * 2


def test_damage_ignores_diacritics_and_sees_wiped_lines() -> None:
    assert damage("Độc lập - Tự do", "Doc lap - Tu do") == 0.0
    assert damage("Độc lập - Tự do", "Độc lập - Tự do") == 0.0  # vie output: marks kept
    assert damage("Độc lập", "Péc 1ap") == 3 / 7
    assert damage("Độc lập - Tự do - Hạnh phúc", "Lo fferng") > 0.5
    assert damage("Độc lập", "") == 1.0
