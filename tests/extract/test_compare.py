"""Record comparison for ``ocrfix eval --records``: tone-blind, spacing-blind."""

from __future__ import annotations

from ocrfix.extract.compare import compare_records


def test_tone_placement_and_spacing_do_not_matter():
    truth = {"signer": "Lê Hải Hòa", "number": "9476 /BNNMT-CNTY", "doc_type": "Quyết định"}
    hyp = {
        "signer": {"name": "Lê Hải Hoà", "capacity": [], "position": None},
        "number": "9476/BNNMT-CNTY",
        "doc_type": "Quyết  định",
    }
    assert compare_records(truth, hyp) == {"signer": True, "number": True, "doc_type": True}


def test_differences_are_reported_per_field():
    truth = {"number": "1/QĐ-UBND", "issued_date": "2024-01-02", "signer": "Trần Văn A"}
    hyp = {"number": "1/QĐ-UBND", "issued_date": "2024-01-03", "signer": None}
    assert compare_records(truth, hyp) == {"number": True, "issued_date": False, "signer": False}


def test_diacritics_still_matter():
    assert compare_records({"signer": "Phùng Thị Hà"}, {"signer": "Phung Thi Ha"}) == {
        "signer": False
    }
