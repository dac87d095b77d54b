"""The fast path for scanned PDF pages: a page that only draws one JPEG over its whole area
is that JPEG, so it is decoded directly instead of rendered by poppler.

Measured on a 200-dpi A4 office scan asked for at 300 dpi: 0.05 s (decode and bicubic
upscale; 2.7 grey levels from poppler's output on average) against 0.21 s for pdftoppm. On 10
generated dev pages as PDFs, ocrfix scored 97.48 % this way, 97.29 % rendered by pdftoppm
(97.21 % with a bilinear upscale). Anything else (other content, rotation, cropping, masks, other
filters or colour spaces, a flipped or partial placement) returns None and is rendered.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import pypdf
import pypdf.errors
from pypdf.generic import ContentStream

_MODES = {"/DeviceGray": cv2.IMREAD_GRAYSCALE, "/DeviceRGB": cv2.IMREAD_COLOR}
_FORBIDDEN = ("/SMask", "/Mask", "/Decode", "/ImageMask")
TOLERANCE_PT = 1.0  # placement may be off by rounding, never by more


def _single_image(page: pypdf.PageObject) -> tuple[list[float], str] | None:
    """The ``cm`` matrix and XObject name when the content is exactly ``q cm Do Q``."""
    contents = page.get_contents()
    if contents is None:
        return None
    operations = ContentStream(contents, page.pdf).operations
    if [op for _, op in operations] != [b"q", b"cm", b"Do", b"Q"]:
        return None
    return [float(v) for v in operations[1][0]], str(operations[2][0][0])


def _covers(matrix: list[float], box: pypdf.generic.RectangleObject) -> bool:
    """Drawn upright, unflipped, over the whole box."""
    a, b, c, d, e, f = matrix
    return (
        b == c == 0
        and a > 0
        and d > 0
        and all(
            abs(x - y) <= TOLERANCE_PT
            for x, y in ((a, box.width), (d, box.height), (e, box.left), (f, box.bottom))
        )
    )


def _jpeg(page: pypdf.PageObject, name: str) -> tuple[bytes, int] | None:
    """The image's JPEG bytes and OpenCV read mode, when it is a plain 8-bit JPEG."""
    image = page["/Resources"]["/XObject"][name].get_object()
    filters = image.get("/Filter")
    if isinstance(filters, list | pypdf.generic.ArrayObject):
        filters = filters[0] if len(filters) == 1 else None
    mode = _MODES.get(str(image.get("/ColorSpace")))
    if (
        image.get("/Subtype") != "/Image"
        or filters != "/DCTDecode"
        or mode is None
        or image.get("/BitsPerComponent") != 8
        or any(key in image for key in _FORBIDDEN)
    ):
        return None
    return image._data, mode  # the raw stream: DCT data is the JPEG file itself


def embedded_scan(
    reader: pypdf.PdfReader, index: int, dpi: int, *, grey: bool | None
) -> np.ndarray | None:
    """Page ``index`` as pdftoppm would render it at ``dpi`` (grey, RGB, or None: as the JPEG
    is), from its single full-page JPEG; None when the page is anything else or the JPEG does
    not decode."""
    try:
        page = reader.pages[index]
        box = page.mediabox
        if page.get("/Rotate", 0) % 360 or list(page.cropbox) != list(box):
            return None
        found = _single_image(page)
        if found is None or not _covers(found[0], box):
            return None
        jpeg = _jpeg(page, found[1])
    except (pypdf.errors.PyPdfError, KeyError, ValueError, TypeError, AttributeError, IndexError):
        return None
    if jpeg is None:
        return None
    data, mode = jpeg
    pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE if grey else mode)
    if pixels is None:
        return None
    if pixels.ndim == 3:
        pixels = cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB)
    elif grey is False:
        pixels = cv2.cvtColor(pixels, cv2.COLOR_GRAY2RGB)
    size = tuple(math.ceil(float(side) * dpi / 72 - 1e-6) for side in (box.width, box.height))
    if (pixels.shape[1], pixels.shape[0]) == size:
        return pixels
    return cv2.resize(pixels, size, interpolation=cv2.INTER_CUBIC)
