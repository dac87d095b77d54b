"""Hand-written documents laid out as Decree 30/2020 prescribes (test helper)."""

from __future__ import annotations


def build_doc(
    *,
    issuer: tuple[str, ...] = ("ỦY BAN NHÂN DÂN", "XÃ TAM HỢP"),
    number: str = "Số: 15/QĐ-UBND",
    summary: str | None = None,
    date: str = "Tam Hợp, ngày 24 tháng 12 năm 2024",
    type_line: str | None = "QUYẾT ĐỊNH",
    title: tuple[str, ...] = ("VỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC",),
    addressees: tuple[str, ...] = (),
    body: tuple[str, ...] = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;",),
    recipients: tuple[str, ...] = ("- Như Điều 3;", "- Lưu: VT."),
    signature: tuple[str, ...] = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"),
) -> str:
    """Text of a document; pass ``None``/empty to leave a part out."""
    lines = [*issuer, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    if number:
        lines.append(number)
    if summary:
        lines.append(summary)
    if date:
        lines.append(date)
    if type_line:
        lines.append(type_line)
    lines += [*title, *addressees, *body]
    if recipients:
        lines += ["Nơi nhận:", *recipients]
    lines += list(signature)
    return "\n".join(lines) + "\n"
