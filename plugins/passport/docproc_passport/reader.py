"""Page -> MRZ reading: locate bands, pick the orientation, read cells, fall back to tesseract.

Order of work, cheapest first: band detection (~30 ms), an orientation probe scoring
every third cell both ways up, the full cell read of the better orientation, and only
when its checks still fail, tesseract on the same crop (and then the other orientation
or the next band). The best-scoring parse wins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import cv2
import numpy as np

from docproc_passport.cells import CellReading, read_cells
from docproc_passport.layout import layout_for
from docproc_passport.locate import MrzBand, find_mrz_bands
from docproc_passport.parse import MrzResult, best_reading, parse_mrz
from docproc_passport.tess import tesseract_lines

CROP_CHAR_HEIGHT = 22.0
MAX_BANDS = 2
# Crop margin along the lines, in character heights; the roomy one catches an end character the
# band blob missed, and is tried only when the snug crop gave no valid reading.
MARGINS_ALONG = (1.2, 3.0)


@dataclass
class MrzRead:
    """A parsed MRZ and where it came from on the page."""

    result: MrzResult
    band: MrzBand
    flip: bool
    to_crop: np.ndarray  # 2x3 affine: page pixels -> crop pixels
    cells: CellReading | None
    engine: str  # "cells" or "tesseract"

    def field_box(self, line: int, start: int, end: int) -> tuple[int, int, int, int]:
        """Axis-aligned page-pixel box (x, y, w, h) around cells ``start..end-1`` of ``line``."""
        if self.cells is not None and line < len(self.cells.origins):
            x0, y0, _w0, h0 = self.cells.cell_box(line, start)
            x1, y1, w1, h1 = self.cells.cell_box(line, end - 1)
            corners = np.array([[x0, y0], [x1 + w1, y1], [x1 + w1, y1 + h1], [x0, y0 + h0]], np.float64)
        else:
            n_lines, width = self.result.layout.n_lines, self.result.layout.width
            s = self.to_crop[0, 0] ** 2 + self.to_crop[0, 1] ** 2
            scale = float(np.sqrt(s))
            length, height = self.band.length * scale, self.band.height * scale
            cx, cy = self.to_crop @ np.array([*self.band.center, 1.0])
            left, top = cx - length / 2, cy - height / 2
            pitch, row = length / width, height / n_lines
            corners = np.array([[left + start * pitch, top + line * row], [left + end * pitch, top + line * row],
                                [left + end * pitch, top + (line + 1) * row],
                                [left + start * pitch, top + (line + 1) * row]])
        inverse = cv2.invertAffineTransform(self.to_crop)
        page = corners @ inverse[:, :2].T + inverse[:, 2]
        xmin, ymin = page.min(axis=0)
        xmax, ymax = page.max(axis=0)
        return int(np.floor(xmin)), int(np.floor(ymin)), int(np.ceil(xmax - xmin)), int(np.ceil(ymax - ymin))


def _parse_cells(cells: CellReading, reference: dt.date) -> MrzResult | None:
    layout = layout_for(len(cells.lines), len(cells.lines[0]), cells.lines[0][0])
    if layout is None:
        return None
    return parse_mrz(layout, cells.lines, reference=reference, evidence=cells.scores)


def _merge(cells_result: MrzResult, tess_result: MrzResult, reference: dt.date) -> MrzResult | None:
    """Cell-read lines with the guarded fields whose checks failed taken from tesseract where its checks pass.

    Templates do not mistake fillers for K in names; tesseract sometimes wins an O/0 tie the
    templates could not settle. Names and codes stay as the cell reader saw them.
    """
    layout = cells_result.layout
    if tess_result.layout is not layout:
        return None
    lines = list(cells_result.lines)
    changed = False
    for spec in layout.fields:
        if spec.check is None or cells_result.checks.get(spec.name, True) or not tess_result.checks.get(spec.name):
            continue
        for col in [*range(spec.start, spec.end), spec.check]:
            line = lines[spec.line]
            lines[spec.line] = line[:col] + tess_result.lines[spec.line][col] + line[col + 1 :]
        changed = True
    if layout.composite_at and not cells_result.checks.get("composite", True) and tess_result.checks.get("composite"):
        li, col = layout.composite_at
        lines[li] = lines[li][:col] + tess_result.lines[li][col] + lines[li][col + 1 :]
        changed = True
    if not changed:
        return None
    merged = parse_mrz(layout, lines, reference=reference)
    merged.raw_lines = cells_result.raw_lines
    merged.repairs = sorted({*cells_result.repairs, *merged.repairs, "tesseract"})
    return merged


def _orientations(gray: np.ndarray, band: MrzBand,
                  margin_along: float) -> list[tuple[bool, np.ndarray, np.ndarray, float]]:
    """Both crops of a band, the more plausible orientation first (probe: the first cells)."""
    out = []
    for flip in (False, True):
        crop, m = band.crop(gray, flip=flip, target_char_height=CROP_CHAR_HEIGHT, margin_along=margin_along)
        probe = read_cells(crop, band.n_lines, CROP_CHAR_HEIGHT, max_cols=10, size_search=False)
        out.append((flip, crop, m, probe.mean_score if probe else 0.0))
    out.sort(key=lambda o: o[3], reverse=True)
    return out


def plausible(result: MrzResult) -> bool:
    """Whether a parse is an MRZ at all (maybe damaged) rather than text that merely looked like one."""
    structural = ("issuing_state_unknown", "nationality_unknown", "birth_date_invalid", "expiry_date_invalid")
    evidence = sum(result.checks.values()) + sum(p not in result.problems for p in structural)
    return evidence >= MIN_EVIDENCE


MIN_EVIDENCE = 4


def read_mrz(gray: np.ndarray, *, reference: dt.date | None = None, use_tesseract: bool = True) -> MrzRead | None:
    """The best MRZ reading on a grey page, or ``None`` when no MRZ could be read."""
    reference = reference or dt.date.today()
    best: MrzRead | None = None
    attempts = [(band, margin) for band in find_mrz_bands(gray)[:MAX_BANDS] for margin in MARGINS_ALONG]
    for band, margin in attempts:
        orientations = _orientations(gray, band, margin)
        for rank, (flip, crop, m, probe_score) in enumerate(orientations):
            if rank > 0 and orientations[0][3] - probe_score > 0.08 and best is not None:
                break  # the probe was clear: the upside-down crop cannot be an MRZ
            cells = read_cells(crop, band.n_lines, CROP_CHAR_HEIGHT)
            result = _parse_cells(cells, reference) if cells else None
            if result is not None and (best is None or result.score > best.result.score):
                best = MrzRead(result, band, flip, m, cells, "cells")
            if best is not None and best.result.valid:
                return best
            if use_tesseract:
                tess = best_reading(tesseract_lines(crop), reference=reference)
                merged = _merge(result, tess, reference) if result is not None and tess is not None else None
                if merged is not None and merged.score >= (tess.score if tess else 0) and (
                        best is None or merged.score > best.result.score):
                    best = MrzRead(merged, band, flip, m, cells, "cells+tesseract")
                elif tess is not None and (best is None or tess.score > best.result.score):
                    same_grid = cells if cells and len(cells.lines) == tess.layout.n_lines else None
                    if same_grid and len(same_grid.lines[0]) != tess.layout.width:
                        same_grid = None
                    best = MrzRead(tess, band, flip, m, same_grid, "tesseract")
                if best is not None and best.result.valid:
                    return best
    return best if best is not None and plausible(best.result) else None
