"""The record as a whole: every key present, nulls not omitted, NFC, valid against the schema."""

from __future__ import annotations

import json
import unicodedata

import jsonschema
import pytest
from extract_samples import build_doc

from ocrfix.cli import main
from ocrfix.extract import SCHEMA_VERSION, extract_record, record_schema, validate_record
from ocrfix.extract.schema import FIELDS

SAMPLES = {
    "decision": build_doc(),
    "letter": build_doc(
        number="Số: 1909/UBND-VP",
        summary="V/v tổ chức hội nghị",
        type_line=None,
        title=(),
        addressees=("Kính gửi:", "- Các phòng chuyên môn;", "- Công an xã."),
    ),
    "garbled": build_doc(
        number="S6: 5/Qb-UBND",
        date="Tam Hop, ngay 1 thang 2 nam 2025",
        issuer=("UY BAN NHAN DAN", "XA TAM HOP"),
        type_line="QUYET DINH",
        title=("VE VIEC ABC",),
        signature=("CHU TICH", "Nguyen Van An"),
    ),
    "empty": "",
    "not a document": "Hôm nay trời đẹp.\nChúng tôi đi chơi.",
    "decomposed": unicodedata.normalize("NFD", build_doc()),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_every_record_is_valid_and_complete(name):
    record = extract_record(SAMPLES[name], source=name)
    validate_record(record)
    assert record["schema_version"] == SCHEMA_VERSION and record["source"] == name
    for field in FIELDS:
        assert field in record and field in record["confidence"] and field in record["evidence"]
    dumped = json.dumps(record, ensure_ascii=False)
    assert unicodedata.normalize("NFC", dumped) == dumped


def test_nothing_found_gives_nulls_and_warnings():
    record = extract_record(SAMPLES["not a document"])
    assert all(record[f] is None for f in FIELDS if f != "references")
    assert record["references"] == []
    assert {w["field"] for w in record["warnings"]} >= {
        "number",
        "doc_type",
        "issued_date",
        "signer",
    }


def test_decomposed_input_gives_composed_values():
    record = extract_record(SAMPLES["decomposed"])
    assert record["number"] == "15/QĐ-UBND" and record["doc_type"] == "Quyết định"


def test_evidence_points_at_the_value():
    text = SAMPLES["decision"]
    record = extract_record(text)
    span = record["evidence"]["number"]
    assert text[span["start"] : span["end"]] == "15/QĐ-UBND"
    assert text.splitlines()[span["line"] - 1].startswith("Số:")


def test_schema_rejects_broken_records():
    record = extract_record(SAMPLES["decision"])
    del record["title"]
    with pytest.raises(jsonschema.ValidationError):
        validate_record(record)
    record = extract_record(SAMPLES["decision"])
    record["issued_date"] = "24/12/2024"
    with pytest.raises(jsonschema.ValidationError):
        validate_record(record)


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == record_schema()


def test_extract_command_formats(tmp_path, capsys):
    doc = tmp_path / "qd.txt"
    doc.write_text(SAMPLES["decision"], encoding="utf-8")
    assert main(["extract", str(doc)]) == 0
    assert json.loads(capsys.readouterr().out)["number"] == "15/QĐ-UBND"
    assert main(["extract", "--format", "jsonl", str(doc), str(doc)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["extract", "--format", "csv", str(doc)]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.startswith("source,doc_type") and "Nguyễn Văn An" in row


def test_extract_command_errors_name_the_file(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err
    good = tmp_path / "ok.txt"
    good.write_text(SAMPLES["decision"], encoding="utf-8")
    assert main(["extract", "--format", "jsonl", str(good), str(tmp_path / "nope.txt")]) == 1
    captured = capsys.readouterr()
    assert "nope.txt" in captured.err and len(captured.out.splitlines()) == 1


def test_extract_help_has_an_example(capsys):
    assert main(["extract", "--help"]) == 0
    assert "ocrfix extract decision.txt" in capsys.readouterr().out
