"""Make a clean rendered page look scanned, faxed or photographed: deterministic per seed.

Every degradation returns a :class:`Degraded`: the image, the parameters it drew (so a test
can check that preprocessing undoes them, e.g. the skew angle), the output resolution, and
``matrix``, the 3x3 projective map from clean-page pixels to degraded-image pixels (so the
truth line boxes can be followed onto the degraded page).

Conventions: ``skew`` and ``rotation`` are in degrees, positive = counter-clockwise as seen
on screen (OpenCV's convention); turning the page by ``-rotation`` makes it upright again.
Kinds can be chained with ``+``, e.g. ``"office+rotate"``.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

KINDS = ("clean", "office", "fax", "photo", "photo-light", "rotate", "faded")


@dataclass
class Degraded:
    """A degraded page; ``matrix`` maps clean-page (x, y, 1) to this image's pixels."""

    image: Image.Image
    kind: str
    dpi: int
    params: dict = field(default_factory=dict)
    matrix: np.ndarray = field(default_factory=lambda: np.eye(3))

    def to_clean(self, x: float, y: float) -> tuple[float, float]:
        """Where the degraded-image point (x, y) was on the clean page."""
        u, v, w = np.linalg.inv(self.matrix) @ np.array([x, y, 1.0])
        return float(u / w), float(v / w)

    def from_clean(self, x: float, y: float) -> tuple[float, float]:
        """Where the clean-page point (x, y) is on the degraded image."""
        u, v, w = self.matrix @ np.array([x, y, 1.0])
        return float(u / w), float(v / w)


def degrade(image: Image.Image, kind: str, *, seed: int, dpi: int) -> Degraded:
    """Apply ``kind`` (one of :data:`KINDS`, or several joined by ``+``) to ``image``,
    rendered at ``dpi``. The same seed always gives the same result."""
    result = Degraded(image, "clean", dpi)
    for step, name in enumerate(kind.split("+")):
        if name not in _STEPS:
            raise ValueError(f"unknown degradation {name!r}; known: {', '.join(KINDS)}")
        rng = random.Random(f"{seed}:{step}:{name}")
        nxt = _STEPS[name](result.image, rng, result.dpi)
        result = Degraded(
            nxt.image,
            kind,
            nxt.dpi,
            {**result.params, **nxt.params},
            nxt.matrix @ result.matrix,
        )
    return result


def clean(image: Image.Image, rng: random.Random, dpi: int) -> Degraded:
    """No change: the control condition."""
    return Degraded(image.convert("L"), "clean", dpi, {"dpi": dpi})


def office(image: Image.Image, rng: random.Random, dpi: int) -> Degraded:
    """Office scanner: 200 dpi grey, skew up to ±3°, greyish paper, noise, JPEG q 60-85."""
    grey, scale, out_dpi = _resample(_grey(image), dpi, 200)
    angle = rng.uniform(-3.0, 3.0)
    grey, rot = _rotate(grey, angle, border=255)
    paper, ink = rng.uniform(228, 248), rng.uniform(15, 45)
    grey = ink + (paper - ink) * grey / 255.0
    grey = cv2.GaussianBlur(grey, (0, 0), rng.uniform(0.3, 0.7))
    sigma = rng.uniform(2.0, 5.0)
    grey = _noise(grey, sigma, rng)
    quality = rng.randint(60, 85)
    out = _jpeg(Image.fromarray(_u8(grey)), quality)
    params = {"dpi": out_dpi, "skew": angle, "jpeg_quality": quality, "noise_sigma": sigma}
    return Degraded(out, "office", out_dpi, params, rot @ scale)


def fax(image: Image.Image, rng: random.Random, dpi: int) -> Degraded:
    """Fax: 150 dpi black-and-white, thickened strokes, speckle, slight skew."""
    grey, scale, out_dpi = _resample(_grey(image), dpi, 150)
    angle = rng.uniform(-1.5, 1.5)
    grey, rot = _rotate(grey, angle, border=255)
    thicken = rng.choice((1, 2, 2, 3))  # erosion side in pixels; 1 leaves strokes as they are
    grey = cv2.erode(grey, np.ones((thicken, thicken), np.uint8))
    grey = cv2.GaussianBlur(grey.astype(np.float32), (0, 0), 0.6)
    threshold = rng.uniform(150, 200)
    binary = np.where(grey < threshold, 0, 255).astype(np.uint8)
    density = rng.uniform(0.0004, 0.0015)
    noise_rng = np.random.default_rng(rng.getrandbits(32))
    specks = noise_rng.random(binary.shape) < density
    binary[specks] = 0
    binary = cv2.erode(binary, np.ones((2, 1), np.uint8)) if rng.random() < 0.3 else binary
    params = {"dpi": out_dpi, "skew": angle, "threshold": threshold, "thicken": thicken,
              "speckle": density}
    return Degraded(Image.fromarray(binary), "fax", out_dpi, params, rot @ scale)


def photo(image: Image.Image, rng: random.Random, dpi: int, strength: float = 1.0) -> Degraded:
    """Phone photo: perspective, uneven light, blur, yellowed paper, JPEG (colour)."""
    colour = np.asarray(image.convert("RGB"), dtype=np.float32)
    colour, scale, out_dpi = _resample(colour, dpi, 200)
    h, w = colour.shape[:2]
    paper = np.array([rng.uniform(232, 250), rng.uniform(222, 240), rng.uniform(185, 215)])
    ink = np.array([rng.uniform(20, 50), rng.uniform(20, 50), rng.uniform(30, 60)])
    rgb = ink + (paper - ink) * (colour / 255.0)
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    falloff = rng.uniform(0.15, 0.35) * strength
    light = 1.0 - falloff * (((xx - cx) / w) ** 2 + ((yy - cy) / h) ** 2)
    rgb *= light[..., None]
    pad = round(0.06 * w)
    jitter = 0.045 * strength
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32(
        [[pad + x + rng.uniform(-jitter, jitter) * w, pad + y + rng.uniform(-jitter, jitter) * h]
         for x, y in src]
    )
    homography = cv2.getPerspectiveTransform(src, dst)
    table = tuple(float(rng.uniform(60, 110)) for _ in range(3))
    rgb = cv2.warpPerspective(rgb.astype(np.float32), homography, (w + 2 * pad, h + 2 * pad),
                              flags=cv2.INTER_LINEAR, borderValue=table)
    blur = rng.uniform(0.6, 1.4) * strength
    rgb = cv2.GaussianBlur(rgb, (0, 0), max(blur, 0.3))
    rgb = _noise(rgb, rng.uniform(2.0, 5.0), rng)
    quality = rng.randint(70, 90)
    out = _jpeg(Image.fromarray(_u8(rgb), "RGB"), quality)
    params = {"dpi": out_dpi, "corners": dst.tolist(), "blur_sigma": blur, "jpeg_quality": quality,
              "light_falloff": falloff}
    return Degraded(out, "photo", out_dpi, params, homography @ scale)


def photo_light(image: Image.Image, rng: random.Random, dpi: int) -> Degraded:
    """A careful phone photo: the same effects at half strength."""
    result = photo(image, rng, dpi, strength=0.5)
    result.kind = "photo-light"
    return result


def rotate(image: Image.Image, rng: random.Random, dpi: int) -> Degraded:
    """The page fed sideways or upside down: 90, 180 or 270° counter-clockwise."""
    angle = rng.choice((90, 180, 270))
    w, h = image.size
    turned = image.transpose({90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
                              270: Image.Transpose.ROTATE_270}[angle])
    matrix = {
        90: np.array([[0, 1, 0], [-1, 0, w - 1], [0, 0, 1]], float),
        180: np.array([[-1, 0, w - 1], [0, -1, h - 1], [0, 0, 1]], float),
        270: np.array([[0, -1, h - 1], [1, 0, 0], [0, 0, 1]], float),
    }[angle]
    return Degraded(turned, "rotate", dpi, {"dpi": dpi, "rotation": angle}, matrix)


def faded(image: Image.Image, rng: random.Random, dpi: int) -> Degraded:
    """Low toner: ink lightened unevenly across the page, with a little noise."""
    grey = _grey(image)
    h, w = grey.shape
    strength = rng.uniform(0.35, 0.6)
    noise_rng = np.random.default_rng(rng.getrandbits(32))
    patches = cv2.resize(noise_rng.random((6, 4)).astype(np.float32), (w, h),
                         interpolation=cv2.INTER_CUBIC)
    keep = np.clip(1.0 - strength - 0.25 * patches, 0.2, 1.0)  # fraction of ink left
    grey = 255.0 - (255.0 - grey) * keep
    grey = _noise(grey, rng.uniform(1.5, 3.5), rng)
    return Degraded(Image.fromarray(_u8(grey)), "faded", dpi, {"dpi": dpi, "fade": strength},
                    np.eye(3))


def straighten(page: Degraded) -> Degraded:
    """Undo the recorded ``skew`` exactly, as an ideal deskewing preprocessor would; the
    scan's other damage (resampling, noise, JPEG) stays. For OCR data that should look like
    what the OCR stage passes on after its own deskew."""
    angle = page.params.get("skew", 0.0)
    if not angle:
        return page
    array = np.asarray(page.image)
    border = (255, 255, 255) if array.ndim == 3 else 255
    h, w = array.shape[:2]
    affine = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    out = cv2.warpAffine(array, affine, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)
    matrix = np.vstack([affine, [0, 0, 1]]) @ page.matrix
    params = {**page.params, "skew": 0.0, "straightened": angle}
    return Degraded(Image.fromarray(out), page.kind, page.dpi, params, matrix)


_STEPS: dict[str, Callable[[Image.Image, random.Random, int], Degraded]] = {
    "clean": clean,
    "office": office,
    "fax": fax,
    "photo": photo,
    "photo-light": photo_light,
    "rotate": rotate,
    "faded": faded,
}


def _grey(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L"), dtype=np.float32)


def _u8(array: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(array), 0, 255).astype(np.uint8)


def _resample(grey: np.ndarray, dpi: int, target: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Scan at ``target`` dpi (never upsample): the image, its scale matrix, its dpi."""
    factor = min(1.0, target / dpi)
    if factor == 1.0:
        return grey, np.eye(3), dpi
    h, w = grey.shape[:2]
    size = (round(w * factor), round(h * factor))
    out = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    return out, np.diag([size[0] / w, size[1] / h, 1.0]), target


def _rotate(grey: np.ndarray, angle: float, border: int) -> tuple[np.ndarray, np.ndarray]:
    h, w = grey.shape
    affine = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(grey, affine, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)
    return out, np.vstack([affine, [0, 0, 1]])


def _noise(array: np.ndarray, sigma: float, rng: random.Random) -> np.ndarray:
    noise_rng = np.random.default_rng(rng.getrandbits(32))
    return array + noise_rng.normal(0.0, sigma, array.shape).astype(np.float32)


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    out = Image.open(buffer)
    out.load()
    return out
