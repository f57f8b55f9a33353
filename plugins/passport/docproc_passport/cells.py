"""Read an upright MRZ crop character by character.

OCR-B in an MRZ is fixed pitch, so the cell grid of each line follows from the
character components' centres (origin + index x pitch, fitted by least squares).
Each cell is then scored against OCR-B templates rendered from the system font
(normalised cross-correlation with a small shift search). The full score table is
kept: the parser picks the best character *allowed by the field* (digits in dates,
letters or '<' in names) and check-digit repair tries the runner-up characters.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from docproc_passport.glyphs import templates
from docproc_passport.layout import MRZ_ALPHABET

WIDTHS = (30, 36, 44)
SIZE_FACTORS = (0.84, 0.92, 1.0)


@dataclass
class CellReading:
    """Per-line text (best character per cell), ranked alternatives and cell geometry (crop pixels)."""

    lines: list[str]
    scores: list[np.ndarray]  # [line] -> [cells, len(MRZ_ALPHABET)] match scores
    best_scores: list[np.ndarray]  # [line] -> best NCC score per cell
    origins: list[tuple[float, float, float]]  # [line] -> (x of cell 0 centre, y at x=0, slope)
    pitch: float
    cap_height: float

    @property
    def mean_score(self) -> float:
        return float(np.mean(np.concatenate(self.best_scores))) if self.best_scores else 0.0

    def cell_box(self, line: int, col: int) -> tuple[float, float, float, float]:
        x0, y0, slope = self.origins[line]
        cx = x0 + col * self.pitch
        cy = y0 + slope * cx
        return cx - self.pitch / 2, cy - 0.6 * self.cap_height, self.pitch, 1.2 * self.cap_height


@dataclass
class _Line:
    cx: np.ndarray
    cy: np.ndarray
    heights: np.ndarray
    widths: np.ndarray


def _components(crop: np.ndarray, expected_h: float) -> tuple[np.ndarray, np.ndarray]:
    _t, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _n, _labels, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    stats, centroids = stats[1:], centroids[1:]
    h, w = stats[:, 3], stats[:, 2]
    keep = (h >= 0.3 * expected_h) & (h <= 1.8 * expected_h) & (w <= 2.5 * expected_h) & (stats[:, 4] >= 4)
    return stats[keep], centroids[keep]


def _split_lines(stats: np.ndarray, centroids: np.ndarray, n_lines: int, expected_h: float) -> list[_Line]:
    order = np.argsort(centroids[:, 1])
    ys = centroids[order, 1]
    groups: list[list[int]] = [[order[0]]] if len(order) else []
    for prev, cur, idx in zip(ys[:-1], ys[1:], order[1:], strict=True):
        if cur - prev > 0.45 * expected_h:
            groups.append([])
        groups[-1].append(idx)
    groups = sorted(groups, key=len, reverse=True)[:n_lines]
    groups.sort(key=lambda g: float(np.median(centroids[g, 1])))
    lines = []
    for g in groups:
        g = sorted(g, key=lambda i: centroids[i, 0])
        lines.append(_Line(centroids[g, 0], centroids[g, 1], stats[g, 3].astype(float), stats[g, 2].astype(float)))
    return lines


def _fit_grid(line: _Line, pitch_guess: float) -> tuple[float, float, int]:
    """(x of cell 0, pitch, cell count) from component centres, ignoring merged blobs."""
    single = line.widths <= 1.25 * pitch_guess
    xs = line.cx[single] if single.sum() >= 5 else line.cx
    p = pitch_guess
    x0 = xs[0]
    for _ in range(3):
        idx = np.round((xs - x0) / p)
        if len(np.unique(idx)) < 2:
            break
        a = np.vstack([np.ones_like(idx), idx]).T
        (x0, p), *_ = np.linalg.lstsq(a, xs, rcond=None)
    n = round((line.cx[-1] - x0) / p) + 1
    return float(x0), float(p), n


def _trim_outliers(line: _Line, pitch: float) -> _Line:
    """Drop components separated from the line by more than 2.5 pitches at either end (stray marks)."""
    keep = np.ones(len(line.cx), bool)
    gaps = np.diff(line.cx)
    lo, hi = 0, len(line.cx) - 1
    while lo < hi and gaps[lo] > 2.5 * pitch:
        keep[lo] = False
        lo += 1
    while hi > lo and gaps[hi - 1] > 2.5 * pitch:
        keep[hi] = False
        hi -= 1
    return _Line(line.cx[keep], line.cy[keep], line.heights[keep], line.widths[keep])


def _score_cells(crop: np.ndarray, centers: list[tuple[float, float]], cap: int, pitch: float) -> np.ndarray:
    """NCC score of each cell of one line against every template: array [cells, len(alphabet)].

    One ``matchTemplate`` per template over the strip holding the cells, then the best
    response within a small shift window around each cell's expected position.
    """
    p = max(4, round(pitch))
    _alphabet, tmpl = templates(cap, p)
    th, tw = tmpl.shape[1:]
    s = max(2, round(0.15 * pitch))
    pad = th + tw + s
    padded = cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    xs = np.array([c[0] for c in centers]) + pad
    ys = np.array([c[1] for c in centers]) + pad
    left = np.round(xs - tw / 2).astype(int)
    top = np.round(ys - th / 2).astype(int)
    if left.min() - s < 0 or top.min() - s < 0 or left.max() + tw + s > padded.shape[1] \
            or top.max() + th + s > padded.shape[0]:
        inside = (left - s >= 0) & (top - s >= 0) & (left + tw + s <= padded.shape[1]) \
            & (top + th + s <= padded.shape[0])
        out = np.zeros((len(centers), len(tmpl)), np.float32)
        if inside.any():
            kept = [c for c, ok in zip(centers, inside, strict=True) if ok]
            out[inside] = _score_cells(crop, kept, cap, pitch)
        return out
    x0, y0 = left.min() - s, top.min() - s
    strip = padded[y0 : top.max() + th + s, x0 : left.max() + tw + s].astype(np.float32)
    responses = np.stack([cv2.matchTemplate(strip, t, cv2.TM_CCOEFF_NORMED) for t in tmpl])
    out = np.empty((len(centers), len(tmpl)), np.float32)
    for i, (lx, ty) in enumerate(zip(left - x0, top - y0, strict=True)):
        out[i] = responses[:, ty - s : ty + s + 1, lx - s : lx + s + 1].max(axis=(1, 2))
    return out


def read_cells(crop: np.ndarray, n_lines: int, expected_h: float, *, max_cols: int | None = None,
               size_search: bool = True) -> CellReading | None:
    """Segment and classify an upright MRZ crop; ``None`` when no consistent grid is found.

    ``max_cols`` scores only the first cells of each line (a cheap orientation probe).
    """
    stats, centroids = _components(crop, expected_h)
    if len(stats) < 10 * n_lines:
        return None
    lines = _split_lines(stats, centroids, n_lines, expected_h)
    if len(lines) != n_lines or any(len(ln.cx) < 8 for ln in lines):
        return None
    heights = np.concatenate([ln.heights for ln in lines])
    cap = float(np.percentile(heights, 75))
    all_w = np.concatenate([ln.widths for ln in lines])
    pitch_guess = float(np.median(np.concatenate([np.diff(ln.cx) for ln in lines])))
    pitch_guess = pitch_guess if pitch_guess > 0.3 * cap else float(np.median(all_w)) * 1.3
    lines = [_trim_outliers(ln, pitch_guess) for ln in lines]
    grids = [_fit_grid(ln, pitch_guess) for ln in lines]
    pitch = float(np.median([g[1] for g in grids]))
    x0 = float(np.median([g[0] for g in grids]))
    n_raw = max(g[2] for g in grids)
    n = min(WIDTHS, key=lambda w: abs(w - n_raw))
    if abs(n - n_raw) > 3:
        return None
    geometry = []
    for ln, (lx0, _lp, _ln) in zip(lines, grids, strict=True):
        start = lx0 if abs(lx0 - x0) < 0.4 * pitch else x0
        slope, intercept = np.polyfit(ln.cx, ln.cy, 1) if len(ln.cx) >= 3 else (0.0, float(np.median(ln.cy)))
        geometry.append((start, float(intercept), float(slope)))

    def centers(cols: range) -> list[list[tuple[float, float]]]:
        return [[(st + c * pitch, ic + sl * (st + c * pitch)) for c in cols] for st, ic, sl in geometry]

    # The measured height mixes letters, taller digits and blur: pick the template size that fits best.
    probe = centers(range(0, min(n, 12)))[0]
    sizes = sorted({max(6, round(cap * f)) for f in SIZE_FACTORS}) if size_search else [max(6, round(cap * 0.92))]
    size = max(sizes, key=lambda sz: float(_score_cells(crop, probe, sz, pitch).max(axis=1).mean())) \
        if len(sizes) > 1 else sizes[0]
    texts, all_scores, best = [], [], []
    for line_centers in centers(range(0, min(n, max_cols or n))):
        scores = _score_cells(crop, line_centers, size, pitch)
        texts.append("".join(MRZ_ALPHABET[k] for k in scores.argmax(axis=1)))
        all_scores.append(scores)
        best.append(scores.max(axis=1))
    return CellReading(texts, all_scores, best, geometry, pitch, float(size))
