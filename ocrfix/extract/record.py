"""Compose the field readers into one JSON-ready record (issue 5)."""

from __future__ import annotations

import unicodedata

import regex

from ocrfix.extract.addressees import extract_addressees, find_addressee_line
from ocrfix.extract.doc_type import extract_doc_type, find_type_line
from ocrfix.extract.found import MISSING, Found, warning
from ocrfix.extract.header import header_lines
from ocrfix.extract.issuer import extract_issuer, initials
from ocrfix.extract.keywords import is_marked
from ocrfix.extract.layout import Line, split_lines
from ocrfix.extract.number import extract_number, prefer_raw_number
from ocrfix.extract.place_date import YearHint, extract_place_date
from ocrfix.extract.places import restore_place
from ocrfix.extract.recipients import extract_recipients, find_recipients_line
from ocrfix.extract.references import extract_references
from ocrfix.extract.schema import FIELDS, SCHEMA_VERSION
from ocrfix.extract.signer import extract_signer, prefer_raw_signer
from ocrfix.extract.symbols import reconcile_code, repair_codes, symbol_year, type_code
from ocrfix.extract.title import find_summary_line, title_after_type_line, title_from_summary

REQUIRED = ("doc_type", "number", "issuer", "issued_date", "title", "signer")
GARBLED_FACTOR = 0.85  # diacritic-free input: every value is less certain


def _line_of(found: Found) -> int | None:
    return found.evidence["line"] if found.evidence else None


def _consistency(number: Found, date: Found) -> list[dict]:
    year = symbol_year(number.value) if number.value else None
    if year and date.value and int(date.value[:4]) != year:
        return [
            warning(
                "number", "year_mismatch", f"symbol year {year} differs from the date {date.value}"
            )
        ]
    return []


def _year_hint(number: Found, references: list[dict]) -> YearHint | None:
    """The year for a date line that lost its own: the symbol's, else the latest year of the
    documents the text cites (issued before it, and in dev documents of its year)."""
    year = symbol_year(number.value) if number.value else None
    if year:
        return YearHint(year, "number")
    latest = _latest_cited_year(references)
    return YearHint(latest, "references") if latest else None


def _latest_cited_year(references: list[dict]) -> int | None:
    cited = [symbol_year(ref["number"]) for ref in references if ref.get("number")]
    cited += [int(ref["date"][:4]) for ref in references if ref.get("date")]
    return max(filter(None, cited), default=None)


def _settle_year(number: Found, date: Found, references: list[dict]) -> tuple[Found, Found]:
    """A symbol year and a date year that disagree ("209/2028/QĐ-UBND", 2025: a digit
    misread): the one the latest cited year backs is kept, the other is made to agree."""
    year = symbol_year(number.value) if number.value else None
    if not (year and date.value) or int(date.value[:4]) == year:
        return number, date
    cited = _latest_cited_year(references)
    if cited == int(date.value[:4]):
        fixed = regex.sub(rf"/{year}/", f"/{cited}/", number.value, count=1)
        return _amended(number, fixed, "number", "year_repaired", "year from the date"), date
    if cited == year:
        fixed = f"{year}{date.value[4:]}"
        return number, _amended(date, fixed, "issued_date", "year_repaired", "year of the symbol")
    return number, date


def _codes_from_header(number: Found, issuer: Found, parent: Found, type_: Found) -> Found:
    """``number`` with a garbled code put right from the codes the header leads one to expect:
    the issuer's (and its parent's) initials and the type line's code (:func:`repair_codes`)."""
    anchors = {initials(f.value) for f in (issuer, parent) if f.value}
    anchors |= {type_.value} if type_.value else set()
    fixed = repair_codes(number.value, anchors) if number.value else None
    if not fixed:
        return number
    return _amended(number, fixed, "number", "code_repaired", "codes from the header")


def _amended(found: Found, value: str, field: str, code: str, why: str) -> Found:
    """``found`` with ``value`` put in, less sure, warned about with ``code``."""
    note = warning(field, code, f"read {found.value!r}; {why}")
    return Found(value, found.confidence * 0.8, found.evidence, [*found.warnings, note])


def _header_number(header: list[Line]) -> tuple[Found, bool]:
    """The number read from ``header``, and whether the header lacks Vietnamese marks."""
    stripped = not is_marked(" ".join(line.text for line in header))
    return extract_number(header, stripped=stripped), stripped


def extract_record(text: str, *, source: str | None = None, raw: str | None = None) -> dict:
    """The structured record of one document's text (clean, repaired or raw OCR).

    ``raw`` is the OCR text ``text`` was repaired from, when there is one: the number and the
    signer are read from it too, and kept when repair damaged the ones in ``text`` (their
    evidence then points into ``raw``, and a ``read_from_raw`` warning says so).
    """
    text = unicodedata.normalize("NFC", text)
    lines = split_lines(text)
    header = header_lines(lines)
    number, stripped = _header_number(header)
    raw_lines = split_lines(unicodedata.normalize("NFC", raw)) if raw is not None else None
    if raw_lines is not None:
        number = prefer_raw_number(number, _header_number(header_lines(raw_lines))[0])
    summary_line = find_summary_line(header)
    symbol_code = type_code(number.value) if number.value else None
    type_line = find_type_line(header, symbol_code)
    addressee_line = find_addressee_line(lines)
    doc_type, doc_type_code = extract_doc_type(type_line, symbol_code, summary_line, addressee_line)
    if number.value and doc_type_code.value and type_line:
        fixed = reconcile_code(number.value, doc_type_code.value)
        if fixed:
            number = _amended(number, fixed, "number", "code_repaired", "type code from title")
            doc_type, doc_type_code = extract_doc_type(type_line, type_code(fixed), summary_line)
    references = extract_references(text, own_number=number.value)
    place, issued_date = extract_place_date(header, year_hint=_year_hint(number, references))
    number, issued_date = _settle_year(number, issued_date, references)
    if stripped and place.value:
        place = Found(restore_place(place.value), place.confidence * 0.9, place.evidence)
    if type_line:
        # a title opening with a type name the symbol overruled keeps that word
        overruled = type_line[2] is not None and doc_type.value != type_line[1]
        rest = 0 if overruled else type_line[2]
        title = title_after_type_line(lines, type_line[0], rest)
    elif summary_line:
        stops = {n for n in (_line_of(number), _line_of(issued_date)) if n}
        title = title_from_summary(lines, summary_line, stops)
    else:
        title = MISSING
    field_lines = [
        _line_of(number),
        _line_of(issued_date),
        summary_line and summary_line.number,
        type_line and type_line[0].number,
    ]
    issuer, issuer_parent = extract_issuer(header, min((n for n in field_lines if n), default=15))
    number = _codes_from_header(number, issuer, issuer_parent, doc_type_code)
    recipients = extract_recipients(lines)
    signer = extract_signer(lines, find_recipients_line(lines))
    if raw_lines is not None:
        signer = prefer_raw_signer(
            signer, lambda: extract_signer(raw_lines, find_recipients_line(raw_lines))
        )
    found = {
        "doc_type": doc_type,
        "doc_type_code": doc_type_code,
        "number": number,
        "issuer": issuer,
        "issuer_parent": issuer_parent,
        "place": place,
        "issued_date": issued_date,
        "title": title,
        "addressees": extract_addressees(lines),
        "recipients": recipients,
        "signer": signer,
    }
    warnings = [w for f in found.values() for w in f.warnings]
    warnings += _consistency(number, issued_date)
    reported = {w["field"] for w in warnings}
    warnings += [
        warning(name, "missing", f"no {name} found")
        for name in REQUIRED
        if found[name].value is None and name not in reported
    ]
    factor = GARBLED_FACTOR if stripped else 1.0
    confidence = {name: round(found[name].confidence * factor, 3) for name in found}
    confidence["references"] = round((0.9 if references else 0.5) * factor, 3)
    evidence = {name: found[name].evidence for name in found}
    evidence["references"] = None
    record = {"schema_version": SCHEMA_VERSION, "source": source}
    record.update({name: found[name].value for name in found})
    record["references"] = references
    record.update(
        confidence={k: confidence[k] for k in FIELDS},
        evidence={k: evidence[k] for k in FIELDS},
        warnings=warnings,
    )
    return record
