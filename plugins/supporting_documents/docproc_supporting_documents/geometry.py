"""Find a page's text lines cheaply: orientation, skew and line boxes without OCR.

The page is scaled to about 150 dpi and binarised. The angle that makes the
row profile of the ink most "stripy" (text lines and the gaps between them)
is the page's text direction plus skew, searched over ±10° around 0° and 90°;
the 180° ambiguity that remains is left to OCR (upside-down text reads as
garbage). Lines are found by smearing ink horizontally and taking connected
components of text-line shape.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_LONG_SIDE = 1754  # an A4 page's long side at 150 dpi
_PROFILE_LONG_SIDE = 500
_SKEW_RANGE = 10


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def right(self) -> int:
        return self.x + self.w


@dataclass
class Levelled:
    """The page turned so its text lines run horizontally (maybe upside-down), and how to map back."""

    gray: np.ndarray
    to_page: np.ndarray  # 2x3 affine: working pixels -> original page pixels
    angle: float  # degrees the page was turned (counter-clockwise), multiple of 90 plus skew

    def page_box(self, box: Box, *, flipped: bool) -> tuple[int, int, int, int]:
        """``box`` (in working pixels, or in the 180°-turned working image) as x, y, w, h on the original page."""
        h, w = self.gray.shape[:2]
        corners = np.float32([[box.x, box.y], [box.right, box.y], [box.right, box.bottom], [box.x, box.bottom]])
        if flipped:
            corners = np.float32([[w - x, h - y] for x, y in corners])
        mapped = cv2.transform(corners[None], self.to_page)[0]
        x0, y0 = mapped.min(axis=0)
        x1, y1 = mapped.max(axis=0)
        return int(x0), int(y0), int(np.ceil(x1 - x0)), int(np.ceil(y1 - y0))


def _ink(gray: np.ndarray) -> np.ndarray:
    """Binary ink mask (255 = ink) robust to uneven light: background estimated by a large blur."""
    background = cv2.medianBlur(gray, 31) if min(gray.shape) > 62 else np.full_like(gray, 255)
    flat = cv2.divide(gray, np.maximum(background, 1), scale=255)
    _, ink = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if ink.mean() > 255 * 0.4:  # Otsu on a blank page splits noise: treat as no ink
        _, ink = cv2.threshold(flat, 160, 255, cv2.THRESH_BINARY_INV)
    return ink


def _rotation(shape: tuple[int, int], angle: float) -> tuple[np.ndarray, tuple[int, int]]:
    """Affine turning an image of ``shape`` by ``angle`` degrees (counter-clockwise) on an enlarged canvas."""
    h, w = shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return m, (nw, nh)


def _without_rules(ink: np.ndarray) -> np.ndarray:
    """Ink minus large connected shapes (frames, table borders, card outlines) that would outvote the text."""
    h, w = ink.shape[:2]
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    large = (stats[:, cv2.CC_STAT_WIDTH] > w // 5) | (stats[:, cv2.CC_STAT_HEIGHT] > h // 5)
    large[0] = False
    if not large.any():
        return ink
    out = ink.copy()
    out[large[labels]] = 0
    return out


def _stripiness(ink_small: np.ndarray, angle: float) -> float:
    m, size = _rotation(ink_small.shape[:2], angle)
    turned = cv2.warpAffine(ink_small, m, size, flags=cv2.INTER_NEAREST, borderValue=0)
    rows = turned.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def text_angle(ink: np.ndarray) -> float:
    """The turn (degrees, counter-clockwise) that makes the text lines horizontal."""
    f = _PROFILE_LONG_SIDE / max(ink.shape[:2])
    small = cv2.resize(ink, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    small = _without_rules(small)
    candidates = [a + base for base in (0, 90) for a in range(-_SKEW_RANGE, _SKEW_RANGE + 1, 2)]
    best = max(candidates, key=lambda a: _stripiness(small, a))
    fine = [best + d / 2 for d in range(-3, 4)]
    return max(fine, key=lambda a: _stripiness(small, a))


def level(gray: np.ndarray) -> Levelled:
    """Scale ``gray`` to the working resolution and turn its text lines horizontal."""
    f = min(1.0, WORK_LONG_SIDE / max(gray.shape[:2])) if max(gray.shape[:2]) > 0 else 1.0
    scale = np.float64([[f, 0, 0], [0, f, 0]])
    work = cv2.resize(gray, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else gray
    angle = text_angle(_ink(work))
    m, size = _rotation(work.shape[:2], angle)
    turned = cv2.warpAffine(work, m, size, flags=cv2.INTER_LINEAR, borderValue=255)
    full = np.vstack([m, [0, 0, 1]]) @ np.vstack([scale, [0, 0, 1]])
    return Levelled(gray=turned, to_page=cv2.invertAffineTransform(full[:2]), angle=angle)


def text_lines(gray: np.ndarray) -> list[Box]:
    """Boxes of horizontal text lines in a levelled page, top to bottom."""
    ink = _ink(gray)
    ink = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # speckle
    smear = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 1)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(smear, connectivity=8)
    boxes = [Box(int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:count]]
    boxes = [b for b in boxes if 7 <= b.h <= 110 and b.w >= 6]
    merged = _merge_rows(boxes)
    return sorted((b for b in merged if b.w >= 1.8 * b.h), key=lambda b: (b.y, b.x))


def _merge_rows(boxes: list[Box]) -> list[Box]:
    """Join pieces of one line (letter-spaced titles, words far apart) that share a row."""
    boxes = sorted(boxes, key=lambda b: b.x)
    out: list[Box] = []
    for box in boxes:
        for i, line in enumerate(out):
            overlap = min(line.bottom, box.bottom) - max(line.y, box.y)
            near = box.x - line.right < 2.2 * max(line.h, box.h)
            similar = 0.6 < box.h / line.h < 1.6
            inside = line.x - 2 <= box.x and box.right <= line.right + 2 and overlap > 0.5 * box.h
            if inside or (overlap > 0.6 * min(line.h, box.h) and near and similar):
                x0, y0 = min(line.x, box.x), min(line.y, box.y)
                out[i] = Box(x0, y0, max(line.right, box.right) - x0, max(line.bottom, box.bottom) - y0)
                break
        else:
            out.append(box)
    return out
