"""The record contract: its version, JSON Schema (``ocrfix schema``) and validation.

Bump :data:`SCHEMA_VERSION` (semver) whenever a key changes: consumers rely on it.
"""

from __future__ import annotations

import jsonschema

SCHEMA_VERSION = "1.0.0"
SCALAR_FIELDS = (
    "doc_type",
    "doc_type_code",
    "number",
    "issuer",
    "issuer_parent",
    "place",
    "issued_date",
    "title",
)
LIST_FIELDS = ("addressees", "recipients")
FIELDS = (*SCALAR_FIELDS, *LIST_FIELDS, "signer", "references")

_NULLABLE_STRING = {"type": ["string", "null"]}
_STRING_LIST = {"type": ["array", "null"], "items": {"type": "string"}}
_EVIDENCE = {
    "type": ["object", "null"],
    "description": "Where the value was read: 1-based line and [start, end) character offsets "
    "in the text the record was extracted from.",
    "required": ["line", "start", "end"],
    "properties": {
        "line": {"type": "integer", "minimum": 1},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
    "additionalProperties": False,
}
_SIGNER = {
    "type": ["object", "null"],
    "required": ["capacity", "position", "name", "rank"],
    "properties": {
        "capacity": {
            "type": "array",
            "items": {"type": "string"},
            "description": 'Lines like "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH".',
        },
        "position": _NULLABLE_STRING,
        "name": {"type": "string"},
        "rank": {
            **_NULLABLE_STRING,
            "description": 'Military or academic rank, e.g. "Thượng tướng".',
        },
    },
    "additionalProperties": False,
}
_REFERENCE = {
    "type": "object",
    "required": ["doc_type", "number", "date", "issuer", "name"],
    "properties": {
        "doc_type": _NULLABLE_STRING,
        "number": _NULLABLE_STRING,
        "date": {"type": ["string", "null"], "format": "date"},
        "issuer": _NULLABLE_STRING,
        "name": {**_NULLABLE_STRING, "description": "Name of a law cited by name."},
    },
    "additionalProperties": False,
}


def record_schema() -> dict:
    """JSON Schema (draft 2020-12) of the records ``extract_record`` returns."""
    per_field = {name: {"type": "number", "minimum": 0, "maximum": 1} for name in FIELDS}
    evidence = {name: _EVIDENCE for name in FIELDS}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://ocrfix.invalid/schema/record-{SCHEMA_VERSION}.json",
        "title": "ocrfix record of a Vietnamese administrative document (Decree 30/2020/NĐ-CP)",
        "type": "object",
        "required": ["schema_version", "source", *FIELDS, "confidence", "evidence", "warnings"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "source": _NULLABLE_STRING,
            "doc_type": {**_NULLABLE_STRING, "description": 'Full name, e.g. "Quyết định".'},
            "doc_type_code": {
                **_NULLABLE_STRING,
                "description": "Appendix III code (QĐ, BC, ...); null for a công văn.",
            },
            "number": {
                **_NULLABLE_STRING,
                "description": 'Number and symbol, e.g. "1909/BC-UBND".',
            },
            "issuer": _NULLABLE_STRING,
            "issuer_parent": _NULLABLE_STRING,
            "place": _NULLABLE_STRING,
            "issued_date": {
                "type": ["string", "null"],
                "format": "date",
                "pattern": r"^\d{4}-\d{2}-\d{2}$",
            },
            "title": _NULLABLE_STRING,
            "addressees": _STRING_LIST,
            "recipients": _STRING_LIST,
            "signer": _SIGNER,
            "references": {"type": "array", "items": _REFERENCE},
            "confidence": {
                "type": "object",
                "required": list(FIELDS),
                "properties": per_field,
                "additionalProperties": False,
            },
            "evidence": {
                "type": "object",
                "required": list(FIELDS),
                "properties": evidence,
                "additionalProperties": False,
            },
            "warnings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["field", "code", "message"],
                    "properties": {
                        "field": {"type": "string"},
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                    },
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    }


def validate_record(record: dict) -> None:
    """Raise ``jsonschema.ValidationError`` when ``record`` breaks the contract."""
    jsonschema.validate(record, record_schema(), format_checker=jsonschema.FormatChecker())
