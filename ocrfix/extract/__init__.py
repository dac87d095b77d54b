"""Field extraction (issue 5): structured records of Vietnamese administrative documents.

>>> record = extract_record("Số: 12/QĐ-UBND\\nHà Nội, ngày 5 tháng 3 năm 2024\\nQUYẾT ĐỊNH")
>>> record["number"], record["doc_type"], record["issued_date"]
('12/QĐ-UBND', 'Quyết định', '2024-03-05')
"""

from ocrfix.extract.record import extract_record
from ocrfix.extract.schema import SCHEMA_VERSION, record_schema, validate_record

__all__ = ["SCHEMA_VERSION", "extract_record", "record_schema", "validate_record"]
