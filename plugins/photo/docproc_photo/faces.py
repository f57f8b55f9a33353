"""Find faces and eyes with the cascades OpenCV 4.x and scikit-image ship (no model downloads).

Haar frontal-face boxes are reliable for *where* a face is but not for its
extent, so the geometry checks only take the face box as a seed; eyes give the
scale (inter-ocular distance) and the roll.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

Box = tuple[int, int, int, int]  # x, y, width, height


@dataclass(frozen=True)
class Face:
    box: Box
    eyes: tuple[tuple[float, float], tuple[float, float]] | None  # (left-in-image, right-in-image) centres
    weight: float  # cascade confidence (level weight)

    @property
    def center_x(self) -> float:
        return self.box[0] + self.box[2] / 2

    @property
    def eye_distance(self) -> float | None:
        if self.eyes is None:
            return None
        (lx, ly), (rx, ry) = self.eyes
        return math.hypot(rx - lx, ry - ly)

    @property
    def roll_deg(self) -> float | None:
        if self.eyes is None:
            return None
        (lx, ly), (rx, ry) = self.eyes
        return math.degrees(math.atan2(ry - ly, rx - lx))


@cache
def _cascade(name: str) -> cv2.CascadeClassifier:
    path = str(Path(cv2.data.haarcascades) / f"haarcascade_{name}.xml")
    cascade = cv2.CascadeClassifier(path)
    if cascade.empty():
        raise RuntimeError(f"cascade {name} could not be loaded")
    return cascade


def _overlap(a: Box, b: Box) -> float:
    """Intersection over the smaller box: 1.0 when one box lies inside the other."""
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    return inter / max(1, min(a[2] * a[3], b[2] * b[3]))


DETECT_HEIGHT = 240  # faces in an ID photo are large: detect on a small copy, refine at full size


def detect_frontal(gray: np.ndarray, *, min_fraction: float = 0.1) -> list[tuple[Box, float]]:
    """Frontal-face boxes with a confidence, nested or overlapping duplicates merged, largest first."""
    h = gray.shape[0]
    f = min(1.0, DETECT_HEIGHT / h) if min_fraction >= 0.1 else 1.0
    small = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    side = max(20, int(min(small.shape[:2]) * min_fraction))
    boxes, _, weights = _cascade("frontalface_default").detectMultiScale3(
        small, scaleFactor=1.08, minNeighbors=5, minSize=(side, side), outputRejectLevels=True
    )
    found = sorted(
        ((tuple(round(v / f) for v in b), float(wt)) for b, wt in zip(boxes, np.ravel(weights), strict=False)),
        key=lambda bw: -bw[0][2],
    )
    merged: list[tuple[Box, float]] = []
    for box, weight in found:
        if all(_overlap(box, kept) < 0.35 for kept, _ in merged):
            merged.append((box, weight))  # type: ignore[arg-type]
    return merged  # type: ignore[return-value]


def confirmed_by_second_detector(gray: np.ndarray, box: Box) -> bool:
    """Whether a second, differently trained cascade (``alt2``) also sees a face at ``box``."""
    x, y, w, h = box
    pad = w // 3
    x0, y0 = max(0, x - pad), max(0, y - pad)
    crop = gray[y0 : y + h + pad, x0 : x + w + pad]
    found = _cascade("frontalface_alt2").detectMultiScale(crop, 1.08, 3, minSize=(int(w * 0.6), int(w * 0.6)))
    return any(_overlap((fx + x0, fy + y0, fw, fh), box) > 0.5 for fx, fy, fw, fh in found)


def find_eyes(gray: np.ndarray, box: Box) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The two eye centres inside a face box, or None when no plausible pair is found."""
    x, y, w, h = box
    top, bottom = y + int(0.15 * h), y + int(0.6 * h)
    region = gray[top:bottom, x : x + w]
    if region.size == 0:
        return None
    side = max(8, int(0.14 * w))
    for name in ("eye", "eye_tree_eyeglasses"):
        eyes = _cascade(name).detectMultiScale(region, 1.05, 3, minSize=(side, side), maxSize=(int(0.45 * w),) * 2)
        centres = [(x + ex + ew / 2, top + ey + eh / 2, ew) for ex, ey, ew, eh in eyes]
        best: tuple[float, tuple[tuple[float, float], tuple[float, float]]] | None = None
        for i, a in enumerate(centres):
            for b in centres[i + 1 :]:
                left, right = sorted((a, b))
                dx, dy = right[0] - left[0], right[1] - left[1]
                if not 0.25 * w <= dx <= 0.65 * w or abs(dy) > 0.6 * dx:
                    continue
                if not left[0] < x + w / 2 < right[0]:
                    continue
                # prefer pairs symmetric about the box centre and of similar size
                cost = abs((left[0] + right[0]) / 2 - (x + w / 2)) / w + abs(left[2] - right[2]) / w
                if best is None or cost < best[0]:
                    best = (cost, ((left[0], left[1]), (right[0], right[1])))
        if best is not None:
            return best[1]
    return None


def detect_profile(gray: np.ndarray, *, min_fraction: float = 0.12) -> list[Box]:
    """Faces seen from the side (either direction)."""
    h, w = gray.shape[:2]
    side = max(20, int(min(h, w) * min_fraction))
    cascade = _cascade("profileface")
    found = [tuple(int(v) for v in b) for b in cascade.detectMultiScale(gray, 1.08, 5, minSize=(side, side))]
    flipped = cascade.detectMultiScale(gray[:, ::-1].copy(), 1.08, 5, minSize=(side, side))
    found += [(w - int(fx) - int(fw), int(fy), int(fw), int(fh)) for fx, fy, fw, fh in flipped]
    return found  # type: ignore[return-value]


def rotate(gray: np.ndarray, degrees: float) -> tuple[np.ndarray, np.ndarray]:
    """The image rotated about its centre (same size) and the matrix used."""
    h, w = gray.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE), m
