"""Find machine-readable zones on a page without OCR.

An MRZ is 2 or 3 parallel lines of 30-44 fixed-pitch OCR-B capitals of one height. We
binarise, keep character-sized connected components, close them along one axis into
line blobs (both axes, so pages turned 90 degrees work), and pair blobs that are long,
thin, equally long, parallel and one line pitch apart. The regular pitch of their
characters separates an MRZ from lines of proportional prose. Works on a downscaled
copy (long side <= 1600 px); coordinates are returned in the original page's pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

WORK_LONG_SIDE = 1600
MAX_TILT = 24.0  # degrees off the axis a line blob may lean (skew plus perspective)


@dataclass(frozen=True)
class LineBlob:
    center: tuple[float, float]  # working-image pixels
    length: float
    thickness: float
    angle: float  # degrees of the line direction, in (-90, 90]
    n_components: int
    regularity: float  # share of character gaps within 25 % of the median gap


@dataclass(frozen=True)
class MrzBand:
    """A located MRZ: the rotated rectangle holding its lines, in page pixels."""

    center: tuple[float, float]
    length: float  # along the lines
    height: float  # across the lines, all lines together
    angle: float  # direction of the lines in degrees (cv2 convention, image y down)
    n_lines: int
    char_height: float  # page pixels
    score: float  # 0..1 how MRZ-like

    def crop(self, gray: np.ndarray, *, flip: bool, target_char_height: float = 28.0,
             margin: float = 0.8, margin_along: float = 1.2) -> tuple[np.ndarray, np.ndarray]:
        """The upright band, scaled so characters are ``target_char_height`` px tall.

        Returns the crop and the 2x3 affine matrix mapping page pixels to crop pixels.
        """
        s = target_char_height / max(self.char_height, 1.0)
        out_w = round((self.length + 2 * margin_along * self.char_height) * s)
        out_h = round((self.height + 2 * margin * self.char_height) * s)
        angle = self.angle + (180.0 if flip else 0.0)
        m = cv2.getRotationMatrix2D(self.center, angle, s)
        m[0, 2] += out_w / 2 - self.center[0]
        m[1, 2] += out_h / 2 - self.center[1]
        interp = cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC
        crop = cv2.warpAffine(gray, m, (out_w, out_h), flags=interp, borderMode=cv2.BORDER_REPLICATE)
        return crop, m


def _shrink(gray: np.ndarray, scale: float) -> np.ndarray:
    """Downscale by ``scale``: halvings first (OpenCV's fast integer path), then one area resize."""
    f = scale
    while f < 0.5:
        gray = cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)
        f *= 2
    h, w = gray.shape[:2]
    target = (max(1, round(w * f)), max(1, round(h * f)))
    return cv2.resize(gray, target, interpolation=cv2.INTER_AREA) if f < 0.999 else gray


def _binarise(gray: np.ndarray) -> np.ndarray:
    smooth = cv2.GaussianBlur(gray, (3, 3), 0)
    return cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 12)


def _character_components(binary: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boxes (x, y, w, h) and centres of components sized like characters."""
    _n, _labels, stats, centroids = cv2.connectedComponentsWithStats(binary, connectivity=8)
    x, y, w, h, area = stats[1:, 0], stats[1:, 1], stats[1:, 2], stats[1:, 3], stats[1:, 4]
    big, small = np.maximum(w, h), np.minimum(w, h)
    keep = (big >= 4) & (big <= 70) & (small >= 1) & (area >= 6) & (area <= 0.9 * w * h + 1) & (small * 6 >= big)
    boxes = np.stack([x, y, w, h], axis=1)[keep]
    return boxes, centroids[1:][keep]


def _blobs(mask: np.ndarray, centers: np.ndarray, boxes: np.ndarray, kernel: int, vertical: bool) -> list[LineBlob]:
    k = cv2.getStructuringElement(cv2.MORPH_RECT, (1, kernel) if vertical else (kernel, 1))
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, k)
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for c in contours:
        if cv2.contourArea(c) < 40:
            continue
        (cx, cy), (rw, rh), ang = cv2.minAreaRect(c)
        length, thick = max(rw, rh), min(rw, rh)
        if thick < 4 or length < 12 * thick:
            continue
        # direction of the long side
        direction = ang if rw >= rh else ang + 90.0
        direction = (direction + 90.0) % 180.0 - 90.0
        if vertical:
            direction %= 180.0  # near-vertical lines in [0, 180): -90 and 89.9 must not face opposite ways
        if (vertical and abs(abs(direction) - 90.0) > MAX_TILT) or (not vertical and abs(direction) > MAX_TILT):
            continue
        idx = [i for i in _near_idx(centers, cx, cy, length)
               if cv2.pointPolygonTest(c, (float(centers[i][0]), float(centers[i][1])), False) >= 0]
        if len(idx) < 8:
            continue
        theta = np.deg2rad(direction)
        along_vec = np.array([np.cos(theta), np.sin(theta)])
        normal = np.array([-np.sin(theta), np.cos(theta)])
        char_extent = float(np.median(boxes[idx, 2] if vertical else boxes[idx, 3]))
        split = char_extent * 1.3 < thick
        if not split:
            rows = [np.array(idx)]
        else:
            # The blob swallowed marks beside the line, or two MRZ lines printed close together
            # touched: split its characters into rows across the line.
            idx_arr = np.array(idx)
            offsets = (centers[idx_arr] - np.array([cx, cy])) @ normal
            order = np.argsort(offsets)
            cuts = np.nonzero(np.diff(offsets[order]) > 0.5 * char_extent)[0] + 1
            rows = [idx_arr[part] for part in np.split(order, cuts) if len(part) >= 8]
            thick = char_extent * 1.1
        for row in rows:
            offset = float(np.median((centers[row] - np.array([cx, cy])) @ normal)) if split else 0.0
            rcx, rcy = cx + offset * normal[0], cy + offset * normal[1]
            gaps = np.diff(np.sort(centers[row] @ along_vec))
            med = float(np.median(gaps)) if len(gaps) else 0.0
            regular = float(np.mean(np.abs(gaps - med) <= 0.25 * med)) if med > 0 else 0.0
            out.append(LineBlob((rcx, rcy), length, thick, direction, len(row), regular))
    return out


def _near_idx(centers: np.ndarray, cx: float, cy: float, length: float) -> np.ndarray:
    d = np.abs(centers - np.array([cx, cy])).max(axis=1)
    return np.nonzero(d <= length / 2 + 2)[0]


def _angle_diff(a: float, b: float) -> float:
    d = abs(a - b) % 180.0
    return min(d, 180.0 - d)


def _group_score(group: list[LineBlob]) -> float:
    ratio = np.mean([b.length / b.thickness for b in group])
    shape = 1.0 if 18 <= ratio <= 70 else 0.5
    regular = float(np.mean([b.regularity for b in group]))
    chars = float(np.mean([min(b.n_components, 30) / 30 for b in group]))
    return shape * (0.5 * regular + 0.3 * chars + 0.2)


def _groups(blobs: list[LineBlob]) -> list[list[LineBlob]]:
    """Sets of 2 or 3 consecutive parallel line blobs of similar length, one line pitch apart."""
    found: list[list[LineBlob]] = []
    for a in blobs:
        theta = np.deg2rad(a.angle)
        along = np.array([np.cos(theta), np.sin(theta)])
        normal = np.array([-np.sin(theta), np.cos(theta)])
        partners = []
        for b in blobs:
            if b is a or _angle_diff(a.angle, b.angle) > 4.0:
                continue
            if not 0.6 <= b.length / a.length <= 1.67 or not 0.6 <= b.thickness / a.thickness <= 1.67:
                continue
            delta = np.array(b.center) - np.array(a.center)
            across = float(delta @ normal)
            if not 0.9 * a.thickness <= across <= 3.2 * a.thickness:
                continue
            if abs(float(delta @ along)) > 0.25 * max(a.length, b.length):
                continue
            partners.append((across, b))
        for _across, b in sorted(partners, key=lambda p: p[0])[:1]:
            group = [a, b]
            # a third line below b makes a TD1
            for c in blobs:
                if c is a or c is b or _angle_diff(b.angle, c.angle) > 4.0:
                    continue
                delta = np.array(c.center) - np.array(b.center)
                across = float(delta @ normal)
                if 0.9 * b.thickness <= across <= 3.2 * b.thickness and abs(float(delta @ along)) < 0.25 * b.length \
                        and 0.6 <= c.length / b.length <= 1.67:
                    group.append(c)
                    break
            found.append(group)
    return found


def find_mrz_bands(gray: np.ndarray, *, max_bands: int = 3) -> list[MrzBand]:
    """Candidate MRZ bands on ``gray`` (8-bit, any size), best first."""
    if gray is None or gray.ndim != 2 or min(gray.shape) < 32:
        return []
    scale = min(1.0, WORK_LONG_SIDE / max(gray.shape))
    small = _shrink(gray, scale) if scale < 1 else gray
    if max(small.shape) < 900:  # low-resolution photo: work at double size so characters stay separable
        up = 2.0
        small = cv2.resize(small, None, fx=up, fy=up, interpolation=cv2.INTER_CUBIC)
        scale *= up
    binary = _binarise(small)
    boxes, centers = _character_components(binary)
    if len(boxes) < 16:
        return []
    mask = np.zeros_like(binary)
    for x, y, w, h in boxes:
        mask[y : y + h, x : x + w] = 255
    bands: list[MrzBand] = []
    for vertical in (False, True):
        for kernel in (9, 17):
            blobs = _blobs(mask, centers, boxes, kernel, vertical)
            for group in _groups(blobs):
                bands.append(_band(group, scale))
    bands.sort(key=lambda b: (round(b.score, 2), b.n_lines), reverse=True)  # a TD1's 3 lines beat 2 of them
    unique: list[MrzBand] = []
    for b in bands:
        if all(np.hypot(b.center[0] - u.center[0], b.center[1] - u.center[1]) > 0.3 * u.length for u in unique):
            unique.append(b)
    return unique[:max_bands]


def _band(group: list[LineBlob], scale: float) -> MrzBand:
    angle = float(np.mean([b.angle for b in group])) if max(b.angle for b in group) - min(
        b.angle for b in group) < 90 else group[0].angle
    theta = np.deg2rad(angle)
    normal = np.array([-np.sin(theta), np.cos(theta)])
    centers = np.array([b.center for b in group])
    center = centers.mean(axis=0)
    across = (centers - center) @ normal
    thick = float(np.mean([b.thickness for b in group]))
    height = float(across.max() - across.min()) + thick
    length = float(max(b.length for b in group))
    # a line blob's thickness includes the skew of its characters; characters are ~90 % of it
    char_h = thick * 0.9
    return MrzBand(
        center=(float(center[0] / scale), float(center[1] / scale)),
        length=length / scale,
        height=height / scale,
        angle=angle,
        n_lines=len(group),
        char_height=char_h / scale,
        score=_group_score(group),
    )
