"""Small synthetic pages for the OCR-stage tests: black serif text on white at 300 dpi.

Test-only; the realistic degraded scans come from ``ocrfix.synth``.
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from ocrfix.synth.fonts import load_font

A4_300DPI = (2480, 3508)
MARGIN = 236  # 2 cm

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH", "Số: 84/2025/QĐ-UBND"]
HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hà Tĩnh, ngày 2 tháng 12 năm 2025",
]
BODY = [
    "QUYẾT ĐỊNH",
    "Về việc ban hành quy định quản lý tài sản công",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Nghị định số 181/2025/NĐ-CP ngày 01 tháng 7 năm 2025 của Chính phủ;",
    "Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 125/TTr-STC.",
    "Điều 1. Ban hành kèm theo Quyết định này quy định về quản lý tài sản.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành.",
]
FOOTER_LEFT = ["Nơi nhận:", "- Như Điều 2;", "- Lưu: VT, KT."]
FOOTER_RIGHT = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Báu Hà"]


def font(size: int = 54, bold: bool = False) -> ImageFont.FreeTypeFont:
    return load_font("Liberation Serif", "bold" if bold else "regular", size)


def text_page(
    lines: list[str], *, size: int = 54, page: tuple[int, int] = A4_300DPI
) -> Image.Image:
    """A single-column page with ``lines`` at 1.5 line spacing."""
    image = Image.new("L", page, 255)
    draw = ImageDraw.Draw(image)
    face = font(size)
    y = MARGIN
    for line in lines:
        draw.text((MARGIN, y), line, fill=0, font=face)
        y += int(size * 1.5)
    return image


def admin_page() -> tuple[Image.Image, list[str]]:
    """A page with the two-column header and footer; returns it and its lines in reading order
    (left header column, right header column, body, left footer column, right footer column)."""
    width, _ = A4_300DPI
    image = Image.new("L", A4_300DPI, 255)
    draw = ImageDraw.Draw(image)
    size, step = 50, 75
    regular, bold = font(size), font(size, bold=True)
    left_x, right_x = MARGIN, width // 2 - 60
    for i, (left, right) in enumerate(zip(HEADER_LEFT, HEADER_RIGHT, strict=True)):
        y = MARGIN + i * step
        draw.text((left_x, y), left, fill=0, font=bold if i < 2 else regular)
        draw.text((right_x, y), right, fill=0, font=bold if i < 2 else regular)
    y = MARGIN + 5 * step
    for line in BODY:
        draw.text((MARGIN, y), line, fill=0, font=regular)
        y += step
    y += step
    for i, (left, right) in enumerate(zip(FOOTER_LEFT, FOOTER_RIGHT, strict=True)):
        draw.text((left_x, y + i * step), left, fill=0, font=regular)
        draw.text((right_x + 250, y + i * step), right, fill=0, font=bold)
    order = [*HEADER_LEFT, *HEADER_RIGHT, *BODY, *FOOTER_LEFT, *FOOTER_RIGHT]
    return image, order


def text_layer_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer (Helvetica, ASCII) holds ``lines``; built with pypdf."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    font_dict = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font_dict)})}
    )
    ops = ["BT", "/F1 14 Tf", "72 760 Td", "18 TL"]
    ops += [f"({line}) Tj T*" for line in lines]
    ops.append("ET")
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
