"""Stream the frames of an image file (multi-page TIFF, PNG, JPEG) one at a time."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ocrfix.pages.errors import CorruptFileError, ImageTooLargeError, NoPagesError
from ocrfix.pages.page import Page, PageRequest

#: Pillow modes of frames without colour.
GREY_MODES = ("1", "L", "LA", "I", "I;16", "F")


def _open(path: Path) -> Image.Image:
    """Open lazily (header only) with Pillow's own bomb check disabled: we check ourselves."""
    name = str(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            return Image.open(path)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise CorruptFileError(f"cannot decode image: {exc}", path=name) from None
        finally:
            Image.MAX_IMAGE_PIXELS = saved


def _frame_dpi(frame: Image.Image, default: int) -> int:
    dpi = frame.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError, IndexError):
        value = 0
    return value if 50 <= value <= 1200 else default


def _pixels(frame: Image.Image, grey: bool | None) -> np.ndarray:
    """RGB or grey pixels (None: grey for a grey frame), upright per EXIF for JPEGs."""
    frame = ImageOps.exif_transpose(frame) if frame.format == "JPEG" else frame
    if "A" in frame.mode:
        frame = frame.convert("RGBA").convert("RGB")
    mode = "L" if grey or (grey is None and frame.mode in GREY_MODES) else "RGB"
    return np.array(frame if frame.mode == mode else frame.convert(mode), dtype=np.uint8)


def iter_image_pages(path: Path, request: PageRequest) -> Iterator[Page]:
    """Yield each frame as a :class:`Page`; a frame that fails becomes a page with an error.

    The file is opened before the first ``next``, so a corrupt or empty image raises at once.
    """
    image = _open(path)
    return _frames(image, str(path), request.numbers(_frame_count(image, path)), request)


def image_frames(path: Path) -> int:
    """Number of frames (pages) of an image file, read from its header."""
    with _open(path) as image:
        return _frame_count(image, path)


def _frame_count(image: Image.Image, path: Path) -> int:
    frames = getattr(image, "n_frames", 1)
    if frames < 1:
        raise NoPagesError("image has no frames", path=str(path))
    return frames


def _frames(
    image: Image.Image, name: str, numbers: list[int], request: PageRequest
) -> Iterator[Page]:
    dpi, max_pixels = request.dpi, request.max_pixels
    with image:
        for number in numbers:
            index = number - 1
            try:
                image.seek(index)
                width, height = image.size
                if width * height > max_pixels:
                    raise ImageTooLargeError(
                        f"image is {width}×{height} = {width * height:,} pixels, above the "
                        f"limit of {max_pixels:,} (possible decompression bomb)",
                        path=name,
                        page=number,
                    )
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                    saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
                    try:
                        pixels = _pixels(image, request.grey)
                    finally:
                        Image.MAX_IMAGE_PIXELS = saved
                yield Page(number, pixels, dpi=_frame_dpi(image, dpi))
            except ImageTooLargeError as exc:
                yield Page(number, dpi=dpi, error=exc)
            except (OSError, ValueError, SyntaxError, EOFError) as exc:
                error = CorruptFileError(f"cannot decode page: {exc}", path=name, page=number)
                yield Page(number, dpi=dpi, error=error)
