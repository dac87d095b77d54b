"""``ocrfix run`` end to end on fake engines: outputs, reports, bad inputs, exit codes."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from batch_helpers import read_jsonl, run_cli
from batch_samples import BAD_NAMES, GOOD_TEXTS

PLUGIN = "batch_fakes:FAKE"
GOOD = {name.rsplit(".", 1)[0] for name in GOOD_TEXTS} | {"scan2", "timeout"}


def test_every_output_format(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = run_cli(str(archive), "--out", str(out), "--plugin", PLUGIN, "--raw", "--words",
                   "--sqlite", str(out / "records.db"), "-q", "--jobs", "1")
    assert code == 1  # bad inputs were present
    for name in GOOD:
        assert (out / f"{name}.txt").read_text(encoding="utf-8").strip()
        assert json.loads((out / f"{name}.json").read_text(encoding="utf-8"))["number"]
        assert (out / f"{name}.raw.txt").exists()
    # the fake repair changes text: the repaired and raw outputs differ
    assert "Công văn" in (out / "a/cv1.txt").read_text(encoding="utf-8")
    assert "Cong van" in (out / "a/cv1.raw.txt").read_text(encoding="utf-8")
    records = read_jsonl(out / "records.jsonl")
    assert sorted(r["id"] for r in records) == sorted(GOOD)
    rows = list(csv.DictReader((out / "records.csv").open(encoding="utf-8")))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    cv1 = next(r for r in rows if r["id"] == "a/cv1")
    assert cv1["references_count"] == "1" and cv1["recipients"] == "Như trên | Lưu VT."
    assert cv1["signer_name"] == "Nguyễn Văn A" and "confidence_number" not in cv1
    assert next(r for r in rows if r["id"] == "a/dup")["references_count"] == "0"


def test_sqlite_rows_match_records_jsonl(archive: Path, tmp_path: Path) -> None:
    out, db_path = tmp_path / "out", tmp_path / "db" / "records.db"
    run_cli(str(archive), "--out", str(out), "--plugin", PLUGIN, "--sqlite", str(db_path), "-q",
            "--jobs", "1")
    records = {r["id"]: r for r in read_jsonl(out / "records.jsonl")}
    with sqlite3.connect(db_path) as db:
        documents = {row[0]: row for row in db.execute(
            "SELECT id, number, doc_type, signer_name, record_json FROM documents")}
        references = db.execute(
            'SELECT document_id, position, number FROM "references" ORDER BY 1, 2').fetchall()
        recipients = db.execute(
            "SELECT document_id, name FROM recipients ORDER BY document_id, position").fetchall()
    db.close()
    assert set(documents) == set(records)
    for doc_id, (_, number, doc_type, signer, record_json) in documents.items():
        record = records[doc_id]
        assert (number, doc_type, signer) == (record["number"], record["doc_type"],
                                              record["signer"]["name"])
        assert json.loads(record_json)["number"] == record["number"]
    assert references == sorted(
        (doc_id, i, ref["number"]) for doc_id, rec in records.items()
        for i, ref in enumerate(rec["references"], 1))
    assert recipients == [(d, n) for d, rec in sorted(records.items()) for n in rec["recipients"]]


def test_every_bad_input_kind_is_reported_and_the_rest_complete(archive: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "nowhere.pdf"
    code = run_cli(str(archive), str(missing), str(tmp_path / "nomatch*.pdf"), "--out", str(out),
                   "--plugin", PLUGIN, "-q", "--jobs", "1")
    assert code == 1
    errors = read_jsonl(out / "errors.jsonl")
    by_file = {Path(e["file"]).name: e for e in errors}
    expected = {"empty.txt": "InputError", "binary.txt": "EncodingError",
                "corrupt.pdf": "InputError", "encrypted.pdf": "InputError",
                "nopages.pdf": "InputError", "alltimeout.pdf": "OcrError",
                "timeout.pdf": "OcrError", "nowhere.pdf": "InputError",
                "nomatch*.pdf": "InputError"}
    assert {name: by_file[name]["kind"] for name in expected} == expected
    assert by_file["timeout.pdf"]["page"] == 2 and by_file["corrupt.pdf"]["page"] is None
    assert "encrypted" in by_file["encrypted.pdf"]["message"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"]["failed"] == len(BAD_NAMES) + 2
    assert summary["documents"]["ok"] == len(GOOD) - 1 and summary["documents"]["partial"] == 1
    assert summary["pages"] == 2 + 2 + len(GOOD_TEXTS)
    assert 0 < summary["mean_confidence"] <= 1
    for name in BAD_NAMES:
        assert not (out / f"{name}.txt").exists()


def test_all_good_inputs_exit_zero(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "x.txt").write_text("Số: 1/QĐ-UBND\n", encoding="utf-8")
    assert run_cli(str(source), "--out", str(tmp_path / "out"), "--plugin", PLUGIN, "-q") == 0


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run_cli("--out", str(tmp_path)) == 2  # no input at all
    assert run_cli(str(tmp_path), "--out", str(tmp_path / "o"), "--jobs", "0") == 2
    assert run_cli(str(tmp_path), "--out", str(tmp_path / "o"), "--plugin", "nope:X") == 2


def test_a_missing_engine_stops_the_batch_with_a_usage_exit(archive: Path, tmp_path: Path,
                                                           capsys) -> None:
    code = run_cli(str(archive), "--out", str(tmp_path / "out"), "--plugin",
                   "batch_fakes:NO_TESSERACT", "-q", "--jobs", "1")
    assert code == 2
    assert "tesseract is not installed" in capsys.readouterr().err


def test_log_json_reports_each_document(archive: Path, tmp_path: Path, capsys) -> None:
    run_cli(str(archive / "a"), "--out", str(tmp_path / "out"), "--plugin", PLUGIN,
            "--log-json", "--jobs", "1")
    events = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert sorted(e["name"] for e in events) == ["cv1", "dup"]
    assert {e["event"] for e in events} == {"document"}


def test_help_shows_an_example_and_the_output_tree(capsys) -> None:
    assert run_cli("--help") == 0
    text = capsys.readouterr().out
    assert "ocrfix run archive/" in text and "records.jsonl" in text and "errors.jsonl" in text
