"""Round seals pressed over a signature block, lifted out of a crop before it is re-read.

On a fax the red seal comes out as black as the print: its thin rings cut through the
capacity lines and the signer's name, its rim lettering and star sit among them, and
Tesseract reads little of the block. A ring is a circle nearly all of whose points lie on
ink (letters and scribbles never make one): OpenCV's Hough transform proposes circles, each
is refined by hill-climbing along the middle of the stroke, and the other rings of the same
seal are looked for about its centre. The rings are painted paper-white, except where ink
goes on across them (a letter the ring crosses keeps its stroke); so are the seal's emblem
and the small marks between its rings, on rows where no text runs on past the seal.
On 42 dev fax and photo pages this took the signer's name read verbatim from 18 to 21.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

RING_SHARE = 0.8  # share of a circle's points on ink for it to be a ring
# Ring radii the Hough vote looks for: the outer or the inner ring of a round seal of a
# Vietnamese body (32-42 mm across, inner ring about 0.7 of that); the other ring is then
# found about the centre. Radii down to 8 mm made the vote 3x dearer and found no more.
RADIUS_MM = (11.0, 24.0)
CANDIDATES = 15  # Hough circles refined
_ANGLES = np.linspace(0, 2 * np.pi, 360, endpoint=False)
_COS, _SIN = np.cos(_ANGLES), np.sin(_ANGLES)


@dataclass(frozen=True)
class Ring:
    """A circle of ink: centre, radius, and the band ``[inner, outer]`` of radii it covers."""

    x: float
    y: float
    radius: float
    inner: float
    outer: float


def _share(near: np.ndarray, x: float, y: float, radius: float) -> float:
    """Mean of ``near`` over the circle's points (0 when a tenth of it is off the crop)."""
    xs = np.round(x + radius * _COS).astype(int)
    ys = np.round(y + radius * _SIN).astype(int)
    inside = (xs >= 0) & (xs < near.shape[1]) & (ys >= 0) & (ys < near.shape[0])
    if inside.mean() < 0.9:
        return 0.0
    return float(near[ys[inside], xs[inside]].sum()) / len(_ANGLES)


def _refined(
    field: np.ndarray, x: float, y: float, radius: float
) -> tuple[float, float, float, float]:
    """(mean, x, y, radius) after hill-climbing the mean of ``field`` (blurred ink, highest
    along the middle of a stroke) over the circle, in ever finer steps."""
    best = (_share(field, x, y, radius), x, y, radius)
    for step in (4, 2, 1):
        improved = True
        while improved:
            improved = False
            _, bx, by, br = best
            for dx, dy, dr in ((step, 0, 0), (-step, 0, 0), (0, step, 0), (0, -step, 0),
                               (0, 0, step), (0, 0, -step)):  # fmt: skip
                share = _share(field, bx + dx, by + dy, br + dr)
                if share > best[0]:
                    best, improved = (share, bx + dx, by + dy, br + dr), True
    return best


def _band(ink: np.ndarray, x: float, y: float, radius: float) -> Ring:
    """The ring's stroke: the radii around ``radius`` still mostly on ink."""
    inner = outer = radius
    while inner > 1 and _share(ink, x, y, inner - 1) >= 0.5:
        inner -= 1
    while _share(ink, x, y, outer + 1) >= 0.5:
        outer += 1
    return Ring(x, y, radius, inner, outer)


def find_rings(ink: np.ndarray, dpi: int) -> list[Ring]:
    """Seal rings in ``ink`` (a 0/1 mask), outer and inner, each once. Candidates are taken
    largest first; one whose centre lies inside a ring already found belongs to that seal
    (rim lettering makes such false circles), whose inner rings are looked for apart."""
    near = cv2.dilate(ink, np.ones((3, 3), np.uint8))
    field = cv2.GaussianBlur(ink.astype(np.float32), (0, 0), 1.5)
    per_mm = dpi / 25.4
    smooth = cv2.GaussianBlur(255 - ink * 255, (5, 5), 1.5)
    circles = cv2.HoughCircles(
        smooth, cv2.HOUGH_GRADIENT, dp=1, minDist=2 * per_mm, param1=100, param2=20,
        minRadius=round(RADIUS_MM[0] * per_mm), maxRadius=round(RADIUS_MM[1] * per_mm),
    )  # fmt: skip
    refined = [
        _refined(field, float(x), float(y), float(r))
        for x, y, r in ([] if circles is None else circles[0][:CANDIDATES])
    ]
    found: list[tuple[float, float, float]] = []
    for _, x, y, radius in sorted(refined, key=lambda c: -c[3]):
        if _share(near, x, y, radius) < RING_SHARE or any(
            np.hypot(x - a, y - b) < r for a, b, r in found
        ):
            continue
        found.append((x, y, radius))
        found += _concentric(near, field, (x, y, radius), RADIUS_MM[1] * per_mm)
    return [_band(ink, x, y, r) for x, y, r in found]


def _concentric(
    near: np.ndarray, field: np.ndarray, ring: tuple[float, float, float], max_radius: float
) -> list[tuple[float, float, float]]:
    """Other rings about the centre of ``ring`` (x, y, radius): a seal's inner ring is
    thinner and breaks up on a fax, and a sharp outer ring may get few Hough votes, so they
    are looked for where they must be (the peaks of the share over the radius) rather than
    left to the vote."""
    x, y, radius = ring
    radii = np.arange(0.45 * radius, min(2.2 * radius, max_radius))
    shares = [_share(near, x, y, r) for r in radii]
    rings: list[tuple[float, float, float]] = []
    for i in range(1, len(radii) - 1):
        if shares[i] < RING_SHARE / 2 or shares[i] < max(shares[i - 1], shares[i + 1]):
            continue
        _, rx, ry, rr = _refined(field, x, y, float(radii[i]))
        if _share(near, rx, ry, rr) >= RING_SHARE and all(
            abs(rr - q) >= 4 for _, _, q in [ring, *rings]
        ):
            rings.append((rx, ry, rr))
    return rings


def _ring_pixels(ink: np.ndarray, ring: Ring) -> np.ndarray:
    """Mask of the ring's own ink: the pixels of its band, except where ink goes on just
    inside or outside it along the same radius (a letter the ring crosses)."""
    ys, xs = np.nonzero(ink)
    dx, dy = xs - ring.x, ys - ring.y
    distance = np.hypot(dx, dy)
    band = (distance >= ring.inner - 1) & (distance <= ring.outer + 1)
    ys, xs, dx, dy, distance = ys[band], xs[band], dx[band], dy[band], distance[band]
    crossed = np.zeros(len(xs), bool)
    for reach in (ring.inner - 3, ring.outer + 3):
        px = np.round(ring.x + dx / np.maximum(distance, 1) * reach).astype(int)
        py = np.round(ring.y + dy / np.maximum(distance, 1) * reach).astype(int)
        inside = (px >= 0) & (px < ink.shape[1]) & (py >= 0) & (py < ink.shape[0])
        crossed[inside] |= ink[py[inside], px[inside]] > 0
    mask = np.zeros(ink.shape, bool)
    mask[ys[~crossed], xs[~crossed]] = True
    return mask


def _seal_marks(ink: np.ndarray, rings: list[Ring]) -> np.ndarray:
    """Mask of the seal's own marks: its emblem (a large mark in the middle, such as the
    star) and the small marks between its outer and inner ring (the issuing body's name
    around the rim) on rows with no ink outside the seal: a capacity line or a name the
    seal lies on runs on past it, so marks on its rows are kept (they may be its own letters
    or tone marks)."""
    outer = max(rings, key=lambda r: r.radius)
    inner = [r for r in rings if r is not outer and np.hypot(r.x - outer.x, r.y - outer.y) < 6]
    if not inner:
        return np.zeros(ink.shape, bool)
    core = min(r.inner for r in inner)
    low, high = max(r.outer for r in inner) + 1, outer.inner - 1
    ys, xs = np.mgrid[: ink.shape[0], : ink.shape[1]]
    beyond = np.hypot(xs - outer.x, ys - outer.y) > outer.outer + 3
    rows = (ink.astype(bool) & beyond).any(axis=1)
    count, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    marks = np.zeros(count, bool)
    for i in range(1, count):
        _, y, w, h = (int(v) for v in stats[i, :4])
        distance = np.hypot(centres[i][0] - outer.x, centres[i][1] - outer.y)
        rim = low <= distance <= high and max(w, h) < high - low and not rows[y : y + h].any()
        emblem = distance < 0.3 * core and 0.5 * core < max(w, h) < core
        marks[i] = rim or emblem
    return marks[labels]


def lift_seal(crop: np.ndarray, dpi: int) -> np.ndarray | None:
    """``crop`` (grey) with its seal rings and rim lettering turned to paper, or None when
    it has no seal ring."""
    _, ink = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    rings = find_rings(ink, dpi)
    if not rings:
        return None
    erase = np.zeros(ink.shape, bool)
    for ring in rings:
        erase |= _ring_pixels(ink, ring)
    ink[erase] = 0
    erase |= _seal_marks(ink, rings)
    ink[erase] = 0
    # the soft grey edges of what was erased go too, but not those of the ink that stays
    edges = cv2.dilate(erase.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    out = crop.copy()
    out[edges & (cv2.dilate(ink, np.ones((3, 3), np.uint8)) == 0) | erase] = 255
    return out
